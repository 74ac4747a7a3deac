import { definePlugin } from '@guanxi/core';
import { pAliveService } from '@guanxi/plugin-scoring';
import { tiersService } from '@guanxi/plugin-tiering';
import { configSchema } from './config';
import { pipelinePage } from './console/pipeline-page';
import { referralsPage } from './console/referrals-page';
import { sourcesPage } from './console/sources-page';
import { developmentTimeline } from './console/timeline';
import { OPPORTUNITY_EVENTS } from './events';
import { fitScorer } from './fit/fit-scorer';
import { customerCreated } from './hooks/customer-created';
import { customerUpdated } from './hooks/customer-updated';
import { ordersRecorded } from './hooks/orders-recorded';
import { demoJob } from './jobs/demo';
import { profileJob } from './jobs/profile';
import * as tables from './migrations/0001-development-tables';
import { developmentPanel } from './panel/development-panel';
import { privacy } from './privacy';
import { routes } from './routes';

export type { DevelopmentSlot } from './card-slots';
export type { DevelopmentConfig, StageConfig } from './config';
export type { OpportunityEvent } from './events';
export type { FitEvaluation } from './fit/evaluate';
export type { ReferenceCase } from './library/cases';
export type { Pains } from './library/pains';
export type { Balance, Checklist, Opportunity, StageChange } from './opportunities/opportunity';
export type {
  Conversion,
  Forecast,
  LostReasonRow,
  Pipeline,
  SourceWinRate,
} from './opportunities/reports';
export type { CustomerType } from './persuasion/customer-types';
export type { Interest, RelationshipChange } from './relationship/relationship';
export type { RelationshipStep, Standing } from './relationship/steps';
export type { BuyingSignal } from './signals/buying-signals';
export type { AgentFeesDue } from './sources/agent-fees';
export type { ReferralNode, ReferralTree } from './sources/referrals';
export type { SourcesReport } from './sources/report';
export type { Source } from './sources/store';

export default definePlugin({
  id: 'development',
  version: '1.0.0',
  description:
    'Customer development: sources and referrals, target fit, opportunities, persuasion, buying signals, relationship steps',
  dependsOn: { scoring: '^1.0.0', tiering: '^1.0.0' },
  uses: [tiersService, pAliveService],
  configSchema,
  migrations: { '0001-development-tables': tables },
  events: OPPORTUNITY_EVENTS,
  hooks: {
    'customer:created': customerCreated,
    'customer:updated': customerUpdated,
    'orders:recorded': ordersRecorded,
  },
  panels: [developmentPanel],
  scorers: [fitScorer],
  jobs: { profile: profileJob, demo: demoJob },
  routes,
  privacy,
  pages: [pipelinePage, sourcesPage, referralsPage],
  timeline: developmentTimeline,
});
