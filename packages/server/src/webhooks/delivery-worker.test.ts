import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createApp } from '../app';
import { createLogger } from '../logger';
import { DeliveryWorker } from './delivery-worker';
import { verify } from './signature';

interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A webhook receiver on loopback that answers with the statuses it is given, in turn. */
async function receiver(statuses: number[]) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => server.close() };
}

describe.each(testDialects())('webhook delivery on %s', (dialect) => {
  let a: TestApp;
  beforeEach(async () => {
    a = await createTestApp({ dialect, app: createApp });
  });
  afterEach(() => a.destroy());

  test('signs each delivery, retries a failure with backoff, and logs every attempt', async () => {
    const target = await receiver([500]);
    const created = await a.call('admin', 'POST', `/v1/teams/${a.teamA}/webhooks`, {
      url: target.url,
      events: ['customer:created'],
    });
    expect(created.status).toBe(201);
    const webhook = (await created.json()) as { id: number; secret: string };
    await a.call('rep', 'POST', `/v1/teams/${a.teamA}/customers`, {
      kind: 'person',
      name: 'Wang Fang',
    });

    const worker = new DeliveryWorker({ core: a.t.core, logger: createLogger('silent') });
    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);
    a.t.clock.advance({ ms: 30_000 });
    expect(await worker.runOnce()).toBe(1);

    expect(target.received).toHaveLength(2);
    for (const { headers, body } of target.received) {
      expect(headers['guanxi-event']).toBe('customer:created');
      expect(verify(webhook.secret, String(headers['guanxi-signature']), body)).toBe(true);
      expect(verify('whsec_wrong', String(headers['guanxi-signature']), body)).toBe(false);
      expect(JSON.parse(body)).toMatchObject({
        event: 'customer:created',
        items: [{ name: 'Wang Fang' }],
      });
    }
    const log = await a.call(
      'manager',
      'GET',
      `/v1/teams/${a.teamA}/webhooks/${webhook.id}/deliveries`,
    );
    expect(await log.json()).toMatchObject({
      deliveries: [
        { attempt: 2, status: 200 },
        { attempt: 1, status: 500 },
      ],
    });
    target.close();
  });

  test('an unreachable receiver is recorded as an error and retried', async () => {
    const target = await receiver([]);
    target.close();
    const hook = await a.t.core.webhooks.create(
      a.teamA,
      { url: target.url, events: ['customer:created'] },
      'admin',
    );
    await a.t.core.customers.create(a.teamA, { kind: 'person', name: 'Li' });
    await new DeliveryWorker({ core: a.t.core, logger: createLogger('silent') }).runOnce();
    const [attempt] = await a.t.core.webhooks.deliveries(a.teamA, hook.id);
    expect(attempt).toMatchObject({ attempt: 1, status: null });
    expect(attempt?.error).toBeTruthy();
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
