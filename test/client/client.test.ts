import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { appUnderTest, bundledPlugins, type GuanxiApp } from '@guanxi/server';
import { createTestApp, type TestApp } from '@guanxi/testing';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

/** A program an integrator would write: the card of an e-mail address, through the client. */
const PROGRAM = `import { createGuanxiClient, type Schemas } from '@guanxi/client';

const client = createGuanxiClient({
  baseUrl: process.env.GUANXI_URL ?? '',
  apiKey: process.env.GUANXI_KEY ?? '',
  locale: 'zh-CN',
});
const { data, error } = await client.GET('/v1/context', {
  params: { query: { email: 'lin.fang@acme.cn' } },
});
if (error !== undefined) throw new Error(\`\${error.code}: \${error.detail}\`);
const card: Schemas['CustomerCard'] = data.card;
const order: Schemas['Order'] | undefined = card.lastOrders[0];
console.log(
  JSON.stringify({
    teamId: data.teamId,
    match: data.match,
    name: card.customer.name,
    stage: card.stage.value,
    amount: order?.amount ?? null,
    loyalty: card.slots.loyalty?.points ?? null,
  }),
);
`;

/** The same program reading a field the card does not have: strict tsc must refuse it. */
const MISTAKE = PROGRAM.replace('card.customer.name', 'card.customer.fullName');

describe('@guanxi/client against the real server', () => {
  let a: TestApp<GuanxiApp>;
  let server: ServerType;
  let base: string;
  let dir: string;

  beforeAll(async () => {
    a = await createTestApp({
      dialect: 'sqlite',
      plugins: await bundledPlugins(),
      app: appUnderTest(),
    });
    const { core } = a.t;
    await core.plugins.enable(a.teamA, 'loyalty', 'test');
    const lin = await core.customers.create(a.teamA, {
      kind: 'person',
      name: '林芳',
      emails: ['lin.fang@acme.cn'],
    });
    await core.orders.record(a.teamA, [
      { customerId: lin.id, amount: 88_000, placedAt: '2025-03-01' },
    ]);
    base = await new Promise<string>((resolve) => {
      server = serve({ fetch: a.app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
        resolve(`http://127.0.0.1:${info.port}`),
      );
    });
    // Inside the repository, so the program resolves @guanxi/client as an integrator's would.
    dir = await mkdtemp(join(ROOT, 'test', 'client', '.program-'));
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../../tsconfig.base.json',
        compilerOptions: { strict: true, noEmit: true },
        include: ['*.ts'],
      }),
    );
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await a?.destroy();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  test('a strict TypeScript program typechecks and reads a card by e-mail', async () => {
    await writeFile(join(dir, 'program.ts'), PROGRAM);
    await run(bin('tsc'), ['-p', join(dir, 'tsconfig.json')], { cwd: ROOT });
    const { stdout } = await run(bin('tsx'), [join(dir, 'program.ts')], {
      cwd: ROOT,
      env: { ...process.env, GUANXI_URL: base, GUANXI_KEY: a.keys.rep },
    });
    expect(JSON.parse(stdout)).toEqual({
      teamId: a.teamA,
      match: 'exact',
      name: '林芳',
      stage: 'active',
      amount: 88_000,
      loyalty: expect.any(Number),
    });
  }, 120_000);

  test('the types are the document’s: a field the card lacks does not compile', async () => {
    await writeFile(join(dir, 'program.ts'), MISTAKE);
    const failed = await run(bin('tsc'), ['-p', join(dir, 'tsconfig.json')], { cwd: ROOT }).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
    expect(failed).toContain("Property 'fullName' does not exist");
  }, 120_000);
});
