import { definePlugin, provide } from '@guanxi/core';
import { scoringConfig } from './config';
import { backtestPage } from './console/backtest-page';
import { ordersRecorded } from './hooks/orders-recorded';
import { backtestJob } from './jobs/backtest';
import { daysJob } from './jobs/days';
import { fitJob } from './jobs/fit';
import { scoreJob } from './jobs/score';
import * as scoringTables from './migrations/001-scoring-tables';
import * as teamClustered from './migrations/002-team-clustered';
import * as modelChoice from './migrations/003-model-choice';
import * as scoresByCustomer from './migrations/004-scores-by-customer';
import { pAliveReader, pAliveService } from './p-alive-reader';
import { scoresPanel } from './panels/scores';
import { privacy } from './privacy';
import { rescoreBuyers } from './rescore-buyers';
import { routes } from './routes';
import { clvScorer } from './scorers/clv';
import { pAliveScorer } from './scorers/p-alive';
import { rfmScorer } from './scorers/rfm';

export type { StoredBacktest } from './backtests';
export type { ScoreRecord } from './events';
export type { ModelReport } from './model-report';
export { type PAliveReader, pAliveService } from './p-alive-reader';
export type { ScoresSlot } from './panels/scores';

export default definePlugin({
  id: 'scoring',
  version: '1.0.0',
  description:
    'RFM segments, BG/NBD, MBG/NBD and Pareto/NBD (chosen by backtest) with Gamma-Gamma CLV, and custom scorers',
  configSchema: scoringConfig,
  migrations: {
    '001-scoring-tables': scoringTables,
    '002-team-clustered': teamClustered,
    '003-model-choice': modelChoice,
    '004-scores-by-customer': scoresByCustomer,
  },
  events: ['scoring:scored'],
  hooks: { 'orders:recorded': ordersRecorded },
  deferred: rescoreBuyers,
  scorers: [rfmScorer, pAliveScorer, clvScorer],
  jobs: { fit: fitJob, score: scoreJob, backtest: backtestJob, days: daysJob },
  panels: [scoresPanel],
  provides: [provide(pAliveService, pAliveReader)],
  routes,
  privacy,
  pages: [backtestPage],
});
