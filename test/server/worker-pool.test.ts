import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCore, openDatabase } from '@guanxi/core';
import { bundledPlugins } from '@guanxi/server';
import { freshDatabase, testDialects } from '@guanxi/testing';
import { describe, expect, test } from 'vitest';
import { GUANXI, PROJECT } from '../support/guanxi';

interface LogLine {
  readonly msg: string;
  readonly pid: number;
  readonly worker?: number;
  readonly [field: string]: unknown;
}

/** `guanxi serve` in a child process, with its JSON log lines as they come. */
function serve(env: Record<string, string>) {
  const child = spawn(process.execPath, [GUANXI, 'serve'], {
    cwd: PROJECT,
    env: { ...process.env, LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  let waiting: (() => void)[] = [];
  let rest = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = rest + chunk.toString();
    const complete = text.split('\n');
    rest = complete.pop() ?? '';
    for (const line of complete) if (line.startsWith('{')) lines.push(JSON.parse(line));
    for (const wake of waiting) wake();
    waiting = [];
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const waitFor = async (what: string, match: (line: LogLine) => boolean) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = lines.find(match);
      if (found !== undefined) return found;
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`no log line for ${what}; got:\n${lines.map((l) => l.msg).join('\n')}`);
      }
      await new Promise<void>((wake) => {
        waiting.push(wake);
        setTimeout(wake, 200);
      });
    }
  };
  return { child, lines, exited, waitFor };
}

/** One request on a connection of its own, so that the pool hands each to a worker in turn. */
function send(url: string, method: string, path: string, key: string, body?: unknown) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      {
        method,
        agent: false,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.each(testDialects())('guanxi serve with GUANXI_WORKERS=2 on %s', (dialect) => {
  test('two processes answer on one port and share the database; one that dies is replaced; SIGTERM stops both', {
    timeout: 90_000,
  }, async () => {
    const database = await freshDatabase(dialect, 'pool');
    let server: ReturnType<typeof serve> | undefined;
    try {
      const core = await createCore({
        database: openDatabase({ url: database.url }),
        plugins: await bundledPlugins(),
      });
      const team = await core.teams.create({ name: 'Pool', slug: 'pool' });
      const user = await core.users.create({ email: 'rep@pool.test', name: 'Rep' });
      await core.users.setRole(team.id, user.id, 'rep');
      const { key } = await core.apiKeys.create(user.id, 'pool');
      await core.close();

      server = serve({ DATABASE_URL: database.url, PORT: '0', GUANXI_WORKERS: '2' });
      const ready = await server.waitFor('the pool listening', (l) =>
        l.msg.endsWith('with 2 workers'),
      );
      const startedAt = Date.now();
      const url = ready.url as string;
      const pids = ready.pids as number[];
      expect(pids).toHaveLength(2);
      expect(pids).not.toContain(ready.pid);

      const created = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          send(url, 'POST', `/v1/teams/${team.id}/customers`, key, {
            kind: 'person',
            name: `Customer ${i}`,
          }),
        ),
      );
      expect(created.map((r) => r.status)).toEqual(created.map(() => 201));
      const listed = await send(url, 'GET', `/v1/teams/${team.id}/customers?limit=50`, key);
      expect((listed.body as { items: unknown[] }).items).toHaveLength(20);
      const answeredBy = new Set(
        server.lines.filter((l) => l.msg === 'request').map((l) => l.worker),
      );
      expect(answeredBy).toEqual(new Set([0, 1]));

      // A worker that dies within 5 s of starting is taken as unable to start.
      await sleep(Math.max(0, 5_500 - (Date.now() - startedAt)));
      const [dying, surviving] = pids as [number, number];
      process.kill(dying, 'SIGKILL');
      const death = await server.waitFor('the dead worker', (l) => l.workerPid === dying);
      expect(death).toMatchObject({ signal: 'SIGKILL', msg: expect.stringContaining('another') });
      const replacement = await server.waitFor(
        'its replacement listening',
        (l) => l.msg.startsWith('listening on') && l.worker === death.worker && l.pid !== dying,
      );
      const after = await send(url, 'GET', `/v1/teams/${team.id}/customers?limit=50`, key);
      expect((after.body as { items: unknown[] }).items).toHaveLength(20);

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect([surviving, replacement.pid].filter(isRunning)).toEqual([]);
      expect(server.lines.at(-1)).toMatchObject({ msg: 'every worker stopped', code: 0 });
    } finally {
      if (server?.child.exitCode === null) server.child.kill('SIGKILL');
      await database.drop();
    }
  });
});

test('a pool whose workers cannot start stops with exit code 1 instead of restarting them', {
  timeout: 60_000,
}, async () => {
  const database = await freshDatabase('sqlite', 'pool-busy');
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const address = taken.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  let server: ReturnType<typeof serve> | undefined;
  try {
    server = serve({ DATABASE_URL: database.url, PORT: String(port), GUANXI_WORKERS: '2' });
    expect(await server.exited).toBe(1);
    expect(server.lines.map((l) => l.msg)).toContain(
      'worker stopped right after starting; stopping every worker',
    );
  } finally {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL');
    taken.close();
    await database.drop();
  }
});
