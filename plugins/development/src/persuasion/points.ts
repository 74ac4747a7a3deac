import type { Bilingual } from '../labels';
import type { Checklist } from '../opportunities/opportunity';

/** The three points of persuasion, in the order a rep works through them. */
export const PERSUASION_POINTS: readonly (keyof Checklist)[] = [
  'introduced',
  'answered',
  'benefits',
];

export const POINT_LABELS: Readonly<Record<keyof Checklist, Bilingual>> = {
  introduced: {
    en: 'Introduce the company, the product’s merits, price and service',
    'zh-CN': '讲清公司情况、产品长处、价格与服务',
  },
  answered: {
    en: 'Answer their questions and clear their doubts, adjusting to them',
    'zh-CN': '回应对方的每个问题、打消顾虑，按对方特点调整做法',
  },
  benefits: {
    en: 'State the benefits of buying, and state them again',
    'zh-CN': '把购买的好处讲透，并多次重申',
  },
};
