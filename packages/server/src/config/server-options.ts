import {
  DEFAULT_DATABASE_FILE,
  DEFAULT_SESSION_LIMITS,
  type FieldIssue,
  GuanxiError,
  toFieldIssues,
} from '@guanxi/core';
import { z } from 'zod';
import type { ConsoleOptions } from '../admin/options';
import {
  DEFAULT_RATE_LIMIT,
  type RateLimitSettings,
  rateLimitSchema,
} from '../middleware/rate-limit';

/** More server processes than this would only contend for the same database. */
const MAX_WORKERS = 64;

const whole = (unit: string, least: number) => {
  const message = `must be a whole number of ${unit}, ${least} or more`;
  return z.int(message).min(least, message);
};
const ms = (least: number) => whole('milliseconds', least);
const origins = z.array(z.string().min(1, 'must not be empty'));

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
  corsOrigins: origins,
  cardRefreshMs: ms(0),
  hookTimeoutMs: ms(1),
  workers: z
    .int(`must be a whole number from 1 to ${MAX_WORKERS}`)
    .min(1, `must be a whole number from 1 to ${MAX_WORKERS}`)
    .max(MAX_WORKERS, `must be a whole number from 1 to ${MAX_WORKERS}`),
  rateLimit: rateLimitSchema.partial(),
  webhookAllowPrivate: z.boolean('must be true or false (1 or 0 in the environment)'),
  /** The console ends a session idle this long. */
  sessionIdleMinutes: whole('minutes', 1),
  /** The console ends a session this long after sign-in, however busy. */
  sessionHours: whole('hours', 1),
  /** Origins allowed to post the console's forms besides its own (a proxy's). */
  consoleOrigins: origins,
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
  /** Requests per API key and process. Default 1,200 a minute with bursts of 200. */
  readonly rateLimit?: RateLimitSettings;
  /**
   * Let webhooks target loopback and private addresses, over http too: for development and
   * tests only. Default false: webhooks go to public addresses over https.
   */
  readonly webhookAllowPrivate?: boolean;
  /** The console's session limits and the form origins it allows besides its own. */
  readonly console?: ConsoleOptions;
}

const DEFAULTS = {
  host: '127.0.0.1',
  port: 3000,
  corsOrigins: [],
  cardRefreshMs: 0,
  hookTimeoutMs: 2000,
  workers: 1,
  webhookAllowPrivate: false,
  sessionIdleMinutes: DEFAULT_SESSION_LIMITS.idleMs / 60_000,
  sessionHours: DEFAULT_SESSION_LIMITS.absoluteMs / 3_600_000,
  consoleOrigins: [],
} as const;

type EnvOption = Exclude<keyof ServerOptions, 'rateLimit'>;
type Read = (text: string) => unknown;

const number: Read = (text) => (text.trim() === '' ? Number.NaN : Number(text));
/** Digits only: `2.0` or `1e3` is not a count, though Number would read one. */
const count: Read = (text) => (/^\d+$/.test(text.trim()) ? Number(text) : Number.NaN);
/** `1` on, `0` off; anything else stays text, which the rule refuses. */
const onOff: Read = (text) => (text === '1' ? true : text === '0' ? false : text);
const commaList: Read = (text) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** Each option's environment variable and how its text becomes a value. */
const ENVIRONMENT: Readonly<Record<EnvOption, readonly [string, Read]>> = {
  host: ['HOST', (text) => text],
  port: ['PORT', number],
  corsOrigins: ['GUANXI_CORS_ORIGINS', commaList],
  cardRefreshMs: ['GUANXI_CARD_REFRESH_MS', number],
  hookTimeoutMs: ['GUANXI_HOOK_TIMEOUT_MS', number],
  workers: ['GUANXI_WORKERS', count],
  webhookAllowPrivate: ['GUANXI_WEBHOOK_ALLOW_PRIVATE', onOff],
  sessionIdleMinutes: ['GUANXI_SESSION_IDLE_MINUTES', count],
  sessionHours: ['GUANXI_SESSION_HOURS', count],
  consoleOrigins: ['GUANXI_CONSOLE_ORIGINS', commaList],
};

/** Each rate limit's environment variable. */
const RATE_LIMIT_ENVIRONMENT: Readonly<Record<keyof RateLimitSettings, string>> = {
  perMinute: 'GUANXI_RATE_LIMIT_PER_MINUTE',
  burst: 'GUANXI_RATE_LIMIT_BURST',
};

/** DATABASE_URL when set, else the config file's `database`, else `.data/guanxi.db`. */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env, fromFile?: string): string {
  return env.DATABASE_URL || fromFile || DEFAULT_DATABASE_FILE;
}

/**
 * The server's settings: an environment variable that is set wins over the config file's
 * value, which wins over the default (the rate limits, each on its own). A bad variable is
 * GX_ERR_VALIDATION naming it.
 */
export function resolveServerConfig(
  env: NodeJS.ProcessEnv,
  fromFile: ServerOptions & { readonly database?: string } = {},
): ServerConfig {
  const issues: FieldIssue[] = [];
  const bad: string[] = [];
  /** The variable's value by the option's rule; undefined when it is unset, empty or bad. */
  const fromEnv = (name: string, rule: z.ZodType, read: Read): unknown => {
    const text = env[name];
    if (!text) return undefined;
    const parsed = rule.safeParse(read(text));
    if (parsed.success) return parsed.data;
    bad.push(`${name}="${text}"`);
    issues.push(...toFieldIssues(parsed.error, [name]));
    return undefined;
  };
  const values: Record<string, unknown> = {};
  for (const [option, [name, read]] of Object.entries(ENVIRONMENT)) {
    const key = option as EnvOption;
    values[key] =
      fromEnv(name, serverOptionsSchema.shape[key], read) ?? fromFile[key] ?? DEFAULTS[key];
  }
  const rateLimit: Record<keyof RateLimitSettings, number> = {
    ...DEFAULT_RATE_LIMIT,
    ...fromFile.rateLimit,
  };
  for (const [field, name] of Object.entries(RATE_LIMIT_ENVIRONMENT)) {
    const key = field as keyof RateLimitSettings;
    const value = fromEnv(name, rateLimitSchema.shape[key], count);
    if (value !== undefined) rateLimit[key] = value as number;
  }
  if (issues.length > 0) {
    throw new GuanxiError('GX_ERR_VALIDATION', `Not a valid setting: ${bad.join(', ')}`, {
      issues,
    });
  }
  const { sessionIdleMinutes, sessionHours, consoleOrigins, ...server } = values as Required<
    Omit<ServerOptions, 'rateLimit'>
  >;
  return {
    ...(server as Omit<ServerConfig, 'databaseUrl' | 'rateLimit' | 'console'>),
    databaseUrl: databaseUrl(env, fromFile.database),
    rateLimit,
    console: {
      sessions: { idleMs: sessionIdleMinutes * 60_000, absoluteMs: sessionHours * 3_600_000 },
      origins: consoleOrigins,
    },
  };
}
