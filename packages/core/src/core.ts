import type { Kysely } from 'kysely';
import { type Clock, systemClock } from './clock';
import type { CoreApi } from './core-api';
import { CoreRuntime, type WebhookOptions } from './core-runtime';
import { Jobs } from './jobs/jobs';
import { type Logger, silentLogger } from './logger';
import type { AnyPlugin } from './plugins/define-plugin';
import { PluginRegistry } from './plugins/plugin-registry';
import type { Database, Dialect } from './storage/database';
import {
  coreMigrations,
  type MigrationReport,
  migrateAll,
  renamedCoreMigrations,
} from './storage/migrate';
import type { CoreTables } from './storage/schema';

export interface CoreOptions {
  readonly database: Database;
  readonly plugins?: readonly AnyPlugin[];
  /** Everything time-dependent reads this; tests and backtests pass their own. */
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** How long one hook handler may take before it is rolled back and recorded. Default 2000. */
  readonly hookTimeoutMs?: number;
  /** Run pending core and plugin migrations at start. Default true. */
  readonly migrate?: boolean;
  readonly webhooks?: WebhookOptions;
}

export interface Core extends CoreApi {
  readonly dialect: Dialect;
  readonly db: Kysely<CoreTables>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly plugins: CoreApi['plugins'];
  readonly jobs: Jobs;
  readonly installed: readonly AnyPlugin[];
  /** Runs pending migrations: the core's, then every installed plugin's, enabled or not. */
  migrate(): Promise<MigrationReport[]>;
  /** Closes the database. */
  close(): Promise<void>;
}

/**
 * Builds a core over an open database: checks the plugins (ids, dependencies, hook names),
 * migrates, and returns the API. Fails fast with a GX_ERR_* code on any plugin problem.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const registry = new PluginRegistry(options.plugins ?? []);
  const runtime = new CoreRuntime({
    database: options.database,
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger,
    registry,
    hookTimeoutMs: options.hookTimeoutMs ?? 2000,
    webhooks: options.webhooks ?? {},
  });
  const { db } = options.database;
  const migrate = () =>
    migrateAll(db, [
      { owner: 'core', migrations: coreMigrations, renamed: renamedCoreMigrations },
      ...registry.plugins.map((plugin) => ({
        owner: `plugin_${plugin.id}`,
        migrations: plugin.migrations ?? {},
      })),
    ]);
  if (options.migrate ?? true) await migrate();
  return {
    ...runtime.api(db),
    dialect: options.database.dialect,
    db,
    clock: runtime.clock,
    logger: runtime.logger,
    jobs: new Jobs(runtime),
    installed: registry.plugins,
    migrate,
    close: () => options.database.destroy(),
  };
}
