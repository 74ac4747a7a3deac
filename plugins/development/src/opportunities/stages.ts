import type { Locale } from '@guanxi/core';
import type { DevelopmentConfig, StageConfig } from '../config';
import type { Bilingual } from '../labels';

export const CLOSED_LABELS: Readonly<Record<'won' | 'lost', Bilingual>> = {
  won: { en: 'Won', 'zh-CN': '赢单' },
  lost: { en: 'Lost', 'zh-CN': '丢单' },
};

/** Why an opportunity was lost. */
export const LOST_REASONS = [
  'price',
  'competitor',
  'no_need',
  'no_budget',
  'timing',
  'no_decision',
  'other',
] as const;

export type LostReason = (typeof LOST_REASONS)[number];

export const LOST_REASON_LABELS: Readonly<Record<LostReason, Bilingual>> = {
  price: { en: 'Price', 'zh-CN': '价格' },
  competitor: { en: 'Lost to a competitor', 'zh-CN': '输给竞争对手' },
  no_need: { en: 'No need', 'zh-CN': '没有需求' },
  no_budget: { en: 'No budget', 'zh-CN': '没有预算' },
  timing: { en: 'Timing', 'zh-CN': '时机不对' },
  no_decision: { en: 'No decision', 'zh-CN': '迟迟不做决定' },
  other: { en: 'Other', 'zh-CN': '其他' },
};

type Stages = DevelopmentConfig['opportunities']['stages'];

export function stageConfig(stages: Stages, id: string): StageConfig | undefined {
  return stages.find((stage) => stage.id === id);
}

/**
 * The chance of winning at a stage: its configured probability, 1 when won, 0 when lost, and
 * 0 at a stage the team has since removed (it counts again once moved to a listed stage).
 */
export function probabilityOf(stages: Stages, stage: string): number {
  if (stage === 'won') return 1;
  if (stage === 'lost') return 0;
  return stageConfig(stages, stage)?.probability ?? 0;
}

/** A stage's name in the locale; a stage the team has since removed shows its id. */
export function stageLabel(stages: Stages, stage: string, locale: Locale): string {
  if (stage === 'won' || stage === 'lost') return CLOSED_LABELS[stage][locale];
  return stageConfig(stages, stage)?.label[locale] ?? stage;
}
