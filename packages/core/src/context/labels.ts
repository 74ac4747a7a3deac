import type { Channel } from '../interactions/interaction';
import type { Stage } from '../lifecycle/stages';
import type { Locale } from '../plugins/define-plugin';

type Localised = Readonly<Record<Locale, string>>;

/** Stage names in the words each language's sales teams use (DOMAIN §1). */
export const STAGE_LABELS: Readonly<Record<Stage, Localised>> = {
  potential: { en: 'Potential customer', 'zh-CN': '潜在客户' },
  target: { en: 'Target customer', 'zh-CN': '目标客户' },
  active: { en: 'Active customer', 'zh-CN': '现实客户' },
  churned: { en: 'Churned customer', 'zh-CN': '流失客户' },
  non_customer: { en: 'Non-customer', 'zh-CN': '非客户' },
};

/** Channel names, for every form and page that names how a customer was reached (DOMAIN §5). */
export const CHANNEL_LABELS: Readonly<Record<Channel, Localised>> = {
  visit: { en: 'Visit', 'zh-CN': '拜访' },
  event: { en: 'Event', 'zh-CN': '活动' },
  mail: { en: 'Mail', 'zh-CN': '信函' },
  phone: { en: 'Phone', 'zh-CN': '电话' },
  web: { en: 'Web', 'zh-CN': '网站' },
  email: { en: 'E-mail', 'zh-CN': '电子邮件' },
  call_centre: { en: 'Call centre', 'zh-CN': '呼叫中心' },
  hotline: { en: 'Hotline', 'zh-CN': '热线' },
  suggestion_box: { en: 'Suggestion box', 'zh-CN': '意见箱' },
  chat: { en: 'Chat', 'zh-CN': '在线聊天' },
  meeting: { en: 'Meeting', 'zh-CN': '会议' },
  other: { en: 'Other', 'zh-CN': '其他' },
};

/** What to do next when no plugin has a better idea: the stage's natural next step. */
export const STAGE_ACTIONS: Readonly<Record<Stage, { label: Localised; reason: Localised }>> = {
  potential: {
    label: { en: 'Qualify: learn their need and budget', 'zh-CN': '资格审查：了解需求与预算' },
    reason: { en: 'Not yet a target customer', 'zh-CN': '尚未成为目标客户' },
  },
  target: {
    label: { en: 'Make a first offer', 'zh-CN': '提出首次报价' },
    reason: { en: 'Chosen as a target, no order yet', 'zh-CN': '已选为目标客户，尚无订单' },
  },
  active: {
    label: { en: 'Keep in touch and look for repeat needs', 'zh-CN': '保持联系，发掘重复需求' },
    reason: { en: 'A current paying customer', 'zh-CN': '当前付费客户' },
  },
  churned: {
    label: { en: 'Find out why they left', 'zh-CN': '调查流失原因' },
    reason: { en: 'Churned: investigate before any offer', 'zh-CN': '已流失：先调查原因再挽回' },
  },
  non_customer: {
    label: { en: 'No action needed', 'zh-CN': '无需行动' },
    reason: { en: 'Disqualified or abandoned', 'zh-CN': '已排除或放弃' },
  },
};

export function localise(text: Localised, locale: Locale): string {
  return text[locale];
}
