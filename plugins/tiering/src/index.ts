import { definePlugin, provide } from '@guanxi/core';
import { tieringConfig } from './config';
import { movementsPage } from './console/movements-page';
import { pyramidPage, pyramidWidget } from './console/pyramid-page';
import { tierFilter } from './console/tier-filter';
import { tierTimeline } from './console/tier-timeline';
import { customerCreated } from './hooks/customer-created';
import { lifecycleTransitioned } from './hooks/lifecycle-transitioned';
import { ordersRecorded } from './hooks/orders-recorded';
import { scoringScored } from './hooks/scoring-scored';
import { recomputeJob } from './jobs/recompute';
import * as tieringTables from './migrations/001-tiering-tables';
import * as customerIndex from './migrations/002-customer-index';
import * as consoleIndexes from './migrations/003-console-indexes';
import * as movementsIndex from './migrations/004-movements-index';
import { tierPanel } from './panels/tier';
import { placeBuyers } from './place-buyers';
import { privacy } from './privacy';
import { tierReader, tiersService } from './tier-reader';

export type { Measure, Shares, TieringConfig } from './config';
export type { TierChange } from './events';
export { TIER_LABELS } from './labels';
export type { LadderSlot, TierSlot } from './panels/tier';
export type { RecomputeResult } from './recompute';
export { type TierReader, tiersService } from './tier-reader';
export { type Boundary, type LadderLevel, type Strategy, TIERS, type Tier } from './tiers';

export default definePlugin({
  id: 'tiering',
  version: '1.0.0',
  description: 'Customer pyramid by value (important, secondary, normal, small) and loyalty ladder',
  dependsOn: { scoring: '^1.0.0' },
  configSchema: tieringConfig,
  migrations: {
    '001-tiering-tables': tieringTables,
    '002-customer-index': customerIndex,
    '003-console-indexes': consoleIndexes,
    '004-movements-index': movementsIndex,
  },
  events: ['tier:changed'],
  hooks: {
    'customer:created': customerCreated,
    'lifecycle:transitioned': lifecycleTransitioned,
    'orders:recorded': ordersRecorded,
    'scoring:scored': scoringScored,
  },
  jobs: { recompute: recomputeJob },
  deferred: placeBuyers,
  panels: [tierPanel],
  provides: [provide(tiersService, tierReader)],
  privacy,
  pages: [pyramidPage, movementsPage],
  widgets: [pyramidWidget],
  timeline: tierTimeline,
  customerFilters: [tierFilter],
});
