import type { Locale, Schemas } from '@guanxi/client';
import type { Problem } from '../lib/messages';

const TIMEOUT_MS = 10_000;

/** A call that did not give an answer the caller can use, with the state to show. */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.kind === 'failed' ? problem.detail : problem.kind);
    this.problem = problem;
  }
}

/** Where and as whom the API is called, in which language. */
export interface ApiTarget {
  readonly serverUrl: string;
  readonly apiKey: string;
  readonly locale: Locale;
}

async function detailOf(res: Response): Promise<string> {
  try {
    const problem = (await res.json()) as Partial<Schemas['Problem']>;
    return problem.detail ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

/**
 * One API call with the key and the rep's language. No answer, or a gateway's 502–504, is
 * `offline`; 401 is `rejected`; 404 is undefined; any other error is `failed` with its detail.
 */
export async function callApi<T>(
  target: ApiTarget,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T | undefined> {
  let res: Response;
  try {
    res = await fetch(`${target.serverUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${target.apiKey}`,
        'accept-language': target.locale,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new ApiError({ kind: 'offline' });
  }
  if (res.status === 401) throw new ApiError({ kind: 'rejected' });
  if (res.status >= 502 && res.status <= 504) throw new ApiError({ kind: 'offline' });
  if (res.status === 404) return undefined;
  if (!res.ok) throw new ApiError({ kind: 'failed', detail: await detailOf(res) });
  return (await res.json()) as T;
}

/** As callApi, for calls where a 404 is an error too. */
export async function requireApi<T>(
  target: ApiTarget,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const value = await callApi<T>(target, method, path, body);
  if (value === undefined) throw new ApiError({ kind: 'failed', detail: `${path} not found` });
  return value;
}
