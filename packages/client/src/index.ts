import createClient, { type Client } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };

/** The API's named schemas: `Schemas['Customer']`, `Schemas['CustomerCard']`, … */
export type Schemas = components['schemas'];

export type Locale = 'en' | 'zh-CN';

export interface GuanxiClientOptions {
  /** Where the server is: `https://crm.example.cn` (the paths start with /v1). */
  readonly baseUrl: string;
  /** An API key, sent as `Authorization: Bearer <key>`. */
  readonly apiKey: string;
  /** The language of labels in answers (cards, panels); English by default. */
  readonly locale?: Locale;
  /** The fetch to call with; the global one by default. */
  readonly fetch?: typeof fetch;
}

export type GuanxiClient = Client<paths>;

/**
 * A typed client of the Guanxi API: every path, parameter, body and answer typed from the
 * server's OpenAPI document. Each call resolves to `{ data }` on success or `{ error }` (a
 * problem document) on failure, with the `response`.
 */
export function createGuanxiClient(options: GuanxiClientOptions): GuanxiClient {
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: {
      authorization: `Bearer ${options.apiKey}`,
      'accept-language': options.locale ?? 'en',
    },
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
}
