import type { Bilingual } from '../labels';

/** The ways of finding customers the plugin knows; a team adds its own beside them. */
export const SOURCE_KINDS = [
  'door_to_door',
  'meeting',
  'club',
  'acquaintances',
  'directory',
  'consultancy',
  'agent',
  'referral',
  'centre_of_influence',
  'phone',
  'letter',
  'sms',
  'web',
  'competitor',
] as const;

export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Kinds that name the customer who brought this one; both count as referrals. */
export const REFERRING_KINDS: readonly string[] = ['referral', 'centre_of_influence'];

/** Whom a source of a kind must name: the referring customer, the agent or the competitor. */
export type SourceParty = 'referrer' | 'agent' | 'competitor';

export function partyOf(kind: string): SourceParty | null {
  if (REFERRING_KINDS.includes(kind)) return 'referrer';
  return kind === 'agent' || kind === 'competitor' ? kind : null;
}

export const SOURCE_LABELS: Readonly<Record<SourceKind, Bilingual>> = {
  door_to_door: { en: 'Door to door', 'zh-CN': '逐户访问' },
  meeting: { en: 'Meetings and fairs', 'zh-CN': '会议' },
  club: { en: 'Clubs', 'zh-CN': '俱乐部' },
  acquaintances: { en: 'Friends and relatives', 'zh-CN': '亲朋故旧' },
  directory: { en: 'Directories and data', 'zh-CN': '资料查询' },
  consultancy: { en: 'Consultancies', 'zh-CN': '咨询机构' },
  agent: { en: 'Commissioned agent', 'zh-CN': '委托助手（“猎犬”）' },
  referral: { en: 'Referral', 'zh-CN': '客户介绍' },
  centre_of_influence: { en: 'Centre of influence', 'zh-CN': '中心开花' },
  phone: { en: 'Phone', 'zh-CN': '电话' },
  letter: { en: 'Letter', 'zh-CN': '信函' },
  sms: { en: 'SMS', 'zh-CN': '短信' },
  web: { en: 'Web', 'zh-CN': '网络' },
  competitor: { en: 'Taken from a competitor', 'zh-CN': '争取对手的客户' },
};

export function isBuiltInKind(kind: string): kind is SourceKind {
  return (SOURCE_KINDS as readonly string[]).includes(kind);
}

/** A source kind's names: built in, else the team's own label, else its id. */
export function sourceLabels(
  kind: string,
  own: readonly { readonly id: string; readonly label: Bilingual }[],
): Bilingual {
  if (isBuiltInKind(kind)) return SOURCE_LABELS[kind];
  return own.find((source) => source.id === kind)?.label ?? { en: kind, 'zh-CN': kind };
}
