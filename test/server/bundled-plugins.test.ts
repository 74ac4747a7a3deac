import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import development from '@guanxi/plugin-development';
import exampleScorer from '@guanxi/plugin-example-scorer';
import loyalty from '@guanxi/plugin-loyalty';
import reports from '@guanxi/plugin-reports';
import scoring from '@guanxi/plugin-scoring';
import service from '@guanxi/plugin-service';
import tiering from '@guanxi/plugin-tiering';
import winback from '@guanxi/plugin-winback';
import { bundledPlugins, startServer } from '@guanxi/server';
import pino from 'pino';
import { describe, expect, test } from 'vitest';
import { PROJECT } from '../support/guanxi';

const ALL = [scoring, tiering, service, winback, loyalty, development, reports, exampleScorer];

describe('the bundled plugins, from this repository as the project', () => {
  test('are the packages the project depends on, the same modules, in install order', async () => {
    const found = await bundledPlugins({ from: PROJECT });
    expect(found).toHaveLength(ALL.length);
    for (const [i, plugin] of found.entries()) expect(plugin).toBe(ALL[i]);
  });

  test('are what startServer installs when given no plugins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guanxi-bundled-'));
    try {
      const server = await startServer({
        config: {
          host: '127.0.0.1',
          port: 0,
          databaseUrl: join(dir, 'guanxi.db'),
          corsOrigins: [],
        },
        logger: pino({ level: 'silent' }),
        handleSignals: false,
      });
      try {
        expect(server.core.installed.map((plugin) => plugin.id).sort()).toEqual(
          ALL.map((plugin) => plugin.id).sort(),
        );
      } finally {
        await server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
