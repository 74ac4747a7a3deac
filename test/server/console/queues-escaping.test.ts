import { appUnderTest, bundledPlugins, type GuanxiApp } from '@guanxi/server';
import {
  ConsoleClient,
  createTestApp,
  defined,
  escapedHtml,
  expectEchoedInert,
  expectInert,
  HOSTILE_TEXTS,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const bundled = await bundledPlugins();

/**
 * The queues and worklists the bundled plugins add, holding text people typed: customer
 * names, complaints, notes and remedies, rewards, redemptions by hostile actors, opportunities,
 * competitors and agents. Every page
 * shows it as text, every form sent back with errors echoes it escaped, and nothing in the
 * address comes back as markup.
 */
describe.each(testDialects())(
  'the plugins’ console pages render hostile text inert on %s',
  (dialect) => {
    let a: TestApp<GuanxiApp>;
    let browser: ConsoleClient;
    const complaints: number[] = [];
    const rewards: number[] = [];
    const referrers: number[] = [];
    const team = () => `/admin/teams/${a.teamA}`;
    const plugin = (path: string) => `/v1/teams/${a.teamA}/plugins/${path}`;

    beforeAll(async () => {
      a = await createTestApp({ dialect, plugins: bundled, app: appUnderTest() });
      const { core } = a.t;
      for (const each of bundled) await core.plugins.enable(a.teamA, each.id, 'test');
      const call = async (path: string, body: unknown, status = 201) => {
        const res = await a.call('manager', 'POST', plugin(path), body);
        expect(res.status, `${path} ${await res.clone().text()}`).toBe(status);
        return (await res.json()) as Record<string, { id: number }> & { id: number };
      };
      for (const [i, payload] of HOSTILE_TEXTS.entries()) {
        const customer = await core.customers.create(a.teamA, {
          kind: 'person',
          name: payload,
          ownerUserId: a.userIds.rep,
        });
        await core.orders.record(a.teamA, [
          { customerId: customer.id, amount: 500_000 + i, placedAt: '2025-01-01' },
        ]);
        const complaint = await call('service/complaints', {
          customerId: customer.id,
          cause: 'deception',
          summary: payload,
        });
        complaints.push(complaint.id);
        await call(
          `service/complaints/${complaint.id}/steps`,
          { to: 'recorded', valid: true, note: payload },
          200,
        );
        await call(
          `service/complaints/${complaint.id}/steps`,
          { to: 'remedy_proposed', remedy: payload },
          200,
        );
        const { reward } = await call('loyalty/rewards', { name: payload, cost: 10 });
        rewards.push(defined(reward).id);
        await call('loyalty/redemptions', {
          customerId: customer.id,
          rewardId: defined(reward).id,
          idempotencyKey: `hostile-${i}`,
        });
        // A customer they referred, one an agent brought, an open opportunity and a lost one.
        referrers.push(customer.id);
        const source = (value: unknown) => ({ source: { value, source: 'sales_rep' as const } });
        await core.customers.create(a.teamA, {
          kind: 'person',
          name: payload,
          attributes: source({ kind: 'referral', referrerId: customer.id }),
        });
        const brought = await core.customers.create(a.teamA, {
          kind: 'person',
          name: payload,
          attributes: source({ kind: 'agent', agent: payload, fee: 100 }),
        });
        await core.orders.record(a.teamA, [
          { customerId: brought.id, amount: 1_000, placedAt: '2025-01-02' },
        ]);
        const deal = { customerId: customer.id, amount: 1_000, closeDay: '2030-01-01' };
        await call('development/opportunities', { ...deal, title: payload });
        const lost = await call('development/opportunities', deal);
        await call(
          `development/opportunities/${lost.id}/lose`,
          { reason: 'competitor', competitor: payload },
          200,
        );
        const churned = await core.customers.create(a.teamA, { kind: 'company', name: payload });
        await core.orders.record(a.teamA, [
          { customerId: churned.id, amount: 1_000, placedAt: '2024-01-01' },
        ]);
        await core.lifecycle.transition(a.teamA, churned.id, {
          to: 'churned',
          reason: payload,
          actor: payload,
        });
      }
      await core.deferred.drain();
      await core.jobs.run('tiering:recompute', { teamId: a.teamA });
      browser = new ConsoleClient(a.app);
      await browser.signIn(a.keys.manager);
    });
    afterAll(() => a.destroy());

    test('names, complaints, notes, remedies and rewards are escaped on every page', async () => {
      const pages = [
        `${team()}/plugins/service/complaints`,
        ...complaints.map((id) => `${team()}/plugins/service/complaint?id=${id}`),
        `${team()}/plugins/winback/worklist`,
        `${team()}/plugins/loyalty/rewards`,
        ...rewards.map((id) => `${team()}/plugins/loyalty/reward?id=${id}`),
        `${team()}/plugins/loyalty/members`,
        `${team()}/plugins/loyalty/redemptions`,
        `${team()}/plugins/tiering/movements`,
        `${team()}/plugins/development/pipeline`,
        `${team()}/plugins/development/sources`,
        ...referrers.map((id) => `${team()}/plugins/development/referrals?customerId=${id}`),
      ];
      const html = new Map<string, string>();
      for (const path of pages) {
        const res = await browser.get(path);
        expect(res.status, path).toBe(200);
        html.set(path, await res.text());
      }
      for (const [i, payload] of HOSTILE_TEXTS.entries()) {
        for (const [path, page] of html) expectInert(page, payload, path);
        const shown = escapedHtml(payload);
        for (const name of [
          'service/complaints',
          'winback/worklist',
          'loyalty/rewards',
          'loyalty/members',
          'loyalty/redemptions',
          'tiering/movements',
          'development/pipeline',
          'development/sources',
          `development/referrals?customerId=${referrers[i]}`,
        ]) {
          expect(html.get(`${team()}/plugins/${name}`), name).toContain(shown);
        }
        // The complaint's name of its customer, its words, the note and the remedy.
        const complaint = html.get(`${team()}/plugins/service/complaint?id=${complaints[i]}`) ?? '';
        expect(complaint.split(shown).length).toBeGreaterThan(4);
        expect(html.get(`${team()}/plugins/loyalty/reward?id=${rewards[i]}`)).toContain(
          `value="${shown}"`,
        );
      }
    });

    test('forms sent back with errors echo the values escaped', async () => {
      const queue = `${team()}/plugins/service/complaints`;
      const rewardsPage = `${team()}/plugins/loyalty/rewards`;
      for (const [i, payload] of HOSTILE_TEXTS.entries()) {
        const opened = await browser.submit(queue, `${queue}/actions/open`, {
          customerId: payload,
          cause: 'deception',
          channel: 'phone',
          summary: payload,
        });
        expect(opened.status).toBe(400);
        const complaint = `${team()}/plugins/service/complaint?id=${complaints[i]}`;
        const accepted = await browser.submit(
          complaint,
          `${team()}/plugins/service/complaint/actions/propose?id=${complaints[i]}`,
          { id: String(complaints[i]), note: payload },
        );
        expect(accepted.status).toBe(400);
        const reward = await browser.submit(rewardsPage, `${rewardsPage}/actions/create`, {
          name: payload,
          cost: payload,
        });
        expect(reward.status).toBe(400);
        await expectEchoedInert({ open: opened, propose: accepted, reward }, payload);
      }
    });

    test('text in the address is never echoed as markup', async () => {
      for (const payload of HOSTILE_TEXTS) {
        const q = encodeURIComponent(payload);
        for (const path of [
          `${team()}/plugins/service/complaints?cause=${q}&tier=${q}&due=${q}&after=${q}`,
          `${team()}/plugins/service/complaint?id=${q}`,
          `${team()}/plugins/winback/worklist?tier=${q}&kind=${q}&after=${q}&riskAfter=${q}`,
          `${team()}/plugins/loyalty/reward?id=${q}`,
          `${team()}/plugins/loyalty/members?level=${q}&after=${q}`,
          `${team()}/plugins/loyalty/redemptions?days=${q}&after=${q}&done=${q}`,
          `${team()}/plugins/tiering/movements?from=${q}&to=${q}&after=${q}`,
          `${team()}/plugins/development/pipeline?owner=${q}&after=${q}`,
          `${team()}/plugins/development/referrals?customerId=${q}&depth=${q}`,
        ]) {
          const res = await browser.get(path);
          expect([200, 404], path).toContain(res.status);
          expectInert(await res.text(), payload, path);
        }
      }
    });
  },
);
