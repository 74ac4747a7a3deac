import { DISABLE_AFTER_MS, definePlugin, retryStepMs } from '@guanxi/core';
import { ConsoleClient, createTestApp, defined, type TestApp, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createApp } from '../app';
import { CSRF_FIELD } from './csrf';

const tiers = definePlugin({ id: 'tiers', version: '1.0.0', events: ['tier:changed'] });
const RECEIVER = 'https://hooks.example.com/crm';

describe.each(testDialects())('admin console webhooks on %s', (dialect) => {
  let a: TestApp;
  let browser: ConsoleClient;
  let webhooks: string;
  beforeEach(async () => {
    a = await createTestApp({ dialect, plugins: [tiers], app: createApp });
    browser = new ConsoleClient(a.app);
    await browser.signIn(a.keys.admin);
    webhooks = `/admin/teams/${a.teamA}/webhooks`;
  });
  afterEach(() => a.destroy());

  const subscribe = (teamId: number, events = ['customer:created']) =>
    a.t.core.webhooks.create(teamId, { url: RECEIVER, events }, 'test');

  test('offers the core’s and the plugins’ event hooks, not the before hooks', async () => {
    const html = await (await browser.get(webhooks)).text();
    expect(html).toContain(`<a href="${webhooks}" aria-current="page">Webhooks</a>`);
    expect(html).toContain('No webhooks: no events are sent out of this team.');
    const offered = [...html.matchAll(/name="events" value="([^"]+)"/g)].map((m) => m[1]);
    expect(offered).toEqual([
      'customer:created',
      'customer:updated',
      'lifecycle:transitioned',
      'customer:churned',
      'customer:wonBack',
      'orders:recorded',
      'interactions:logged',
      'tier:changed',
    ]);
  });

  test('creates a webhook, shows its secret once, and the core audits it once', async () => {
    const res = await browser.submit(webhooks, webhooks, {
      url: RECEIVER,
      events: ['customer:created', 'tier:changed'],
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    const [webhook] = await a.t.core.webhooks.list(a.teamA);
    const { secret } = await a.t.core.webhooks.get(a.teamA, defined(webhook).id);
    expect(html).toContain(`Signing secret for ${RECEIVER}`);
    expect(html).toContain(`<input type="text" readonly="" value="${secret}"`);
    expect(html.split(secret)).toHaveLength(2);

    const again = await (await browser.get(webhooks)).text();
    expect(again).not.toContain(secret);
    expect(again).not.toContain('Signing secret for');
    const card = new RegExp(`data-webhook="${webhook?.id}">(.*?)</section>`, 's').exec(again);
    expect(card?.[1]).toContain(`<span class="url">${RECEIVER}</span>`);
    expect(card?.[1]).toContain('<span class="pill on">Active</span>');
    expect(card?.[1]).toContain('<code>customer:created</code><code>tier:changed</code>');
    expect(card?.[1]).toContain(`<time datetime="${webhook?.createdAt}">`);
    expect(card?.[1]).toContain('No delivery attempts yet.');
    expect(card?.[1]).toContain('>Deactivate</button>');
    expect(card?.[1]).toContain('>Rotate secret</button>');
    expect(card?.[1]).not.toContain('>Re-enable</button>');

    const entries = await a.t.core.audit.list(a.teamA, 10);
    expect(entries.filter((e) => e.action === 'webhook.created')).toEqual([
      expect.objectContaining({ actor: `user:${a.userIds.admin}`, entityId: String(webhook?.id) }),
    ]);
    expect(JSON.stringify(entries)).not.toContain(secret);
  });

  test('invalid input comes back with inline errors and the values kept', async () => {
    const badUrl = await browser.submit(webhooks, webhooks, {
      url: 'ftp://files.example.com',
      events: ['customer:created', 'tier:changed'],
    });
    expect(badUrl.status).toBe(400);
    const html = await badUrl.text();
    expect(html).toMatch(
      /<label class="invalid">URL<input type="url" name="url"[^>]* value="ftp:\/\/files.example.com"\/><span class="field-error">must be an http or https URL<\/span>/,
    );
    expect(html).toContain('name="events" value="customer:created" checked=""');
    expect(html).toContain('name="events" value="tier:changed" checked=""');
    expect(html).toContain('name="events" value="customer:updated"/>');

    const badEvent = await browser.submit(webhooks, webhooks, {
      url: RECEIVER,
      events: ['customer:created', 'customer:exploded'],
    });
    expect(badEvent.status).toBe(400);
    const again = await badEvent.text();
    expect(again).toMatch(
      /<fieldset class="checks invalid"><legend>Events<\/legend><span class="field-error">no event hook &quot;customer:exploded&quot;<\/span>/,
    );
    expect(again).toContain(`name="url" required="" maxlength="2000" value="${RECEIVER}"`);
    expect(again).toContain('name="events" value="customer:created" checked=""');

    const none = await browser.submit(webhooks, webhooks, { url: RECEIVER });
    expect(none.status).toBe(400);
    expect(await none.text()).toMatch(
      /<fieldset class="checks invalid"><legend>Events<\/legend><span class="field-error">/,
    );
    expect(await a.t.core.webhooks.list(a.teamA)).toEqual([]);
  });

  test('deactivates a webhook once, audited by the core', async () => {
    const webhook = await subscribe(a.teamA);
    const deactivate = `${webhooks}/${webhook.id}/deactivate`;
    const res = await browser.submit(webhooks, deactivate, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(
      `${webhooks}?notice=webhookDeactivated#webhook-${webhook.id}`,
    );
    expect(await a.t.core.webhooks.list(a.teamA)).toMatchObject([{ active: false }]);
    const html = await (await browser.get(`${webhooks}?notice=webhookDeactivated`)).text();
    expect(html).toContain('Webhook deactivated: nothing more is sent to it.');
    expect(html).toContain('<span class="pill">Inactive</span>');
    expect(html).not.toContain('>Deactivate</button>');
    expect(html).toContain('>Re-enable</button>');

    const again = await browser.submit(webhooks, deactivate, {});
    expect(again.headers.get('location')).toBe(
      `${webhooks}?notice=alreadyDeactivated#webhook-${webhook.id}`,
    );
    const entries = await a.t.core.audit.list(a.teamA, 10);
    expect(entries.filter((e) => e.action === 'webhook.deactivated')).toEqual([
      expect.objectContaining({ actor: `user:${a.userIds.admin}`, entityId: String(webhook.id) }),
    ]);
  });

  test('a webhook of another team cannot be deactivated from this one', async () => {
    const theirs = await subscribe(a.teamB);
    const res = await browser.submit(webhooks, `${webhooks}/${theirs.id}/deactivate`, {});
    expect(res.status).toBe(404);
    expect(await a.t.core.webhooks.list(a.teamB)).toMatchObject([{ active: true }]);
  });

  test('the delivery log shows each attempt, newest first; a message can be resent', async () => {
    const webhook = await subscribe(a.teamA);
    await a.t.core.customers.create(a.teamA, { kind: 'person', name: 'Ada' });
    const [first] = await a.t.core.webhooks.claimDue();
    await a.t.core.webhooks.recordAttempt(defined(first), { status: 503, durationMs: 12 });
    a.t.clock.advance({ ms: retryStepMs(1) });
    const [second] = await a.t.core.webhooks.claimDue();
    await a.t.core.webhooks.recordAttempt(defined(second), {
      error: 'connect ECONNREFUSED',
      durationMs: 30.4,
    });
    a.t.clock.advance({ ms: retryStepMs(2) });
    const [third] = await a.t.core.webhooks.claimDue();
    await a.t.core.webhooks.recordAttempt(defined(third), { status: 204, durationMs: 7 });

    const html = await (await browser.get(webhooks)).text();
    const card = new RegExp(`data-webhook="${webhook.id}">(.*?)</section>`, 's').exec(html)?.[1];
    const rows = [...(card ?? '').matchAll(/<tr data-delivery="\d+">(.*?)<\/tr>/g)].map(
      (m) => m[1],
    );
    const log = await a.t.core.webhooks.deliveries(a.teamA, webhook.id);
    const { messageId, outboxId } = defined(first);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain(`<time datetime="${log[0]?.at}">`);
    expect(rows[0]).toMatch(
      new RegExp(
        `<code>${messageId}</code></td><td class="num">3</td>.*<span class="pill on">HTTP 204</span>.*7 ms`,
      ),
    );
    expect(rows[1]).toMatch(/<td class="num">2<\/td>.*connect ECONNREFUSED.*30 ms/);
    expect(rows[1]).not.toContain('HTTP');
    expect(rows[2]).toMatch(/<td class="num">1<\/td>.*<span class="pill warn">HTTP 503<\/span>/);
    const resend = `${webhooks}/${webhook.id}/deliveries/${outboxId}/resend`;
    expect(rows[0]).toContain(`action="${resend}"`);
    expect(rows.slice(1).join('')).not.toContain('>Resend</button>');

    const res = await browser.submit(webhooks, resend, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(
      `${webhooks}?notice=deliveryResent#webhook-${webhook.id}`,
    );
    const [again] = await a.t.core.webhooks.claimDue();
    expect(again).toMatchObject({ messageId, attempt: 1, body: first?.body });
    expect((await a.t.core.audit.list(a.teamA, 1))[0]).toMatchObject({
      action: 'webhook.resent',
      actor: `user:${a.userIds.admin}`,
    });

    await a.t.core.webhooks.deactivate(a.teamA, webhook.id, 'test');
    const refused = await browser.submit(webhooks, resend, {});
    expect(refused.headers.get('location')).toBe(
      `${webhooks}?notice=resendInactive#webhook-${webhook.id}`,
    );
    const inactive = await (await browser.get(`${webhooks}?notice=resendInactive`)).text();
    expect(inactive).toContain('Re-enable the webhook before resending its messages.');
    expect(inactive).not.toContain('>Resend</button>');
  });

  test('a webhook disabled for failing shows why and since when; re-enabling resumes it', async () => {
    const webhook = await subscribe(a.teamA);
    const failingSince = a.t.clock.now().toISOString();
    for (let day = 0; day <= DISABLE_AFTER_MS / 86_400_000; day++) {
      await a.t.core.customers.create(a.teamA, { kind: 'person', name: `Day ${day}` });
      for (const due of await a.t.core.webhooks.claimDue()) {
        await a.t.core.webhooks.recordAttempt(due, { status: 500, durationMs: 9 });
      }
      if (day < DISABLE_AFTER_MS / 86_400_000) a.t.clock.advance({ days: 1 });
    }
    const disabledAt = a.t.clock.now().toISOString();
    expect(await a.t.core.webhooks.get(a.teamA, webhook.id)).toMatchObject({ active: false });

    // Five days on, the session begun before them has ended: sign in again.
    await browser.signIn(a.keys.admin);
    const html = await (await browser.get(webhooks)).text();
    const card = new RegExp(`data-webhook="${webhook.id}">(.*?)</section>`, 's').exec(html)?.[1];
    expect(card).toContain('<span class="pill warn">Disabled</span>');
    expect(card).toContain(
      'Disabled by the server: every delivery attempt failed for 5 days. Fix the receiver, then re-enable the webhook',
    );
    expect(card).toContain(`Every attempt has failed since <time datetime="${failingSince}">`);
    expect(card).toContain(`Disabled <time datetime="${disabledAt}">`);
    expect(card).toContain('>Re-enable</button>');
    expect(card).not.toContain('>Resend</button>');

    await browser.get('/admin/lang/zh-CN');
    const zh = await (await browser.get(webhooks)).text();
    expect(zh).toContain('<span class="pill warn">已禁用</span>');
    expect(zh).toContain('已被服务器禁用：连续 5 天每次投递尝试都失败。');
    expect(zh).toContain('>重新启用</button>');
    await browser.get('/admin/lang/en');

    const enable = `${webhooks}/${webhook.id}/enable`;
    const res = await browser.submit(webhooks, enable, {});
    expect(res.headers.get('location')).toBe(
      `${webhooks}?notice=webhookEnabled#webhook-${webhook.id}`,
    );
    const after = await (await browser.get(`${webhooks}?notice=webhookEnabled`)).text();
    expect(after).toContain(
      'Webhook enabled: events are sent to it again, and pending deliveries resume.',
    );
    expect(after).toContain('<span class="pill on">Active</span>');
    expect(after).not.toContain('Disabled by the server');
    a.t.clock.advance({ hours: 10 });
    expect(await a.t.core.webhooks.claimDue()).not.toEqual([]);
    await browser.signIn(a.keys.admin);
    const again = await browser.submit(webhooks, enable, {});
    expect(again.headers.get('location')).toBe(
      `${webhooks}?notice=alreadyActive#webhook-${webhook.id}`,
    );
    const entries = await a.t.core.audit.list(a.teamA, 20);
    expect(entries.filter((e) => e.action === 'webhook.disabled')).toEqual([
      expect.objectContaining({ actor: 'system', entityId: String(webhook.id) }),
    ]);
    expect(entries.filter((e) => e.action === 'webhook.enabled')).toEqual([
      expect.objectContaining({ actor: `user:${a.userIds.admin}` }),
    ]);
  });

  test('rotating a secret shows the new one once, and until when the old one signs', async () => {
    const webhook = await subscribe(a.teamA);
    const res = await browser.submit(webhooks, `${webhooks}/${webhook.id}/rotate-secret`, {});
    expect(res.status).toBe(200);
    const html = await res.text();
    const { secret, previousSecretExpiresAt } = await a.t.core.webhooks.get(a.teamA, webhook.id);
    expect(secret).not.toBe(webhook.secret);
    expect(html).toContain(`New signing secret for ${RECEIVER}`);
    expect(html).toContain('For 24 hours every delivery is signed with both the new and the');
    expect(html).toContain(`<input type="text" readonly="" value="${secret}"`);
    expect(html).not.toContain(webhook.secret);

    const again = await (await browser.get(webhooks)).text();
    expect(again).not.toContain(secret);
    expect(again).toContain(
      `The previous secret also signs deliveries until <time datetime="${previousSecretExpiresAt}">`,
    );
    a.t.clock.advance({ days: 1 });
    const later = await (await browser.get(webhooks)).text();
    expect(later).not.toContain('The previous secret also signs');
  });

  test('a manager may not see or add webhooks, and another team’s do not exist', async () => {
    const theirs = await subscribe(a.teamB);
    const manager = new ConsoleClient(a.app);
    expect((await manager.signIn(a.keys.manager)).status).toBe(303);
    expect((await manager.get(webhooks)).status).toBe(403);
    const post = await manager.submit(`/admin/teams/${a.teamA}`, webhooks, {
      url: RECEIVER,
      events: 'customer:created',
    });
    expect(post.status).toBe(403);
    expect(await a.t.core.webhooks.list(a.teamA)).toEqual([]);

    const other = await browser.get(`/admin/teams/${a.teamB}/webhooks`);
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain(theirs.url);
  });

  test('a form without the session’s token is refused', async () => {
    const webhook = await subscribe(a.teamA);
    for (const token of [undefined, 'forged']) {
      const csrf: Record<string, string> = token === undefined ? {} : { [CSRF_FIELD]: token };
      const created = await browser.post(webhooks, {
        ...csrf,
        url: 'https://other.example.com',
        events: 'customer:created',
      });
      expect(created.status).toBe(403);
      expect(await created.text()).toContain('Form refused');
      const deactivated = await browser.post(`${webhooks}/${webhook.id}/deactivate`, csrf);
      expect(deactivated.status).toBe(403);
    }
    expect(await a.t.core.webhooks.list(a.teamA)).toMatchObject([{ active: true }]);
  });

  test('a URL with markup renders as text', async () => {
    const url = 'https://hooks.example.com/<script>alert(1)</script>';
    const created = await browser.submit(webhooks, webhooks, { url, events: 'customer:created' });
    expect(created.status).toBe(200);
    const refused = await browser.submit(webhooks, webhooks, { url: `ftp://${url.slice(8)}` });
    expect(refused.status).toBe(400);
    const pages = [
      await created.text(),
      await refused.text(),
      await (await browser.get(webhooks)).text(),
    ];
    for (const html of pages) {
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });
});
