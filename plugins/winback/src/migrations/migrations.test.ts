import scoring from '@guanxi/plugin-scoring';
import service from '@guanxi/plugin-service';
import tiering from '@guanxi/plugin-tiering';
import { createTestCore, testDialects } from '@guanxi/testing';
import type { Kysely } from 'kysely';
import { describe, expect, test } from 'vitest';
import winback from '../index';
import * as tables from './0001-winback-tables';
import * as dropOrderDays from './0002-drop-order-days';

// biome-ignore lint/suspicious/noExplicitAny: the test writes the schema of an older version
type AnyDb = Kysely<any>;

describe.each(testDialects())('win-back migrations on %s', (dialect) => {
  test('0003 reads the rule of earlier detections from their reasons; a person’s stays null', async () => {
    const before = {
      ...winback,
      migrations: { '0001-winback-tables': tables, '0002-drop-order-days': dropOrderDays },
    };
    const t = await createTestCore({ dialect, plugins: [scoring, tiering, service, before] });
    try {
      const churn = {
        team_id: 1,
        churned_at: '2024-01-01T00:00:00.000Z',
        kind: 'natural',
        kind_source: 'default',
        tier: null,
        policy: 'try_hard',
        won_back_at: null,
      };
      const reasons = [
        'P(alive) 0.113 under 0.2',
        'no order for 200 days, over 180 after a single order',
        'no order for 80 days, over 30 (3 × the median gap)',
        'moved to Shanghai',
      ];
      await (t.core.db as AnyDb)
        .insertInto('winback_churns')
        .values(reasons.map((reason, i) => ({ ...churn, customer_id: i + 1, reason })))
        .execute();

      const db = (await t.reopen({ plugins: [scoring, tiering, service, winback] })).db as AnyDb;
      const rows = await db
        .selectFrom('winback_churns')
        .select(['reason', 'rule'])
        .orderBy('customer_id')
        .execute();
      expect(rows.map((r) => r.rule)).toEqual(['p_alive', 'one_order', 'median_gap', null]);
      expect(rows.map((r) => r.reason)).toEqual(reasons);
    } finally {
      await t.destroy();
    }
  });
});
