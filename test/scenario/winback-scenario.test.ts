import { appUnderTest, bundledPlugins } from '@guanxi/server';
import {
  type Caller,
  createTestApp,
  defined,
  expectJson,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const bundled = await bundledPlugins();

/**
 * One key customer's story across tiering, scoring, service, win-back and loyalty, on the
 * real app with the injected clock: a complaint left unresolved, silence, churn detected as
 * retaliatory, a "resolve the complaint first" playbook for the owning rep, the complaint
 * closed, a new order, the win-back recorded and points earned at the key-tier rate. Team B
 * lives the same story with loyalty off.
 */

const PLUGINS = ['scoring', 'tiering', 'service', 'winback', 'loyalty'] as const;
const DAY_MS = 86_400_000;
const HISTORY_START = Date.parse('2024-01-01T00:00:00Z');
const COMPLAINT_AT = '2024-07-20T09:00:00Z';
const DETECT_AT = '2025-01-15T09:00:00Z';
const BACK_AT = '2025-01-20T09:00:00Z';
const WON_BACK_ORDER = 10_000;

const day = (offset: number) => new Date(HISTORY_START + offset * DAY_MS).toISOString();

interface Story {
  readonly key: number;
  readonly detected: Record<string, unknown>;
  readonly kindAfterChurn: unknown;
  readonly playbookAfterChurn: Record<string, unknown>;
  readonly stageAfterChurn: string;
  readonly playbookAfterReturn: Record<string, unknown>;
  readonly stageAfterReturn: string;
  readonly tier: unknown;
  readonly loyalty: Response;
}

describe.each(testDialects())('a key customer lost and won back on %s', (dialect) => {
  let a: TestApp;
  const stories = new Map<string, Story>();

  /** The same story for one team, told through the API as its rep. */
  async function live(teamId: number, rep: Caller, repUserId: number): Promise<Story> {
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await a.call(rep, method, `/v1/teams/${teamId}${path}`, body);
      return expectJson(response, method === 'POST' && response.status === 201 ? 201 : 200);
    };
    const plugin = (id: string, path: string) => `/plugins/${id}${path}`;

    // 100 customers. The first, owned by the rep, buys big every week; of the others,
    // the odd ones bought three times early and lapsed, the even ones buy every month.
    const customers = await a.t.core.customers.createMany(
      teamId,
      Array.from({ length: 100 }, (_, i) => ({
        kind: 'company' as const,
        name: `Customer ${i}`,
        ...(i === 0 ? { ownerUserId: repUserId } : {}),
      })),
    );
    const key = customers[0]?.id as number;
    const history = customers.flatMap((customer, i) =>
      i === 0
        ? Array.from({ length: 26 }, (_, n) => ({
            customerId: customer.id,
            amount: 80_000,
            placedAt: day(n * 7),
          }))
        : Array.from({ length: i % 2 === 1 ? 3 : 7 }, (_, n) => ({
            customerId: customer.id,
            amount: 1_000 + i * 50,
            placedAt: day((i % 2 === 1 ? 20 : 30) * n + (i % 10)),
          })),
    );
    a.t.clock.set(COMPLAINT_AT);
    await a.t.core.orders.record(teamId, history);
    await a.t.core.jobs.run('tiering:recompute', { teamId });
    const tier = await tierOf(teamId, key);

    // 1. The complaint stays open, and the customer stops buying; the others go on.
    const opened = await call('POST', plugin('service', '/complaints'), {
      customerId: key,
      cause: 'service_attitude',
      summary: 'Delivery crew was rude and the order arrived late',
      channel: 'phone',
    });
    const complaintId = opened.id as number;
    a.t.clock.set(DETECT_AT);
    await a.t.core.orders.record(
      teamId,
      customers
        .filter((_, i) => i > 0 && i % 2 === 0)
        .map((customer) => ({
          customerId: customer.id,
          amount: 2_000,
          placedAt: '2025-01-10T12:00:00Z',
        })),
    );

    // 2. Scoring fits the team, win-back detects the churn and names its kind.
    await a.t.core.jobs.run('scoring:fit', { teamId });
    await a.t.core.jobs.run('scoring:score', { teamId });
    const detected = await a.t.core.jobs.run('winback:detect', { teamId });
    const stageAfterChurn = (await call('GET', `/customers/${key}`)).stage as string;
    const kindAfterChurn = await call('GET', plugin('winback', `/customers/${key}/kind`));

    // 3. The playbook goes to the owning rep.
    const open = await call('GET', plugin('winback', `/playbooks?customerId=${key}&open=true`));
    const playbookAfterChurn = (open.playbooks as Record<string, unknown>[])[0] ?? {};

    // 4. The complaint is resolved and closed; the customer buys again.
    const steps = [
      { to: 'recorded', valid: true, note: 'Crew confirmed late' },
      { to: 'remedy_proposed', remedy: 'Free delivery for three months' },
      { to: 'remedy_accepted', note: 'Customer agreed' },
      { to: 'followed_up', note: 'Called back, satisfied' },
      { to: 'closed' },
    ];
    for (const step of steps) {
      await call('POST', plugin('service', `/complaints/${complaintId}/steps`), step);
    }
    a.t.clock.set(BACK_AT);
    await call('POST', '/orders', { customerId: key, amount: WON_BACK_ORDER, placedAt: BACK_AT });

    // 5. The win-back is recorded.
    const closed = await call('GET', plugin('winback', `/playbooks?customerId=${key}`));
    const playbookAfterReturn = (closed.playbooks as Record<string, unknown>[])[0] ?? {};
    const stageAfterReturn = (await call('GET', `/customers/${key}`)).stage as string;
    const loyalty = await a.call(
      rep,
      'GET',
      `/v1/teams/${teamId}${plugin('loyalty', `/customers/${key}`)}`,
    );
    return {
      key,
      detected,
      kindAfterChurn,
      playbookAfterChurn,
      stageAfterChurn,
      playbookAfterReturn,
      stageAfterReturn,
      tier,
      loyalty,
    };
  }

  async function tierOf(teamId: number, customerId: number) {
    const card = await a.t.core.context.card(teamId, { customerId }, 'en');
    return card?.card.slots.tier?.value;
  }

  beforeAll(async () => {
    a = await createTestApp({ dialect, plugins: bundled, app: appUnderTest() });
    for (const teamId of [a.teamA, a.teamB]) {
      for (const id of PLUGINS) {
        if (teamId === a.teamB && id === 'loyalty') continue;
        await a.t.core.plugins.enable(teamId, id, 'test');
      }
    }
    // One level, so the won-back order's points show the tier multiplier alone.
    await a.t.core.plugins.configure(
      a.teamA,
      'loyalty',
      { levels: { thresholds: [{ id: 'member', threshold: 0, multiplier: 1 }] } },
      'test',
    );
    stories.set('A', await live(a.teamA, 'rep', a.userIds.rep));
    stories.set('B', await live(a.teamB, 'otherRep', a.userIds.otherRep));
  }, 240_000);
  afterAll(() => a.destroy());

  test('the key customer is detected as churned, kind retaliatory, with a complaint-first playbook for the owner', () => {
    for (const [team, story] of stories) {
      const owner = team === 'A' ? a.userIds.rep : a.userIds.otherRep;
      expect(story.tier, team).toBe('important');
      expect(story.stageAfterChurn, team).toBe('churned');
      // Scoring was fitted, so churn was judged on P(alive), not on the order gap.
      expect(story.detected, team).toMatchObject({ byRule: { median_gap: 0, one_order: 0 } });
      expect((story.detected.byRule as { p_alive: number }).p_alive, team).toBeGreaterThan(0);
      expect(story.kindAfterChurn, team).toMatchObject({ churn: { kind: 'retaliatory' } });
      expect(story.playbookAfterChurn, team).toMatchObject({
        kind: 'retaliatory',
        policy: 'all_costs',
        ownerUserId: owner,
        status: 'open',
        name: { en: expect.stringMatching(/resolve the complaint first/i) },
      });
    }
  });

  test('a new order after the complaint is closed is recorded as won back', () => {
    for (const [team, story] of stories) {
      expect(story.stageAfterReturn, team).toBe('active');
      expect(story.playbookAfterReturn, team).toMatchObject({ status: 'won_back' });
    }
  });

  test('points are earned at the key-tier rate, and not at all where loyalty is off', async () => {
    const withLoyalty = await expectJson(defined(stories.get('A')).loyalty, 200);
    const entries = withLoyalty.entries as { kind: string; points: number; amount: number }[];
    const wonBack = entries.find((e) => e.kind === 'earn' && e.amount === WON_BACK_ORDER);
    // 100.00 spent × 1 point per unit × 2 for an important customer.
    expect(wonBack?.points).toBe(200);
    const withoutLoyalty = defined(stories.get('B')).loyalty;
    expect(withoutLoyalty.status).toBe(409);
    expect(await withoutLoyalty.json()).toMatchObject({ code: 'GX_ERR_PLUGIN_DISABLED' });
  });
});
