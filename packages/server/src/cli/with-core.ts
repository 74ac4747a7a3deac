import { type Core, createCore, openDatabase } from '@guanxi/core';
import pino from 'pino';
import { project } from './project';

export interface WithCoreOptions {
  /** Run pending migrations first. Default true, as the server does. */
  readonly migrate?: boolean;
}

/**
 * Runs `fn` with a core over the project's database and plugins (guanxi.config.ts, else
 * DATABASE_URL and the bundled plugins the working directory has installed), and closes it
 * after.
 */
export async function withCore<T>(
  fn: (core: Core) => Promise<T>,
  options: WithCoreOptions = {},
): Promise<T> {
  const { plugins, server } = await project();
  const database = openDatabase({ url: server.databaseUrl });
  let core: Core;
  try {
    core = await createCore({
      database,
      plugins,
      hookTimeoutMs: server.hookTimeoutMs,
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
