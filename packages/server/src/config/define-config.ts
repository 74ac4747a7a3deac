import type { AnyPlugin } from '@guanxi/core';
import type { BundledPlugin } from '../bundled-plugins';
import type { ServerOptions } from './server-options';

/** What `guanxi.config.ts` exports: the project's plugins, database and server options. */
export interface GuanxiConfig {
  /**
   * The plugins to install, in this order: `...bundled()` (or `...bundled({ except: ['example-scorer'] })`)
   * and the project's own, as plugin values (call a factory: `latePayers({ days: 30 })`).
   * Left out, every bundled plugin.
   */
  readonly plugins?: readonly (AnyPlugin | BundledPlugin)[];
  /**
   * A SQLite file path, relative to the config file's folder, or `postgres://…`. DATABASE_URL
   * wins when it is set. Default `.data/guanxi.db`.
   */
  readonly database?: string;
  /** How `guanxi serve` serves; each option's environment variable wins when it is set. */
  readonly server?: ServerOptions;
}

/** Types a `guanxi.config.ts`; the config is checked when a `guanxi` command loads it. */
export function defineConfig(config: GuanxiConfig): GuanxiConfig {
  return config;
}
