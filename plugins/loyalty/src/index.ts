import { definePlugin } from '@guanxi/core';
import { tiersService } from '@guanxi/plugin-tiering';
import { configSchema } from './config';
import { earnOnOrders } from './hooks/earn-on-orders';
import { expireJob } from './jobs/expire';
import { levelsJob } from './jobs/levels';
import * as tables from './migrations/0001-loyalty-tables';
import * as lotsInLedger from './migrations/0002-lots-in-ledger';
import * as orderEntriesByOrder from './migrations/0003-order-entries-by-order';
import { loyaltyPanel } from './panel/loyalty-panel';
import { privacy } from './privacy';
import { routes } from './routes/routes';
import { loyaltyTimeline } from './timeline';

export type { LoyaltySlot } from './card-slots';
export type { LevelConfig, LoyaltyConfig } from './config';
export type { LedgerEntry } from './ledger/entries';
export type { Quadrant } from './measures';
export type { Redemption } from './redemptions';
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
  },
  hooks: { 'orders:recorded': earnOnOrders },
  jobs: { expire: expireJob, levels: levelsJob },
  panels: [loyaltyPanel],
  routes,
  privacy,
  timeline: loyaltyTimeline,
});
