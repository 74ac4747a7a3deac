import { createTestCore, testDialects } from '@guanxi/testing';
import { type Kysely, sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { latestBacktest } from '../backtests';
import { latestFit } from '../fits';
import scoring from '../index';
import { type ScoringDb, scoresOf, storeScores } from '../store';
import * as tables from './001-scoring-tables';
import * as teamClustered from './002-team-clustered';
import * as modelChoice from './003-model-choice';

// biome-ignore lint/suspicious/noExplicitAny: the test writes the schema of an older version
type AnyDb = Kysely<any>;

describe.each(testDialects())('scoring migrations on %s', (dialect) => {
  test('002 re-keys purchase days by team without losing one, and keeps the scores', async () => {
    const before = { ...scoring, migrations: { '001-scoring-tables': tables } };
    const t = await createTestCore({ dialect, plugins: [before] });
    try {
      const old = t.core.db as AnyDb;
      const days = [
        { customer_id: 5, team_id: 2, day: '2025-01-02', amount: 300 },
        { customer_id: 3, team_id: 1, day: '2025-01-01', amount: 100 },
        { customer_id: 3, team_id: 1, day: '2025-02-01', amount: 200 },
      ];
      await old.insertInto('scoring_purchase_days').values(days).execute();
      const score = {
        customer_id: 3,
        scorer: 'scoring/rfm',
        team_id: 1,
        version: '1',
        value: 555,
        reasons: '["Champions"]',
        scored_at: '2025-03-01T00:00:00.000Z',
      };
      await old.insertInto('scoring_scores').values(score).execute();

      const db = (await t.reopen({ plugins: [scoring] })).db as AnyDb;
      const moved = await db
        .selectFrom('scoring_purchase_days')
        .select(['customer_id', 'team_id', 'day', 'amount'])
        .orderBy('team_id')
        .orderBy('customer_id')
        .orderBy('day')
        .execute();
      expect(
        moved.map((row) => ({
          ...row,
          customer_id: Number(row.customer_id),
          team_id: Number(row.team_id),
          amount: Number(row.amount),
        })),
      ).toEqual([days[1], days[2], days[0]]);
      const scores = await db.selectFrom('scoring_scores').selectAll().execute();
      expect(
        scores.map((row) => ({
          ...row,
          customer_id: Number(row.customer_id),
          team_id: Number(row.team_id),
          value: Number(row.value),
        })),
      ).toEqual([score]);
    } finally {
      await t.destroy();
    }
  });

  test('003 keeps a fit from before as named by the setting, and adds the backtests', async () => {
    const before = {
      ...scoring,
      migrations: { '001-scoring-tables': tables, '002-team-clustered': teamClustered },
    };
    const t = await createTestCore({ dialect, plugins: [before] });
    try {
      const fit = {
        team_id: 4,
        model: 'pnbd',
        unit: 'week',
        until: '2025-01-31',
        params: '{"r":0.5,"alpha":10,"s":0.6,"beta":12}',
        log_likelihood: -1234.5,
        spend_params: null,
        customers: 90,
        repeat_buyers: 40,
        fitted_at: '2025-02-01T00:00:00.000Z',
      };
      await (t.core.db as AnyDb).insertInto('scoring_fits').values(fit).execute();

      const core = await t.reopen({ plugins: [scoring] });
      const stored = await latestFit(core.db as unknown as ScoringDb, 4);
      expect(stored).toMatchObject({ model: 'pnbd', selection: 'named', customers: 90 });
      expect(await latestBacktest(core.db as unknown as ScoringDb, 4)).toBeNull();
    } finally {
      await t.destroy();
    }
  });

  test('004 keeps every score, a customer’s scores together on SQLite, and scores still update', async () => {
    const before = {
      ...scoring,
      migrations: {
        '001-scoring-tables': tables,
        '002-team-clustered': teamClustered,
        '003-model-choice': modelChoice,
      },
    };
    const t = await createTestCore({ dialect, plugins: [before] });
    try {
      const stored = [
        { customer_id: 9, scorer: 'scoring/rfm', value: 111, reasons: '["Champions"]' },
        { customer_id: 2, scorer: 'scoring/rfm', value: 222, reasons: '["Loyal"]' },
        { customer_id: 9, scorer: 'scoring/clv', value: 3.5, reasons: '[]' },
      ].map((row) => ({ ...row, team_id: 1, version: '1', scored_at: '2025-03-01T00:00:00.000Z' }));
      await (t.core.db as AnyDb).insertInto('scoring_scores').values(stored).execute();

      const db = (await t.reopen({ plugins: [scoring] })).db as unknown as ScoringDb;
      expect((await scoresOf(db, 9)).map((s) => [s.scorer, s.value, s.reasons])).toEqual([
        ['scoring/clv', 3.5, []],
        ['scoring/rfm', 111, ['Champions']],
      ]);
      const rescored = {
        customerId: 2,
        scorer: 'scoring/rfm',
        version: '2',
        value: 333,
        reasons: ['At risk'],
        scoredAt: '2025-04-01T00:00:00.000Z',
      };
      await storeScores(db, 1, [rescored]);
      expect(await scoresOf(db, 2)).toEqual([rescored]);
      if (dialect === 'sqlite') {
        const { rows } = await sql<{ sql: string }>`select sql from sqlite_master
          where name = 'scoring_scores'`.execute(db);
        expect(rows[0]?.sql).toMatch(/without rowid$/i);
      }
    } finally {
      await t.destroy();
    }
  });
});
