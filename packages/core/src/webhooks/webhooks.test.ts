import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { definePlugin } from '../plugins/define-plugin';
import { createTestCore, defined, type TestCore, testDialects } from '../testing';
import { MAX_ATTEMPTS, retryDelayMs } from './webhooks';

const veto = definePlugin({
  id: 'no-churn',
  version: '1.0.0',
  events: ['tier:changed'],
  hooks: {
    'lifecycle:beforeTransition': (event) =>
      event.items.some((t) => t.to === 'churned') ? { veto: 'never give up' } : undefined,
  },
});

describe.each(testDialects())('webhooks on %s', (dialect) => {
  let t: TestCore;
  let teamId: number;

  beforeEach(async () => {
    t = await createTestCore({ dialect, plugins: [veto] });
    teamId = (await t.core.teams.create({ name: 'North', slug: 'north' })).id;
  });
  afterEach(() => t.destroy());

  const subscribe = (events: string[]) =>
    t.core.webhooks.create(teamId, { url: 'https://hooks.example.com/crm', events }, 'admin:1');

  test('an event reaches the outbox in the transaction of the change', async () => {
    const hook = await subscribe(['customer:created', 'lifecycle:transitioned']);
    expect(hook.secret).toMatch(/^whsec_/);
    const ada = await t.core.customers.create(teamId, { kind: 'person', name: 'Ada' });
    const [due] = await t.core.webhooks.claimDue();
    expect(due).toMatchObject({ webhookId: hook.id, event: 'customer:created', attempt: 1 });
    expect(JSON.parse(defined(due).body)).toMatchObject({
      event: 'customer:created',
      teamId,
      items: [{ id: ada.id, name: 'Ada' }],
    });
  });

  test('a write that fails leaves nothing in the outbox', async () => {
    await t.core.plugins.enable(teamId, 'no-churn', 'admin');
    await subscribe(['lifecycle:transitioned']);
    const ada = await t.core.customers.create(teamId, { kind: 'person', name: 'Ada' });
    await expect(
      t.core.lifecycle.transition(teamId, ada.id, { to: 'churned', reason: 'x', actor: 'a' }),
    ).rejects.toMatchObject({ code: 'GX_ERR_TRANSITION_VETOED' });
    expect(await t.core.webhooks.claimDue()).toEqual([]);
  });

  test('failures retry with growing delays, then give up; a 2xx delivers', async () => {
    const hook = await subscribe(['customer:created']);
    await t.core.customers.create(teamId, { kind: 'person', name: 'Ada' });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const [due] = await t.core.webhooks.claimDue();
      expect(due?.attempt).toBe(attempt);
      expect(await t.core.webhooks.claimDue()).toEqual([]);
      await t.core.webhooks.recordAttempt(defined(due), { status: 503, durationMs: 12 });
      t.clock.advance({ ms: retryDelayMs(attempt) - 1 });
      expect(await t.core.webhooks.claimDue()).toEqual([]);
      t.clock.advance({ ms: 1 });
    }
    expect(await t.core.webhooks.claimDue()).toEqual([]);
    const log = await t.core.webhooks.deliveries(teamId, hook.id);
    expect(log).toHaveLength(MAX_ATTEMPTS);
    expect(log[0]).toMatchObject({ attempt: MAX_ATTEMPTS, status: 503, durationMs: 12 });

    await t.core.customers.create(teamId, { kind: 'person', name: 'Bo' });
    const [next] = await t.core.webhooks.claimDue();
    await t.core.webhooks.recordAttempt(defined(next), { status: 204, durationMs: 5 });
    t.clock.advance({ days: 1 });
    expect(await t.core.webhooks.claimDue()).toEqual([]);
  });

  test('a lease that is not reported expires and the delivery is claimed again', async () => {
    await subscribe(['customer:created']);
    await t.core.customers.create(teamId, { kind: 'person', name: 'Ada' });
    expect(await t.core.webhooks.claimDue()).toHaveLength(1);
    t.clock.advance({ ms: 60_000 });
    expect(await t.core.webhooks.claimDue()).toMatchObject([{ attempt: 1 }]);
  });

  test('a deactivated webhook gets nothing more', async () => {
    const hook = await subscribe(['customer:created']);
    await t.core.webhooks.deactivate(teamId, hook.id, 'admin:1');
    await t.core.customers.create(teamId, { kind: 'person', name: 'Ada' });
    expect(await t.core.webhooks.claimDue()).toEqual([]);
    expect(await t.core.webhooks.list(teamId)).toMatchObject([{ id: hook.id, active: false }]);
  });

  test('plugin events can be subscribed; unknown events and bad URLs are refused', async () => {
    await expect(subscribe(['tier:changed'])).resolves.toMatchObject({ events: ['tier:changed'] });
    await expect(subscribe(['customer:created', 'customer:exploded'])).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: [{ path: 'events.1' }],
    });
    await expect(subscribe(['lifecycle:beforeTransition'])).rejects.toMatchObject({
      issues: [{ path: 'events.0' }],
    });
    await expect(
      t.core.webhooks.create(
        teamId,
        { url: 'ftp://x.example.com', events: ['customer:created'] },
        'a',
      ),
    ).rejects.toMatchObject({ issues: [{ path: 'url' }] });
  });

  // SQLite has one writer per file and better-sqlite3 waits synchronously, so competing
  // workers are separate processes there; PostgreSQL's SKIP LOCKED is what is tested here.
  test.runIf(dialect === 'postgres')(
    'two workers claiming at once never share a delivery',
    async () => {
      const other = await t.reopen({ plugins: [veto] });
      await subscribe(['customer:created']);
      for (let i = 0; i < 40; i++)
        await t.core.customers.create(teamId, { kind: 'person', name: `P${i}` });
      const [a, b] = await Promise.all([t.core.webhooks.claimDue(25), other.webhooks.claimDue(25)]);
      const ids = [...a, ...b].map((d) => d.outboxId);
      expect(ids).toHaveLength(40);
      expect(new Set(ids).size).toBe(40);
    },
  );
});
