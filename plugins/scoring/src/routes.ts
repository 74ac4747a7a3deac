import { definePluginRoute } from '@guanxi/core';
import type { ScoringConfig } from './config';
import { modelReport } from './model-report';
import { modelReportSchema } from './route-schemas';

const route = definePluginRoute<ScoringConfig>();

/**
 * Served at /v1/teams/<team>/plugins/scoring/: the team's model, how it was chosen, and the
 * latest backtest behind it, in the shape a chart draws (weeks with forecast and actual).
 */
export const routes = [
  route({
    method: 'get',
    path: '/backtest',
    operationId: 'getBacktest',
    summary: 'The team’s model, how it was chosen, and the latest backtest, week by week',
    role: 'rep',
    responses: { 200: { description: 'The model report', schema: modelReportSchema } },
    handler: async (_input, { ctx }) => ({ status: 200, body: await modelReport(ctx) }),
  }),
];
