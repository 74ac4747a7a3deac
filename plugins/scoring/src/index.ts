import { definePlugin } from '@guanxi/core';

export type { ScoreRecord } from './events';

export default definePlugin({
  id: 'scoring',
  version: '1.0.0',
  description: 'RFM segments, BG/NBD and Pareto/NBD with Gamma-Gamma CLV, and custom scorers',
  events: ['scoring:scored'],
});
