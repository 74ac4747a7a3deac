import { createTestCore, testDialects } from '@guanxi/core/testing';
import type { Kysely } from 'kysely';
import { describe, expect, test } from 'vitest';
import loyalty from '../index';
import * as tables from './0001-loyalty-tables';

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
  test('0002 moves unspent points onto their credits and sums lifetime earnings, losing nothing', async () => {
    const before = { ...loyalty, migrations: { '0001-loyalty-tables': tables } };
    const t = await createTestCore({ dialect, plugins: [before] });
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

      const db = (await t.reopen({ plugins: [loyalty] })).db as AnyDb;
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
});
