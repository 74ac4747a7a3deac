import { DEFAULT_DATABASE_FILE, type FieldIssue, GuanxiError, toFieldIssues } from '@guanxi/core';
import { z } from 'zod';
import type { RateLimitOptions } from '../middleware/rate-limit';

/** More server processes than this would only contend for the same database. */
const MAX_WORKERS = 64;

const ms = (least: number) => {
  const message = `must be a whole number of milliseconds, ${least} or more`;
  return z.int(message).min(least, message);
};

/**
 * The rule of each server option, whether it comes from guanxi.config.ts (`server`) or from
 * its environment variable.
 */
export const serverOptionsSchema = z.strictObject({
  host: z.string().min(1, 'must not be empty'),
  port: z
    .int('must be an integer from 0 to 65535')
    .min(0, 'must be an integer from 0 to 65535')
    .max(65_535, 'must be an integer from 0 to 65535'),
  corsOrigins: z.array(z.string().min(1, 'must not be empty')),
  cardRefreshMs: ms(0),
  hookTimeoutMs: ms(1),
  workers: z
    .int(`must be a whole number from 1 to ${MAX_WORKERS}`)
    .min(1, `must be a whole number from 1 to ${MAX_WORKERS}`)
    .max(MAX_WORKERS, `must be a whole number from 1 to ${MAX_WORKERS}`),
  rateLimit: z.strictObject({
    perMinute: z.number().positive('must be above 0').optional(),
    burst: z.int('must be a whole number').positive('must be above 0').optional(),
  }),
});

/** The server options a config file may set; every one has a default. */
export type ServerOptions = Partial<z.input<typeof serverOptionsSchema>>;

export interface ServerConfig {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** A SQLite file path or `postgres://…`. */
  readonly databaseUrl: string;
  /** Origins allowed to call the API from a browser, such as the extension's. */
  readonly corsOrigins: readonly string[];
  /**
   * Pause between two passes of keeping customer cards ready in the background; 0 (the
   * default) leaves cards to be built on their first request and by `guanxi cards refresh`.
   */
  readonly cardRefreshMs?: number;
  /**
   * How long one plugin hook handler may take before its work is rolled back and recorded
   * for replay. Default 2000; large import batches on a slow machine may want more.
   */
  readonly hookTimeoutMs?: number;
  /**
   * How many server processes answer on the port (`guanxi serve` runs them as a worker
   * pool). Default 1: this process alone.
   */
  readonly workers?: number;
  /** Requests per API key; default as `rateLimit` has it. */
  readonly rateLimit?: Pick<RateLimitOptions, 'perMinute' | 'burst'>;
}

const DEFAULTS = {
  host: '127.0.0.1',
  port: 3000,
  corsOrigins: [],
  cardRefreshMs: 0,
  hookTimeoutMs: 2000,
  workers: 1,
} as const;

type EnvOption = Exclude<keyof ServerOptions, 'rateLimit'>;

const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** Each option's environment variable and how its text becomes a value. */
const ENVIRONMENT: Readonly<Record<EnvOption, readonly [string, (text: string) => unknown]>> = {
  host: ['HOST', (text) => text],
  port: ['PORT', number],
  corsOrigins: [
    'GUANXI_CORS_ORIGINS',
    (text) =>
      text
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
  ],
  cardRefreshMs: ['GUANXI_CARD_REFRESH_MS', number],
  hookTimeoutMs: ['GUANXI_HOOK_TIMEOUT_MS', number],
  workers: ['GUANXI_WORKERS', number],
};

/** DATABASE_URL when set, else the config file's `database`, else `.data/guanxi.db`. */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env, fromFile?: string): string {
  return env.DATABASE_URL || fromFile || DEFAULT_DATABASE_FILE;
}

/**
 * The server's settings: an environment variable that is set wins over the config file's
 * value, which wins over the default. A bad variable is GX_ERR_VALIDATION naming it.
 */
export function resolveServerConfig(
  env: NodeJS.ProcessEnv,
  fromFile: ServerOptions & { readonly database?: string } = {},
): ServerConfig {
  const issues: FieldIssue[] = [];
  const bad: string[] = [];
  const values: Record<string, unknown> = { ...DEFAULTS };
  for (const [option, [name, read]] of Object.entries(ENVIRONMENT)) {
    const text = env[name];
    const fileValue = fromFile[option as EnvOption];
    if (!text) {
      if (fileValue !== undefined) values[option] = fileValue;
      continue;
    }
    const parsed = serverOptionsSchema.shape[option as EnvOption].safeParse(read(text));
    if (parsed.success) {
      values[option] = parsed.data;
    } else {
      bad.push(`${name}="${text}"`);
      issues.push(...toFieldIssues(parsed.error, [name]));
    }
  }
  if (issues.length > 0) {
    throw new GuanxiError('GX_ERR_VALIDATION', `Not a valid setting: ${bad.join(', ')}`, {
      issues,
    });
  }
  return {
    ...(values as Omit<ServerConfig, 'databaseUrl'>),
    databaseUrl: databaseUrl(env, fromFile.database),
    ...(fromFile.rateLimit === undefined ? {} : { rateLimit: fromFile.rateLimit }),
  };
}
