import { definePlugin } from '@guanxi/core';
import { configSchema } from './config';
import { countServiceContacts } from './hooks/count-service-contacts';
import * as tables from './migrations/0001-example-scorer-tables';
import { goodCustomerPanel } from './panel/good-customer-panel';
import { privacy } from './privacy';
import { routes } from './routes';
import { goodCustomerScorer } from './score/good-customer-scorer';

export type { GoodCustomerSlot } from './card-slots';
export type { ExampleScorerConfig } from './config';
export type { DiscountInput } from './signals/discounts';
export type { PaymentInput } from './signals/payments';

export default definePlugin({
  id: 'example-scorer',
  version: '1.0.0',
  description: 'A company’s own idea of a good customer: demand, margin, payment, service, risk',
  // Its scores are run and stored by the scoring plugin.
  dependsOn: { scoring: '^1.0.0' },
  configSchema,
  migrations: { '0001-example-scorer-tables': tables },
  hooks: { 'interactions:logged': countServiceContacts },
  panels: [goodCustomerPanel],
  scorers: [goodCustomerScorer],
  routes,
  privacy,
});
