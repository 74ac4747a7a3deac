import { type ErrorCode, type FieldIssue, type GuanxiError, isGuanxiError } from '@guanxi/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './env';

const STATUS: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  GX_ERR_VALIDATION: 400,
  GX_ERR_NOT_FOUND: 404,
  GX_ERR_FORBIDDEN: 403,
  GX_ERR_PLUGIN_UNKNOWN: 404,
  GX_ERR_JOB_UNKNOWN: 404,
  GX_ERR_CONFLICT: 409,
  GX_ERR_TRANSITION_VETOED: 409,
  GX_ERR_PLUGIN_DISABLED: 409,
};

const TITLES: Partial<Record<number, string>> = {
  400: 'Invalid request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  413: 'Request too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal error',
};

export interface Problem {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly detail: string;
  readonly issues?: readonly FieldIssue[];
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** An RFC 9457 problem document; each bad field is named by path and JSON pointer. */
export function problemResponse(c: Context<AppEnv>, problem: Problem): Response {
  const body = {
    type: `urn:guanxi:problem:${problem.code}`,
    title: TITLES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
    instance: c.req.path,
    ...(problem.issues && problem.issues.length > 0
      ? {
          errors: problem.issues.map((issue) => ({
            path: issue.path,
            pointer: pointerOf(issue.path),
            detail: issue.message,
          })),
        }
      : {}),
    ...problem.extra,
  };
  return c.body(JSON.stringify(body), problem.status, {
    'content-type': 'application/problem+json; charset=utf-8',
  });
}

/** RFC 6901: the whole document is `` and each segment escapes `~` and `/`. */
function pointerOf(path: string): string {
  if (path === '(root)') return '';
  return path
    .split('.')
    .map((segment) => `/${segment.replaceAll('~', '~0').replaceAll('/', '~1')}`)
    .join('');
}

export function httpError(
  status: ContentfulStatusCode,
  code: string,
  detail: string,
): HTTPException {
  return new HTTPException(status, { message: detail, cause: { code } });
}

/** Maps every thrown error to a problem document; unexpected ones are logged, never echoed. */
export function onError(error: Error, c: Context<AppEnv>): Response {
  if (isGuanxiError(error)) return guanxiProblem(c, error);
  if (error instanceof HTTPException) {
    const code =
      (error.cause as { code?: string } | undefined)?.code ?? `GX_ERR_HTTP_${error.status}`;
    const response = problemResponse(c, {
      status: error.status as ContentfulStatusCode,
      code,
      detail: error.message,
    });
    if (error.status === 401) response.headers.set('WWW-Authenticate', 'Bearer');
    return response;
  }
  c.var.logger?.error({ err: error, requestId: c.var.requestId }, 'unhandled error');
  return problemResponse(c, {
    status: 500,
    code: 'GX_ERR_INTERNAL',
    detail: `Something went wrong on the server; quote request id ${c.var.requestId ?? '-'}`,
  });
}

function guanxiProblem(c: Context<AppEnv>, error: GuanxiError): Response {
  const status = STATUS[error.code];
  if (status === undefined) {
    c.var.logger?.error({ err: error, requestId: c.var.requestId }, 'unexpected core error');
    return problemResponse(c, { status: 500, code: 'GX_ERR_INTERNAL', detail: 'Internal error' });
  }
  return problemResponse(c, {
    status,
    code: error.code,
    detail: error.message,
    issues: error.issues,
    extra:
      error.code === 'GX_ERR_TRANSITION_VETOED'
        ? { reason: error.details.reason, plugin: error.details.plugin }
        : {},
  });
}
