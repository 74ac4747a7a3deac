import { definePluginRoute } from '@guanxi/core';
import type { DevelopmentConfig } from '../config';
import { LOST_REASON_LABELS, LOST_REASONS } from '../opportunities/stages';
import { CUSTOMER_TYPES, TYPE_LABELS, TYPE_STRATEGIES } from '../persuasion/customer-types';
import { PERSUASION_POINTS, POINT_LABELS } from '../persuasion/points';
import { RELATIONSHIP_STEPS, STEP_LABELS } from '../relationship/steps';
import { BUYING_SIGNALS, SIGNAL_LABELS } from '../signals/buying-signals';
import { partyOf, SOURCE_KINDS, sourceLabels } from '../sources/kinds';
import { vocabularySchema } from './schemas';

const route = definePluginRoute<DevelopmentConfig>();

/**
 * What a rep picks from, named in the caller's language: the team's sources (built in and
 * its own) with whom each must name, the buying signals, the customer types with their
 * strategies, the team's stages, the lost reasons, the relationship steps and the three points.
 */
export const vocabularyRoute = route({
  method: 'get',
  path: '/vocabulary',
  operationId: 'vocabulary',
  summary: 'The sources, signals, types, stages and reasons a rep chooses from',
  role: 'rep',
  responses: { 200: { description: 'The lists', schema: vocabularySchema } },
  handler: async (_input, { ctx, locale }) => {
    const own = ctx.config.sources.own;
    return {
      status: 200,
      body: {
        sources: [...SOURCE_KINDS, ...own.map((source) => source.id)].map((kind) => ({
          kind,
          label: sourceLabels(kind, own)[locale],
          party: partyOf(kind),
        })),
        signals: BUYING_SIGNALS.map((signal) => ({
          signal,
          label: SIGNAL_LABELS[signal][locale],
        })),
        customerTypes: CUSTOMER_TYPES.map((type) => ({
          type,
          label: TYPE_LABELS[type][locale],
          strategy: TYPE_STRATEGIES[type][locale],
        })),
        stages: ctx.config.opportunities.stages.map((stage) => ({
          stage: stage.id,
          label: stage.label[locale],
          probability: stage.probability,
        })),
        lostReasons: LOST_REASONS.map((reason) => ({
          reason,
          label: LOST_REASON_LABELS[reason][locale],
        })),
        relationshipSteps: RELATIONSHIP_STEPS.map((step) => ({
          step,
          label: STEP_LABELS[step][locale],
        })),
        checklist: PERSUASION_POINTS.map((point) => ({
          point,
          label: POINT_LABELS[point][locale],
        })),
      },
    };
  },
});
