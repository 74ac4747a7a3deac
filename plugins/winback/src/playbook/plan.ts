import type { ChurnKind } from '../kinds';

/** What a step asks the owner to do; labels.ts words each in both languages. */
export const ACTIONS = [
  'investigate',
  'soothe',
  'resolve_complaint',
  'match_offer',
  'remind_renew',
  'apologise_fix',
  'check_location',
  'invite_back',
] as const;
export type Action = (typeof ACTIONS)[number];

/** The remedy fitted to each kind of churn (对症下药); malicious churn gets none. */
const REMEDY: Readonly<Record<Exclude<ChurnKind, 'malicious'>, Action>> = {
  retaliatory: 'resolve_complaint',
  competitive: 'match_offer',
  non_malicious: 'remind_renew',
  fault: 'apologise_fix',
  natural: 'check_location',
};

/** A win-back playbook's steps in order: investigate the cause, soothe, remedy, invite back. */
export function stepsFor(kind: ChurnKind): readonly Action[] {
  if (kind === 'malicious') return [];
  return ['investigate', 'soothe', REMEDY[kind], 'invite_back'];
}
