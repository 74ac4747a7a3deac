import type { CustomerFacts } from '@guanxi/core';
import type { DevelopmentConfig } from '../config';
import type { Bilingual } from '../labels';
import type { RelationshipStep } from './steps';

export interface RelationshipEvidence {
  readonly step: RelationshipStep;
  readonly facts: CustomerFacts;
  /** The customer has an opportunity, open or closed. */
  readonly hasOpportunity: boolean;
  /** An opportunity of theirs is past its first stage, or won. */
  readonly pastFirstStage: boolean;
  readonly won: boolean;
  /** Interests a rep noted. */
  readonly interests: number;
}

export interface RelationshipSuggestion {
  readonly to: RelationshipStep;
  readonly reason: Bilingual;
}

/**
 * The next step the evidence supports, one step at a time; the rep decides.
 * stranger → awareness: an interaction is logged or an opportunity opened.
 * awareness → interest: an opportunity is past its first stage or won, or an interest is noted.
 * interest → emotion: a sale won (or two orders) and `emotionInteractions` interactions.
 */
export function suggestStep(
  evidence: RelationshipEvidence,
  config: DevelopmentConfig['relationship'],
): RelationshipSuggestion | null {
  const { step, facts } = evidence;
  if (step === 'stranger' && (facts.interactionCount > 0 || evidence.hasOpportunity)) {
    return {
      to: 'awareness',
      reason: {
        en: 'You have been in touch: they know who we are',
        'zh-CN': '已有往来：对方已了解我们',
      },
    };
  }
  if (step === 'awareness' && (evidence.pastFirstStage || evidence.won || evidence.interests > 0)) {
    return {
      to: 'interest',
      reason: {
        en: 'The sale is under way or their interests are known',
        'zh-CN': '销售已在推进，或已了解对方的利益所在',
      },
    };
  }
  const bought = evidence.won || facts.orderCount >= 2;
  if (step === 'interest' && bought && facts.interactionCount >= config.emotionInteractions) {
    return {
      to: 'emotion',
      reason: {
        en: `They have bought and you have been in touch ${facts.interactionCount} times`,
        'zh-CN': `对方已成交，且往来已达 ${facts.interactionCount} 次`,
      },
    };
  }
  return null;
}
