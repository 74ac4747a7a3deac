import { createTestCore, defined, testDialects } from '@guanxi/testing';
import type { Kysely } from 'kysely';
import { describe, expect, test } from 'vitest';
import { configSchema } from '../config';
import type { LoyaltyContext } from '../context';
import loyalty from '../index';
import { redeem } from '../redemptions';
import { createReward } from '../rewards';
import { statement } from '../routes/statement';
import { fakeTiering } from '../test-kit';
import * as tables from './0001-loyalty-tables';
import * as lotsInLedger from './0002-lots-in-ledger';
import * as orderEntriesByOrder from './0003-order-entries-by-order';

// biome-ignore lint/suspicious/noExplicitAny: the test writes the schema of an older version
type AnyDb = Kysely<any>;

const entry = (
  id: number,
  customer: number,
  kind: string,
  points: number,
  amount: number | null,
) => ({
  id,
  team_id: 1,
  customer_id: customer,
  kind,
  points,
  amount,
  actor: 'system',
  at: `2025-01-0${id}T00:00:00.000Z`,
});

describe.each(testDialects())('loyalty migrations on %s', (dialect) => {
  const tiering = fakeTiering(new Map());
  test('0002 moves unspent points onto their credits and sums lifetime earnings, losing nothing', async () => {
    const before = { ...loyalty, migrations: { '0001-loyalty-tables': tables } };
    const t = await createTestCore({ dialect, plugins: [tiering, before] });
    try {
      const old = t.core.db as AnyDb;
      await old
        .insertInto('loyalty_ledger')
        .values([
          entry(1, 7, 'earn', 100, 5_000),
          entry(2, 7, 'earn', 50, 2_000),
          entry(3, 7, 'redeem', -30, null),
          entry(4, 8, 'adjust', 20, null),
        ])
        .execute();
      const lot = (id: number, customer: number, remaining: number) => ({
        ledger_id: id,
        team_id: 1,
        customer_id: customer,
        earned_at: `2025-01-0${id}T00:00:00.000Z`,
        expires_at: null,
        remaining,
      });
      await old
        .insertInto('loyalty_lots')
        .values([lot(1, 7, 70), lot(2, 7, 50), lot(4, 8, 20)])
        .execute();
      const account = (customer: number, balance: number) => ({
        team_id: 1,
        customer_id: customer,
        balance,
        level: 'member',
        level_since: '2025-01-01T00:00:00.000Z',
        below_since: null,
        updated_at: '2025-01-04T00:00:00.000Z',
      });
      await old
        .insertInto('loyalty_accounts')
        .values([account(7, 120), account(8, 20)])
        .execute();

      const db = (await t.reopen({ plugins: [tiering, loyalty] })).db as AnyDb;
      const ledger = await db
        .selectFrom('loyalty_ledger')
        .select(['id', 'points', 'remaining'])
        .orderBy('id')
        .execute();
      expect(ledger.map((row) => [Number(row.id), Number(row.points), row.remaining])).toEqual([
        [1, 100, 70],
        [2, 50, 50],
        [3, -30, null],
        [4, 20, 20],
      ]);
      const accounts = await db
        .selectFrom('loyalty_accounts')
        .select(['customer_id', 'balance', 'earned', 'spend'])
        .orderBy('customer_id')
        .execute();
      expect(
        accounts.map((a) => [a.customer_id, a.balance, a.earned, a.spend].map(Number)),
      ).toEqual([
        [7, 120, 150, 7_000],
        [8, 20, 0, 0],
      ]);
    } finally {
      await t.destroy();
    }
  });
  test('0003 takes order entries out of the customer index and sums level values, losing nothing', async () => {
    const before = {
      ...loyalty,
      migrations: { '0001-loyalty-tables': tables, '0002-lots-in-ledger': lotsInLedger },
    };
    const t = await createTestCore({
      dialect,
      plugins: [tiering, before],
      now: '2025-02-01T00:00:00Z',
    });
    try {
      const teamId = (await t.core.teams.create({ name: 'North', slug: 'north' })).id;
      const [buyer, other] = await t.core.customers.createMany(teamId, [
        { kind: 'person', name: 'Buyer' },
        { kind: 'person', name: 'Other' },
      ]);
      const c = defined(buyer).id;
      const d = defined(other).id;
      const { recorded } = await t.core.orders.record(teamId, [
        { customerId: c, amount: 10_000, placedAt: '2025-01-01' },
        { customerId: c, amount: 5_000, placedAt: '2025-01-02' },
      ]);
      const [first, refunded] = recorded.map((order) => order.id);
      const row = (day: number, fields: Record<string, unknown>) => ({
        team_id: teamId,
        actor: 'system',
        at: `2025-01-0${day}T00:00:00.000Z`,
        ...fields,
      });
      const old = t.core.db as AnyDb;
      const inserted = await old
        .insertInto('loyalty_ledger')
        .values([
          row(1, {
            customer_id: c,
            kind: 'earn',
            points: 100,
            amount: 10_000,
            order_id: first,
            remaining: 100,
          }),
          row(2, {
            customer_id: c,
            kind: 'earn',
            points: 100,
            reference: 'bonus:first-order',
            remaining: 100,
          }),
          row(3, {
            customer_id: c,
            kind: 'earn',
            points: 50,
            amount: 5_000,
            order_id: refunded,
            remaining: 0,
          }),
          row(4, {
            customer_id: c,
            kind: 'reverse',
            points: -50,
            amount: -5_000,
            order_id: refunded,
            shortfall: 0,
          }),
          row(5, { customer_id: d, kind: 'adjust', points: 20, note: 'goodwill', remaining: 20 }),
        ])
        .returning('id')
        .execute();
      const [e1, e2, e3, e4] = inserted.map((entry) => Number(entry.id));
      const account = (customer: number, balance: number, earned: number, spend: number) => ({
        team_id: teamId,
        customer_id: customer,
        balance,
        level: 'member',
        level_since: '2025-01-01T00:00:00.000Z',
        below_since: null,
        updated_at: '2025-01-05T00:00:00.000Z',
        earned,
        spend,
      });
      await old
        .insertInto('loyalty_accounts')
        .values([account(c, 200, 250, 15_000), account(d, 20, 0, 0)])
        .execute();
      const ledgerBefore = await old
        .selectFrom('loyalty_ledger')
        .selectAll()
        .orderBy('id')
        .execute();

      const core = await t.reopen({ plugins: [tiering, loyalty] });
      const db = core.db as AnyDb;
      expect(await db.selectFrom('loyalty_ledger').selectAll().orderBy('id').execute()).toEqual(
        ledgerBefore,
      );
      const accounts = async () =>
        (
          await db
            .selectFrom('loyalty_accounts')
            .select(['customer_id', 'balance', 'level', 'earned', 'spend'])
            .orderBy('customer_id')
            .execute()
        ).map((a) => [
          Number(a.customer_id),
          Number(a.balance),
          a.level,
          Number(a.earned),
          Number(a.spend),
        ]);
      const dates = async () =>
        (
          await db
            .selectFrom('loyalty_account_dates')
            .select(['customer_id', 'level_since', 'below_since', 'first_earned_at', 'updated_at'])
            .orderBy('customer_id')
            .execute()
        ).map((d) => [
          Number(d.customer_id),
          d.level_since,
          d.below_since,
          d.first_earned_at,
          d.updated_at,
        ]);
      expect(await accounts()).toEqual([
        [c, 200, 'member', 200, 10_000],
        [d, 20, 'member', 0, 0],
      ]);
      expect(await dates()).toEqual([
        [
          c,
          '2025-01-01T00:00:00.000Z',
          null,
          '2025-01-01T00:00:00.000Z',
          '2025-01-05T00:00:00.000Z',
        ],
        [d, '2025-01-01T00:00:00.000Z', null, null, '2025-01-05T00:00:00.000Z'],
      ]);

      await core.plugins.enable(teamId, 'loyalty', 'test');
      const ctx: LoyaltyContext = {
        teamId,
        db: core.db,
        core,
        clock: t.clock,
        config: configSchema.parse({}),
        timeZone: 'UTC',
        use: async () => undefined,
      };
      expect((await statement(ctx, c)).entries.map((e) => e.id)).toEqual([e4, e3, e2, e1]);
      const exported = await core.privacy.export(teamId, c);
      const ledger = (exported.plugins.loyalty as { ledger: { id: number }[] }).ledger;
      expect(ledger.map((entry) => Number(entry.id))).toEqual([e1, e2, e3, e4]);
      const reward = await createReward(ctx, { name: 'Mug', cost: 150 });
      await redeem(ctx, { customerId: c, rewardId: reward.id, idempotencyKey: 'r-1' }, 'user:1');
      const lots = await db
        .selectFrom('loyalty_ledger')
        .select(['id', 'remaining'])
        .where('id', 'in', [defined(e1), defined(e2)])
        .orderBy('id')
        .execute();
      expect(lots.map((lot) => [Number(lot.id), Number(lot.remaining)])).toEqual([
        [e1, 0],
        [e2, 50],
      ]);

      await orderEntriesByOrder.down(db);
      const restored = await db
        .selectFrom('loyalty_accounts')
        .select(['customer_id', 'earned', 'spend', 'level_since', 'updated_at'])
        .orderBy('customer_id')
        .execute();
      expect(
        restored.map((a) => [
          Number(a.customer_id),
          Number(a.earned),
          Number(a.spend),
          a.level_since,
          a.updated_at,
        ]),
      ).toEqual([
        [c, 250, 15_000, '2025-01-01T00:00:00.000Z', '2025-01-05T00:00:00.000Z'],
        [d, 0, 0, '2025-01-01T00:00:00.000Z', '2025-01-05T00:00:00.000Z'],
      ]);
      await orderEntriesByOrder.up(db);
      expect((await accounts())[0]).toEqual([c, 50, 'member', 200, 10_000]);
      expect((await dates())[0]?.[3]).toBe('2025-01-01T00:00:00.000Z');
    } finally {
      await t.destroy();
    }
  });
});
