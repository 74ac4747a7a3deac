import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startServer } from './server';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

describe('guanxi serve sends webhook deliveries', () => {
  let dir: string;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];
  let arrived: () => void = () => {};

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'guanxi-serve-hooks-'));
    received.length = 0;
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
        arrived();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  });
  afterEach(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  test('an event is delivered, signed, while the server runs; closing stops the worker', async () => {
    const server = await startServer({
      config: {
        host: '127.0.0.1',
        port: 0,
        databaseUrl: join(dir, 'guanxi.db'),
        corsOrigins: [],
        webhookAllowPrivate: true,
      },
      plugins: [],
      logger: pino({ level: 'silent' }),
      handleSignals: false,
    });
    const { core } = server;
    const team = await core.teams.create({ name: 'Hooks', slug: 'hooks' });
    const webhook = await core.webhooks.create(
      team.id,
      { url: receiverUrl, events: ['customer:created'] },
      'test',
    );
    const delivered = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const customer = await core.customers.create(team.id, { kind: 'person', name: 'Lin' });
    await delivered;
    await server.close();
    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(delivery?.headers['guanxi-event']).toBe('customer:created');
    const headers = delivery?.headers as Record<string, string>;
    expect(new Webhook(webhook.secret).verify(delivery?.body ?? '', headers)).toMatchObject({
      event: 'customer:created',
      items: [{ id: customer.id }],
    });
  });
});
