import { testDialects } from '@guanxi/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { hoursAfterNow, type Kit, openKit } from '../test-kit';

describe.each(testDialects())('response times by tier on %s', (dialect) => {
  let k: Kit;
  afterEach(() => k.t.destroy());

  /** Four customers, one in each tier by revenue, placed by tiering's recompute job. */
  async function oneOfEachTier(): Promise<number[]> {
    const shares = { important: 0.25, secondary: 0.25, normal: 0.25, small: 0.25 };
    await k.t.core.plugins.configure(k.teamId, 'tiering', { shares, hysteresis: 0 }, 'admin');
    const ids: number[] = [];
    for (const revenue of [40_000, 30_000, 20_000, 10_000]) {
      ids.push(await k.customer(`Revenue ${revenue}`, revenue));
    }
    await k.t.core.jobs.run('tiering:recompute', { teamId: k.teamId, args: {} });
    return ids;
  }

  const complain = (customerId: number) =>
    k.open({ customerId, cause: 'product_quality', summary: 'Late delivery' });

  test('each tier gets its own target, key customers fastest; every step resets it', async () => {
    k = await openKit(dialect, { tiering: true });
    const ids = await oneOfEachTier();
    const complaints = [];
    for (const id of ids) complaints.push(await complain(id));
    expect(complaints.map((c) => [c.tier, c.dueAt])).toEqual([
      ['important', hoursAfterNow(4)],
      ['secondary', hoursAfterNow(8)],
      ['normal', hoursAfterNow(24)],
      ['small', hoursAfterNow(48)],
    ]);
    k.t.clock.advance({ hours: 3 });
    const recorded = await k.step(complaints[0]?.id ?? 0, { to: 'recorded', valid: true });
    expect(recorded.dueAt).toBe(hoursAfterNow(7));
  });

  test('the team’s configured hours apply', async () => {
    k = await openKit(dialect, { tiering: true });
    const [important] = await oneOfEachTier();
    await k.t.core.plugins.configure(
      k.teamId,
      'service',
      { responseHours: { important: 1, secondary: 2 } },
      'admin',
    );
    expect((await complain(important ?? 0)).dueAt).toBe(hoursAfterNow(1));
  });

  test('with tiering off for the team, every complaint gets the normal target', async () => {
    k = await openKit(dialect);
    const big = await k.customer('Big', 40_000);
    expect(await complain(big)).toMatchObject({ tier: 'normal', dueAt: hoursAfterNow(24) });
  });
});
