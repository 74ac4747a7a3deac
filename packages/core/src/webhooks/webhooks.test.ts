import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Core } from '../core';
import { definePlugin } from '../plugins/define-plugin';
import * as standardWebhooks from '../storage/migrations/0005-standard-webhooks';
import { createTestCore, defined, type TestCore, testDialects } from '../testing';
import { DISABLE_AFTER_MS, RETRY_FOR_MS, retryStepMs } from './schedule';
import { ROTATION_WINDOW_MS, secretKey } from './signing';

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
    // Every retry waits half its step, so the schedule below is exact.
    t = await createTestCore({ dialect, plugins: [veto], webhooks: { random: () => 0.5 } });
    teamId = (await t.core.teams.create({ name: 'North', slug: 'north' })).id;
  });
  afterEach(() => t.destroy());

  const subscribe = (events: string[]) =>
    t.core.webhooks.create(teamId, { url: 'https://hooks.example.com/crm', events }, 'admin:1');

  test('an event reaches the outbox in the transaction of the change', async () => {
    const hook = await subscribe(['customer:created', 'lifecycle:transitioned']);
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(secretKey(hook.secret)).toHaveLength(24);
    const ada = await t.core.customers.create(teamId, { kind: 'person', name: 'Ada' });
    const [due] = await t.core.webhooks.claimDue();
    expect(due).toMatchObject({
      webhookId: hook.id,
      event: 'customer:created',
      attempt: 1,
      secrets: [hook.secret],
      messageId: expect.stringMatching(/^msg_[\w-]{22}$/),
    });
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

  test('failures retry after jittered delays for three days, then give up; a 2xx delivers', async () => {
    const hook = await subscribe(['customer:created']);
    await t.core.customers.create(teamId, { kind: 'person', name: 'Ada' });
    const started = t.clock.now().getTime();
    let attempt = 0;
    for (;;) {
      const [due] = await t.core.webhooks.claimDue();
      attempt += 1;
      expect(due?.attempt).toBe(attempt);
      expect(await t.core.webhooks.claimDue()).toEqual([]);
      await t.core.webhooks.recordAttempt(defined(due), { status: 503, durationMs: 12 });
      if (t.clock.now().getTime() - started >= RETRY_FOR_MS) break;
      const delay = retryStepMs(attempt) / 2;
      t.clock.advance({ ms: delay - 1 });
      expect(await t.core.webhooks.claimDue()).toEqual([]);
      t.clock.advance({ ms: 1 });
    }
    // 5 s, 5 min, 30 min, 2 h and 5 h halved, then 5 h at a time past the third day.
    expect(attempt).toBe(20);
    t.clock.advance({ days: 1 });
    expect(await t.core.webhooks.claimDue()).toEqual([]);
    const log = await t.core.webhooks.deliveries(teamId, hook.id);
    expect(log).toHaveLength(attempt);
    expect(log[0]).toMatchObject({ attempt, status: 503, durationMs: 12 });
    expect(Date.parse(defined(log[0]).at) - Date.parse(defined(log.at(-1)).at)).toBeGreaterThan(
      RETRY_FOR_MS - 1,
    );

    await t.core.customers.create(teamId, { kind: 'person', name: 'Bo' });
    const [next] = await t.core.webhooks.claimDue();
    await t.core.webhooks.recordAttempt(defined(next), { status: 204, durationMs: 5 });
    t.clock.advance({ days: 1 });
    expect(await t.core.webhooks.claimDue()).toEqual([]);
  });

  test('a webhook whose every attempt failed for five days is disabled; enabling resumes it', async () => {
    const hook = await subscribe(['customer:created']);
    const fail = async () => {
      for (const due of await t.core.webhooks.claimDue()) {
        await t.core.webhooks.recordAttempt(due, { error: 'connect ECONNREFUSED', durationMs: 3 });
      }
    };
    await t.core.customers.create(teamId, { kind: 'person', name: 'Ada' });
    await fail();
    const failingSince = t.clock.now().toISOString();
    expect(await t.core.webhooks.get(teamId, hook.id)).toMatchObject({ failingSince });

    // A success in between starts the count again.
    t.clock.advance({ days: 1 });
    const [retry] = await t.core.webhooks.claimDue();
    await t.core.webhooks.recordAttempt(defined(retry), { status: 200, durationMs: 3 });
    expect(await t.core.webhooks.get(teamId, hook.id)).toMatchObject({ failingSince: null });

    await t.core.customers.create(teamId, { kind: 'person', name: 'Bo' });
    await fail();
    const since = t.clock.now().toISOString();
    for (let day = 1; day < 5; day++) {
      t.clock.advance({ days: 1 });
      await t.core.customers.create(teamId, { kind: 'person', name: `Day ${day}` });
      await fail();
    }
    t.clock.advance({ ms: DISABLE_AFTER_MS - 4 * 86_400_000 - 1 });
    await t.core.customers.create(teamId, { kind: 'person', name: 'Still' });
    await fail();
    expect(await t.core.webhooks.get(teamId, hook.id)).toMatchObject({ active: true });

    t.clock.advance({ ms: 1 });
    await t.core.customers.create(teamId, { kind: 'person', name: 'Last' });
    await fail();
    const disabledAt = t.clock.now().toISOString();
    expect(await t.core.webhooks.get(teamId, hook.id)).toMatchObject({
      active: false,
      disabledReason: 'failing',
      disabledAt,
      failingSince: since,
    });
    const [entry] = await t.core.audit.list(teamId, 1);
    expect(entry).toMatchObject({
      action: 'webhook.disabled',
      actor: 'system',
      after: { active: false, disabledReason: 'failing' },
    });
    t.clock.advance({ days: 1 });
    expect(await t.core.webhooks.claimDue()).toEqual([]);
    await t.core.customers.create(teamId, { kind: 'person', name: 'Unsent' });

    const enabled = await t.core.webhooks.enable(teamId, hook.id, 'admin:1');
    expect(enabled).toMatchObject({
      active: true,
      disabledReason: null,
      disabledAt: null,
      failingSince: null,
    });
    const pending = await t.core.webhooks.claimDue();
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.map((due) => JSON.parse(due.body).items[0].name)).not.toContain('Unsent');
    expect((await t.core.audit.list(teamId, 1))[0]).toMatchObject({
      action: 'webhook.enabled',
      actor: 'admin:1',
    });
    expect(await t.core.webhooks.enable(teamId, hook.id, 'admin:1')).toEqual(enabled);
    expect((await t.core.audit.list(teamId, 1))[0]?.action).toBe('webhook.enabled');
  });

  test('a rotated secret signs beside the new one for a day, never in the log', async () => {
    const hook = await subscribe(['customer:created']);
    const rotated = await t.core.webhooks.rotateSecret(teamId, hook.id, 'admin:1');
    expect(rotated.secret).not.toBe(hook.secret);
    const expires = new Date(t.clock.now().getTime() + ROTATION_WINDOW_MS).toISOString();
    expect(rotated.previousSecretExpiresAt).toBe(expires);
    expect(await t.core.webhooks.get(teamId, hook.id)).toMatchObject({
      secret: rotated.secret,
      previousSecretExpiresAt: expires,
    });
    await t.core.customers.create(teamId, { kind: 'person', name: 'Ada' });
    const [due] = await t.core.webhooks.claimDue();
    expect(due?.secrets).toEqual([rotated.secret, hook.secret]);

    t.clock.advance({ ms: ROTATION_WINDOW_MS });
    const [again] = await t.core.webhooks.claimDue();
    expect(again?.secrets).toEqual([rotated.secret]);
    expect(await t.core.webhooks.get(teamId, hook.id)).toMatchObject({
      previousSecretExpiresAt: null,
    });

    const third = await t.core.webhooks.rotateSecret(teamId, hook.id, 'admin:1');
    const fourth = await t.core.webhooks.rotateSecret(teamId, hook.id, 'admin:1');
    t.clock.advance({ ms: 60_000 });
    const [last] = await t.core.webhooks.claimDue();
    expect(last?.secrets).toEqual([fourth.secret, third.secret]);

    const audit = JSON.stringify(await t.core.audit.list(teamId, 10));
    expect(audit).toContain('webhook.secretRotated');
    for (const secret of [hook.secret, rotated.secret, third.secret, fourth.secret]) {
      expect(audit).not.toContain(secret);
    }
  });

  test('a delivery is resent under its message id, with attempts of its own', async () => {
    const hook = await subscribe(['customer:created']);
    await t.core.customers.create(teamId, { kind: 'person', name: 'Ada' });
    const [first] = await t.core.webhooks.claimDue();
    await t.core.webhooks.recordAttempt(defined(first), { status: 200, durationMs: 4 });
    expect(await t.core.webhooks.claimDue()).toEqual([]);

    const resent = await t.core.webhooks.resend(teamId, hook.id, defined(first).outboxId, 'a');
    expect(resent).toEqual({ outboxId: expect.any(Number), messageId: first?.messageId });
    expect(resent.outboxId).not.toBe(first?.outboxId);
    const [again] = await t.core.webhooks.claimDue();
    expect(again).toMatchObject({
      outboxId: resent.outboxId,
      messageId: first?.messageId,
      body: first?.body,
      event: 'customer:created',
      attempt: 1,
    });
    await t.core.webhooks.recordAttempt(defined(again), { status: 200, durationMs: 4 });
    expect(await t.core.webhooks.deliveries(teamId, hook.id)).toMatchObject([
      { outboxId: resent.outboxId, messageId: first?.messageId, attempt: 1 },
      { outboxId: first?.outboxId, messageId: first?.messageId, attempt: 1 },
    ]);
    expect((await t.core.audit.list(teamId, 1))[0]).toMatchObject({
      action: 'webhook.resent',
      after: resent,
    });

    const other = await subscribe(['customer:created']);
    await expect(
      t.core.webhooks.resend(teamId, other.id, defined(first).outboxId, 'a'),
    ).rejects.toMatchObject({ code: 'GX_ERR_NOT_FOUND', issues: [{ path: 'outboxId' }] });
    await t.core.webhooks.deactivate(teamId, hook.id, 'a');
    await expect(
      t.core.webhooks.resend(teamId, hook.id, defined(first).outboxId, 'a'),
    ).rejects.toMatchObject({ code: 'GX_ERR_CONFLICT', issues: [{ path: 'webhookId' }] });
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
    expect(await t.core.webhooks.list(teamId)).toMatchObject([
      {
        id: hook.id,
        active: false,
        disabledReason: 'deactivated',
        disabledAt: t.core.clock.now().toISOString(),
      },
    ]);
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

  test('loopback, private and plain http targets are refused unless private ones are allowed', async () => {
    const create = (core: Core, url: string) =>
      core.webhooks.create(teamId, { url, events: ['customer:created'] }, 'a');
    for (const url of [
      'http://127.0.0.1:8080/in',
      'https://127.0.0.1/in',
      'https://[fd00::7]/in',
      'https://localhost/in',
      'http://hooks.example.com/in',
    ]) {
      await expect(create(t.core, url), url).rejects.toMatchObject({
        code: 'GX_ERR_VALIDATION',
        issues: [{ path: 'url' }],
      });
    }
    expect(await t.core.webhooks.list(teamId)).toEqual([]);

    const lenient = await t.reopen({ plugins: [veto], webhooks: { allowPrivateTargets: true } });
    await expect(create(lenient, 'http://127.0.0.1:8080/in')).resolves.toMatchObject({
      url: 'http://127.0.0.1:8080/in',
    });
    await expect(create(lenient, 'http://203.0.113.0.example.com/in')).resolves.toBeDefined();
    await expect(create(lenient, 'http://8.8.8.8/in')).rejects.toMatchObject({
      issues: [{ path: 'url', message: expect.stringMatching(/^must be an https URL/) }],
    });
  });

  test('older secrets keep their key, spelled as the Standard Webhooks libraries read it', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: the schema before the migration
    const db = t.core.db as Kysely<any>;
    await standardWebhooks.down(db);
    const urlSafeKey = Buffer.from(Array.from({ length: 24 }, (_, i) => 0xf8 + (i % 8)));
    const plainKey = Buffer.from(Array.from({ length: 24 }, (_, i) => i));
    const old = (key: Buffer, active: number) => ({
      team_id: teamId,
      url: 'https://hooks.example.com/crm',
      secret: `whsec_${key.toString('base64url')}`,
      events: '["customer:created"]',
      active,
      created_at: '2024-05-01T00:00:00.000Z',
    });
    const [urlSafe, plain] = await db
      .insertInto('webhooks')
      .values([old(urlSafeKey, 1), old(plainKey, 0)])
      .returning(['id', 'secret'])
      .execute();
    expect(urlSafe?.secret).toMatch(/[-_]/);
    const { id: outboxId } = await db
      .insertInto('outbox')
      .values({
        team_id: teamId,
        webhook_id: urlSafe?.id,
        event: 'customer:created',
        payload: '{}',
        created_at: '2024-05-02T00:00:00.000Z',
        next_attempt_at: '2024-05-02T00:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    await standardWebhooks.up(db);
    const [fixed, kept] = await Promise.all(
      [urlSafe, plain].map((row) => t.core.webhooks.get(teamId, defined(row).id)),
    );
    expect(fixed?.secret).toBe(`whsec_${urlSafeKey.toString('base64')}`);
    expect(fixed?.secret).toMatch(/^whsec_[A-Za-z0-9+/]+$/);
    expect(secretKey(defined(fixed).secret)).toEqual(urlSafeKey);
    expect(kept?.secret).toBe(plain?.secret);
    expect(secretKey(defined(kept).secret)).toEqual(plainKey);
    expect(fixed).toMatchObject({ active: true, disabledReason: null });
    expect(kept).toMatchObject({ active: false, disabledReason: 'deactivated' });
    const [due] = await t.core.webhooks.claimDue();
    expect(due).toMatchObject({ outboxId, messageId: `msg_${outboxId}`, secrets: [fixed?.secret] });
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
