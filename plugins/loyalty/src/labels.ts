import type { Locale } from '@guanxi/core';
import type { LevelConfig } from './config';
import type { Quadrant } from './measures';

type Bilingual = Readonly<Record<Locale, string>>;

export const QUADRANT_LABELS: Readonly<Record<Quadrant, Bilingual>> = {
  loyal: { en: 'Loyal', 'zh-CN': '忠诚' },
  latent: { en: 'Latent loyalty', 'zh-CN': '潜在忠诚' },
  spurious: { en: 'Spurious loyalty', 'zh-CN': '虚伪忠诚' },
  not_loyal: { en: 'Not loyal', 'zh-CN': '不忠诚' },
};

const DEFAULT_LEVEL_LABELS: Readonly<Record<string, Bilingual>> = {
  member: { en: 'Member', 'zh-CN': '会员' },
  silver: { en: 'Silver', 'zh-CN': '银卡' },
  gold: { en: 'Gold', 'zh-CN': '金卡' },
  platinum: { en: 'Platinum', 'zh-CN': '白金卡' },
};

/** A level's name: the configured label, a known default, else its id. */
export function levelLabel(levels: readonly LevelConfig[], id: string, locale: Locale): string {
  const level = levels.find((l) => l.id === id);
  return level?.label?.[locale] ?? DEFAULT_LEVEL_LABELS[id]?.[locale] ?? id;
}

export const PHRASES = {
  en: {
    title: 'Loyalty',
    points: 'Points',
    level: 'Level',
    nextReward: 'Next reward',
    nextRewardValue: (name: string, cost: number, toGo: number) =>
      `${name} (${cost} points, ${toGo} to go)`,
    none: 'none',
    repeats: 'Repeat purchases',
    priceSensitivity: 'Price sensitivity',
    discounted: (share: string) => `${share} of orders discounted`,
    quadrant: 'Loyalty kind',
    noSurvey: 'no attitude survey yet',
  },
  'zh-CN': {
    title: '客户忠诚',
    points: '积分',
    level: '等级',
    nextReward: '下一个奖励',
    nextRewardValue: (name: string, cost: number, toGo: number) =>
      `${name}（${cost} 积分，还差 ${toGo}）`,
    none: '无',
    repeats: '重复购买次数',
    priceSensitivity: '价格敏感度',
    discounted: (share: string) => `${share} 的订单有折扣`,
    quadrant: '忠诚类型',
    noSurvey: '尚无态度调查',
  },
} as const;
