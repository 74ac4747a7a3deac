import { type Core, createCore, DEFAULT_DATABASE_FILE, openDatabase } from '@guanxi/core';
import pino from 'pino';
import { bundledPlugins } from '../bundled-plugins';

export interface WithCoreOptions {
  /** Run pending migrations first. Default true, as the server does. */
  readonly migrate?: boolean;
}

/** DATABASE_URL: a SQLite file path or `postgres://…`; default `.data/guanxi.db`. */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL || DEFAULT_DATABASE_FILE;
}

/**
 * Runs `fn` with a core over DATABASE_URL and the bundled plugins the project in the working
 * directory has installed, and closes it after.
 */
export async function withCore<T>(
  fn: (core: Core) => Promise<T>,
  options: WithCoreOptions = {},
): Promise<T> {
  const plugins = await bundledPlugins();
  const database = openDatabase({ url: databaseUrl() });
  let core: Core;
  try {
    core = await createCore({
      database,
      plugins,
      // Logs go to stderr: stdout carries what a command prints, such as an export.
      logger: pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2)),
      migrate: options.migrate ?? true,
    });
  } catch (error) {
    await database.destroy();
    throw error;
  }
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}
