import type { Bilingual } from '../labels';

/** The ten kinds of customer a rep persuades differently. */
export const CUSTOMER_TYPES = [
  'rational',
  'impulsive',
  'stubborn',
  'combative',
  'indecisive',
  'self_admiring',
  'domineering',
  'suspicious',
  'taciturn',
  'haggler',
] as const;

export type CustomerType = (typeof CUSTOMER_TYPES)[number];

export const TYPE_LABELS: Readonly<Record<CustomerType, Bilingual>> = {
  rational: { en: 'Rational', 'zh-CN': '理智型' },
  impulsive: { en: 'Impulsive', 'zh-CN': '冲动型' },
  stubborn: { en: 'Stubborn', 'zh-CN': '顽固型' },
  combative: { en: 'Combative', 'zh-CN': '好斗型' },
  indecisive: { en: 'Indecisive', 'zh-CN': '优柔寡断型' },
  self_admiring: { en: 'Self-admiring', 'zh-CN': '孤芳自赏型' },
  domineering: { en: 'Domineering', 'zh-CN': '盛气凌人型' },
  suspicious: { en: 'Suspicious', 'zh-CN': '生性多疑型' },
  taciturn: { en: 'Taciturn', 'zh-CN': '沉默寡言型' },
  haggler: { en: 'Haggler', 'zh-CN': '斤斤计较型' },
};

/** How to persuade each kind, as the card shows it. */
export const TYPE_STRATEGIES: Readonly<Record<CustomerType, Bilingual>> = {
  rational: {
    en: 'Bring facts, figures and fair comparisons, then let them weigh it up; never push.',
    'zh-CN': '摆事实、给数据、做公允的比较，让对方自己权衡，切忌强推。',
  },
  impulsive: {
    en: 'Keep it short and vivid, lead with the gain they get now, close while the interest is warm and confirm the terms in writing.',
    'zh-CN': '简短生动，先讲眼前的好处，趁兴趣正浓时成交，并书面确认条款。',
  },
  stubborn: {
    en: 'Do not argue head-on: start from what they already believe, let people they trust vouch for you, and give them time.',
    'zh-CN': '不与其正面争辩：从对方已认同的观点入手，请其信任的人作证，并给足时间。',
  },
  combative: {
    en: 'Stay calm and courteous, let them win the small points, and hold to the facts on the ones that matter.',
    'zh-CN': '保持冷静有礼，小问题上让对方占上风，关键问题上以事实为据。',
  },
  indecisive: {
    en: 'Narrow the choice to two, recommend one plainly, ease their worries with guarantees and agree a gentle deadline.',
    'zh-CN': '把选择缩小到两个，明确推荐其中一个，用保证打消顾虑，并约定一个温和的期限。',
  },
  self_admiring: {
    en: 'Ask their opinion, praise their judgement where it is due, and let the decision feel like their own idea.',
    'zh-CN': '多向对方请教，在恰当之处肯定其眼光，让决定像是对方自己的主意。',
  },
  domineering: {
    en: 'Show respect without bowing: be well prepared and confident, and keep firm on the terms.',
    'zh-CN': '尊重但不卑躬：准备充分、自信从容，在条件上守住底线。',
  },
  suspicious: {
    en: 'Back every claim with proof (reference cases, a trial, written guarantees) and never promise more than you can keep.',
    'zh-CN': '每个说法都有凭据（参考案例、试用、书面保证），绝不承诺做不到的事。',
  },
  taciturn: {
    en: 'Ask open questions, watch how they react, and leave written material they can read in their own time.',
    'zh-CN': '多问开放式问题，留心对方的反应，留下书面资料供其自行细看。',
  },
  haggler: {
    en: 'Show the whole value and the total cost over time, trade every concession for something in return, and keep a small extra for the close.',
    'zh-CN': '讲清整体价值和长期总成本，每次让步都换取回报，留一点小优惠在成交时给出。',
  },
};
