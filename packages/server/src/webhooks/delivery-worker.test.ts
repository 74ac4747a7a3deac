import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { retryStepMs } from '@guanxi/core';
import { createTestApp, defined, type TestApp, testDialects } from '@guanxi/testing';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createApp } from '../app';
import { createLogger } from '../logger';
import { DeliveryWorker, type DeliveryWorkerOptions } from './delivery-worker';
import type { Resolver } from './post';

interface Received {
  readonly headers: Record<string, string>;
  readonly body: string;
}

type Answer = (res: ServerResponse) => void;

/** A webhook receiver on loopback that answers with the statuses (or answers) it is given. */
async function receiver(answers: (number | Answer)[] = []) {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      const answer = answers.shift() ?? 200;
      if (typeof answer === 'function') return answer(res);
      res.statusCode = answer;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** What a receiver using the Standard Webhooks library makes of a delivery, on its own clock. */
function verified(secret: string, { headers, body }: Received, at: Date): unknown {
  vi.useFakeTimers({ toFake: ['Date'], now: at });
  try {
    return new Webhook(secret).verify(body, headers);
  } finally {
    vi.useRealTimers();
  }
}

describe.each(testDialects())('webhook delivery on %s', (dialect) => {
  let a: TestApp;
  const closing: (() => Promise<unknown>)[] = [];
  const target = async (answers?: (number | Answer)[]) => {
    const r = await receiver(answers);
    closing.push(r.close);
    return r;
  };
  const worker = (options: Partial<DeliveryWorkerOptions> = {}) =>
    new DeliveryWorker({ core: a.t.core, logger: createLogger('silent'), ...options });
  const subscribe = (url: string) =>
    a.t.core.webhooks.create(a.teamA, { url, events: ['customer:created'] }, 'admin');
  const customer = (name: string) => a.t.core.customers.create(a.teamA, { kind: 'person', name });

  beforeEach(async () => {
    a = await createTestApp({ dialect, app: createApp, webhooks: { allowPrivateTargets: true } });
  });
  afterEach(async () => {
    for (const close of closing.splice(0)) await close();
    await a.destroy();
  });

  test('Standard Webhooks verifies each delivery; a retry keeps the message id', async () => {
    const receiving = await target([500]);
    const created = await a.call('admin', 'POST', `/v1/teams/${a.teamA}/webhooks`, {
      url: receiving.url,
      events: ['customer:created'],
    });
    expect(created.status).toBe(201);
    const webhook = (await created.json()) as { id: number; secret: string };
    await a.call('rep', 'POST', `/v1/teams/${a.teamA}/customers`, {
      kind: 'person',
      name: 'Wang Fang',
    });

    const sending = worker();
    const sentAt = [a.t.clock.now()];
    expect(await sending.runOnce()).toBe(1);
    expect(await sending.runOnce()).toBe(0);
    a.t.clock.advance({ ms: retryStepMs(1) });
    sentAt.push(a.t.clock.now());
    expect(await sending.runOnce()).toBe(1);

    expect(receiving.received).toHaveLength(2);
    const first = defined(receiving.received[0]);
    const second = defined(receiving.received[1]);
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(first.headers['webhook-id']).toMatch(/^msg_/);
    receiving.received.forEach((delivery, i) => {
      const at = defined(sentAt[i]);
      expect(delivery.headers['webhook-timestamp']).toBe(String(at.getTime() / 1000));
      expect(delivery.headers['guanxi-event']).toBe('customer:created');
      expect(verified(webhook.secret, delivery, at)).toMatchObject({
        event: 'customer:created',
        items: [{ name: 'Wang Fang' }],
      });
      const stranger = `whsec_${Buffer.alloc(24, 7).toString('base64')}`;
      expect(() => verified(stranger, delivery, at)).toThrow('No matching signature found');
      const late = new Date(at.getTime() + 6 * 60_000);
      expect(() => verified(webhook.secret, delivery, late)).toThrow('Message timestamp too old');
    });
    const log = await a.call(
      'manager',
      'GET',
      `/v1/teams/${a.teamA}/webhooks/${webhook.id}/deliveries`,
    );
    expect(await log.json()).toMatchObject({
      deliveries: [
        { attempt: 2, status: 200, messageId: first.headers['webhook-id'] },
        { attempt: 1, status: 500, messageId: first.headers['webhook-id'] },
      ],
    });
  });

  test('during a rotation both secrets verify; after it, only the new one', async () => {
    const receiving = await target();
    const hook = await subscribe(receiving.url);
    const rotated = await a.t.core.webhooks.rotateSecret(a.teamA, hook.id, 'admin');
    await customer('Li');
    await worker().runOnce();
    a.t.clock.advance({ hours: 24 });
    await customer('Zhao');
    await worker().runOnce();

    const during = defined(receiving.received[0]);
    const after = defined(receiving.received[1]);
    expect(during.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    const start = new Date(Date.parse(hook.createdAt));
    expect(verified(hook.secret, during, start)).toMatchObject({ items: [{ name: 'Li' }] });
    expect(verified(rotated.secret, during, start)).toMatchObject({ items: [{ name: 'Li' }] });
    const end = a.t.clock.now();
    expect(after.headers['webhook-signature']?.split(' ')).toHaveLength(1);
    expect(verified(rotated.secret, after, end)).toMatchObject({ items: [{ name: 'Zhao' }] });
    expect(() => verified(hook.secret, after, end)).toThrow('No matching signature found');
  });

  test('an unreachable receiver is recorded as an error and retried', async () => {
    const gone = await receiver();
    await gone.close();
    const hook = await subscribe(gone.url);
    await customer('Li');
    await worker().runOnce();
    const [attempt] = await a.t.core.webhooks.deliveries(a.teamA, hook.id);
    expect(attempt).toMatchObject({ attempt: 1, status: null });
    expect(attempt?.error).toMatch(/ECONNREFUSED/);
    a.t.clock.advance({ ms: retryStepMs(1) });
    expect(await worker().runOnce()).toBe(1);
  });

  test('a receiver too slow to answer is a failed attempt', async () => {
    const slow = await target([() => {}]);
    const hook = await subscribe(slow.url);
    await customer('Li');
    await worker({ timeoutMs: 200 }).runOnce();
    expect(await a.t.core.webhooks.deliveries(a.teamA, hook.id)).toMatchObject([
      { attempt: 1, status: null, error: 'no answer within 200 ms' },
    ]);
  });

  test('a redirect is not followed: it is a failed attempt', async () => {
    const elsewhere = await target();
    const moved = await target([
      (res) => res.writeHead(307, { location: elsewhere.url }).end(),
      (res) => res.writeHead(301, { location: elsewhere.url }).end(),
    ]);
    const hook = await subscribe(moved.url);
    await customer('Li');
    await worker().runOnce();
    a.t.clock.advance({ ms: retryStepMs(1) });
    await worker().runOnce();
    expect(moved.received).toHaveLength(2);
    expect(elsewhere.received).toEqual([]);
    expect(await a.t.core.webhooks.deliveries(a.teamA, hook.id)).toMatchObject([
      { attempt: 2, status: 301, error: `redirect not followed (to ${elsewhere.url})` },
      { attempt: 1, status: 307, error: `redirect not followed (to ${elsewhere.url})` },
    ]);
  });

  test('a webhook to 127.0.0.1 is refused unless private targets are allowed', async () => {
    const receiving = await target();
    const strict = await a.t.reopen({ webhooks: { allowPrivateTargets: false } });
    const refused = await createApp(strict).app.request(`/v1/teams/${a.teamA}/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.keys.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiving.url, events: ['customer:created'] }),
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(await refused.json()).toMatchObject({
      errors: [{ path: 'url', detail: expect.stringMatching(/^must be an https URL/) }],
    });

    // Saved while allowed, then sent by a server that does not allow it.
    const hook = await subscribe(receiving.url);
    await customer('Li');
    await new DeliveryWorker({ core: strict, logger: createLogger('silent') }).runOnce();
    expect(receiving.received).toEqual([]);
    expect(await a.t.core.webhooks.deliveries(a.teamA, hook.id)).toMatchObject([
      {
        attempt: 1,
        status: null,
        error: expect.stringMatching(
          /^refused to connect to 127\.0\.0\.1: the URL must not point to a loopback, private/,
        ),
      },
    ]);

    a.t.clock.advance({ ms: retryStepMs(1) });
    expect(await worker().runOnce()).toBe(1);
    expect(receiving.received).toHaveLength(1);
  });

  test('a name that resolves to any private address is refused at delivery', async () => {
    const strict = await a.t.reopen({ webhooks: { allowPrivateTargets: false } });
    const hook = await strict.webhooks.create(
      a.teamA,
      { url: 'https://hooks.partner.example/in', events: ['customer:created'] },
      'admin',
    );
    await customer('Li');
    const asked: string[] = [];
    const resolve: Resolver = async (hostname) => {
      asked.push(hostname);
      return [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.5', family: 4 },
      ];
    };
    await new DeliveryWorker({ core: strict, logger: createLogger('silent'), resolve }).runOnce();
    expect(asked).toEqual(['hooks.partner.example']);
    expect(await strict.webhooks.deliveries(a.teamA, hook.id)).toMatchObject([
      {
        status: null,
        error: expect.stringMatching(
          /^refused to connect to 10\.0\.0\.5 \(hooks\.partner\.example\): the URL must not point/,
        ),
      },
    ]);
  });

  test('the connection goes to the address that was resolved and checked', async () => {
    const receiving = await target();
    const hook = await subscribe(`http://receiver.guanxi.test:${receiving.port}/hook`);
    await customer('Li');
    const resolve: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    await worker({ resolve }).runOnce();
    expect(receiving.received).toHaveLength(1);
    expect(receiving.received[0]?.headers.host).toBe(`receiver.guanxi.test:${receiving.port}`);
    expect(await a.t.core.webhooks.deliveries(a.teamA, hook.id)).toMatchObject([{ status: 200 }]);
  });

  test('only admins subscribe; managers read; the list hides secrets', async () => {
    const body = { url: 'https://example.com/h', events: ['customer:created'] };
    expect((await a.call('manager', 'POST', `/v1/teams/${a.teamA}/webhooks`, body)).status).toBe(
      403,
    );
    await a.call('admin', 'POST', `/v1/teams/${a.teamA}/webhooks`, body);
    const list = (await (
      await a.call('manager', 'GET', `/v1/teams/${a.teamA}/webhooks`)
    ).json()) as {
      webhooks: Record<string, unknown>[];
    };
    expect(list.webhooks).toHaveLength(1);
    expect(list.webhooks[0]).not.toHaveProperty('secret');
    expect((await a.call('rep', 'GET', `/v1/teams/${a.teamA}/webhooks`)).status).toBe(403);
    expect((await a.call('otherRep', 'GET', `/v1/teams/${a.teamA}/webhooks`)).status).toBe(404);
  });
});
