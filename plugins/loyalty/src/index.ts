import { definePlugin, provide } from '@guanxi/core';
import { tiersService } from '@guanxi/plugin-tiering';
import { configSchema } from './config';
import { membersPage } from './console/members-page';
import { redemptionsPage } from './console/redemptions-page';
import { rewardPage, rewardsPage } from './console/rewards-page';
import { earnOnOrders } from './hooks/earn-on-orders';
import { expireJob } from './jobs/expire';
import { levelsJob } from './jobs/levels';
import * as tables from './migrations/0001-loyalty-tables';
import * as lotsInLedger from './migrations/0002-lots-in-ledger';
import * as orderEntriesByOrder from './migrations/0003-order-entries-by-order';
import * as attitudeMeasures from './migrations/0004-attitude-measures';
import * as consoleIndexes from './migrations/0005-console-indexes';
import { loyaltyPanel } from './panel/loyalty-panel';
import { privacy } from './privacy';
import { loyaltyMeasures, loyaltyMeasuresService } from './reports/loyalty-measures';
import { loyaltyReport } from './reports/loyalty-report';
import { routes } from './routes/routes';
import { loyaltyTimeline } from './timeline';

export type { LoyaltySlot } from './card-slots';
export type { LevelConfig, LoyaltyConfig } from './config';
export type { LedgerEntry } from './ledger/entries';
export type { Quadrant } from './measures';
export type { Redemption } from './redemptions';
export type { AttitudeFigures, AttitudeMean, LoyaltyRange } from './reports/loyalty-figures';
export { type LoyaltyMeasures, loyaltyMeasuresService } from './reports/loyalty-measures';
export type { Reward } from './rewards';

export default definePlugin({
  id: 'loyalty',
  version: '1.0.0',
  description: 'Points ledger earned by contribution, levels, rewards, expiry and loyalty kinds',
  dependsOn: { tiering: '^1.0.0' },
  uses: [tiersService],
  configSchema,
  migrations: {
    '0001-loyalty-tables': tables,
    '0002-lots-in-ledger': lotsInLedger,
    '0003-order-entries-by-order': orderEntriesByOrder,
    '0004-attitude-measures': attitudeMeasures,
    '0005-console-indexes': consoleIndexes,
  },
  hooks: { 'orders:recorded': earnOnOrders },
  jobs: { expire: expireJob, levels: levelsJob },
  panels: [loyaltyPanel],
  routes,
  privacy,
  timeline: loyaltyTimeline,
  provides: [provide(loyaltyMeasuresService, loyaltyMeasures)],
  pages: [rewardsPage, rewardPage, membersPage, redemptionsPage, loyaltyReport],
});
