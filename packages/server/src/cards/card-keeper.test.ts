import { createTestApp, type TestApp, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createApp } from '../app';
import { createLogger } from '../logger';
import { CardKeeper } from './card-keeper';

describe.each(testDialects())('keeping customer cards ready on %s', (dialect) => {
  let a: TestApp;
  let ids: number[];
  beforeEach(async () => {
    a = await createTestApp({ dialect, app: createApp });
    const people = Array.from({ length: 3 }, (_, i) => ({
      kind: 'person' as const,
      name: `P${i}`,
    }));
    ids = (await a.t.core.customers.createMany(a.teamA, people)).map((c) => c.id);
    await a.t.core.customers.createMany(a.teamB, [{ kind: 'person', name: 'Q' }]);
  });
  afterEach(() => a.destroy());

  const keeper = () => new CardKeeper({ core: a.t.core, logger: createLogger('silent') });
  const storedCards = async () =>
    (await a.t.core.db.selectFrom('customer_cards').select('customer_id').execute()).length;

  test('a pass builds every team’s missing and stale cards, then nothing until a write', async () => {
    const cards = await storedCards();
    const built = await keeper().runOnce();
    expect(built).toBeGreaterThanOrEqual(4);
    expect(await storedCards()).toBe(cards + built);
    expect(await keeper().runOnce()).toBe(0);
    await a.t.core.orders.record(a.teamA, [
      { customerId: ids[0] as number, amount: 10, placedAt: '2024-01-01' },
    ]);
    expect(await keeper().runOnce()).toBe(1);
  });

  test('started, it makes cards ready in the background until stopped', async () => {
    const { db } = a.t.core;
    const customers = Number(
      (
        await db
          .selectFrom('customer_facts')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const ready = async () =>
      Number(
        (
          await db
            .selectFrom('customer_facts as f')
            .innerJoin('customer_cards as c', (join) =>
              join
                .onRef('c.customer_id', '=', 'f.customer_id')
                .onRef('c.card_version', '=', 'f.version'),
            )
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const running = new CardKeeper({
      core: a.t.core,
      logger: createLogger('silent'),
      intervalMs: 10,
    });
    running.start();
    await expect.poll(ready, { timeout: 5_000 }).toBe(customers);
    await a.t.core.customers.touch(a.teamA, ids);
    await expect.poll(ready, { timeout: 5_000 }).toBe(customers);
    await running.stop();
    await a.t.core.customers.touch(a.teamA, ids);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await ready()).toBe(customers - 3);
  });
});
