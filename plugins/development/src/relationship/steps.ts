import type { RelationshipStage } from '@guanxi/core';
import type { Bilingual } from '../labels';

/**
 * Where a relationship stands: a stranger until awareness (认知), familiar through awareness
 * and interest (利益), a relationship customer once emotion (情感) is reached. The last three
 * are the core's relationship stages; a stranger has none.
 */
export const RELATIONSHIP_STEPS = ['stranger', 'awareness', 'interest', 'emotion'] as const;

export type RelationshipStep = (typeof RELATIONSHIP_STEPS)[number];

export type Standing = 'stranger' | 'familiar' | 'relationship';

export const STEP_LABELS: Readonly<Record<RelationshipStep, Bilingual>> = {
  stranger: { en: 'Stranger', 'zh-CN': '陌生' },
  awareness: { en: 'Awareness', 'zh-CN': '认知' },
  interest: { en: 'Interest', 'zh-CN': '利益' },
  emotion: { en: 'Emotion', 'zh-CN': '情感' },
};

export const STANDING_LABELS: Readonly<Record<Standing, Bilingual>> = {
  stranger: { en: 'Stranger', 'zh-CN': '陌生客户' },
  familiar: { en: 'Familiar customer', 'zh-CN': '熟悉客户' },
  relationship: { en: 'Relationship customer', 'zh-CN': '关系客户' },
};

export function stepOf(stage: RelationshipStage | null): RelationshipStep {
  return stage ?? 'stranger';
}

export function stageOf(step: RelationshipStep): RelationshipStage | null {
  return step === 'stranger' ? null : step;
}

export function standingOf(step: RelationshipStep): Standing {
  if (step === 'stranger') return 'stranger';
  return step === 'emotion' ? 'relationship' : 'familiar';
}
