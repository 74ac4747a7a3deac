/** @jsxImportSource hono/jsx */
import { isGuanxiError } from '@guanxi/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../env';
import { MESSAGES } from './messages';
import { MessagePage } from './pages/message-page';
import { render } from './render';

const CORE_STATUS: Readonly<Record<string, ContentfulStatusCode>> = {
  GX_ERR_VALIDATION: 400,
  GX_ERR_NOT_FOUND: 404,
  GX_ERR_FORBIDDEN: 403,
  GX_ERR_PLUGIN_UNKNOWN: 404,
  GX_ERR_CONFLICT: 409,
  GX_ERR_PLUGIN_DISABLED: 409,
};

/** Errors become pages in the console's language; unexpected ones are logged, never shown. */
export function adminError(error: Error, c: Context<AppEnv>): Promise<Response> {
  const t = MESSAGES[c.var.locale ?? 'en'];
  const status = isGuanxiError(error)
    ? CORE_STATUS[error.code]
    : error instanceof HTTPException
      ? (error.status as ContentfulStatusCode)
      : undefined;
  if (status === 404) return notFoundPage(c);
  if (status === 403 && error instanceof HTTPException) {
    return render(c, <MessagePage title={t.forbiddenTitle} body={t.forbiddenBody} />, 403);
  }
  if (status === undefined || status >= 500) {
    c.var.logger?.error({ err: error, requestId: c.var.requestId }, 'admin console error');
    const body = t.errorBody(c.var.requestId ?? '-');
    return render(c, <MessagePage title={t.errorTitle} body={body} />, 500);
  }
  return render(c, <MessagePage title={t.errorTitle} body={error.message} />, status);
}

export function notFoundPage<E extends AppEnv>(c: Context<E>): Promise<Response> {
  const t = MESSAGES[c.var.locale ?? 'en'];
  return render(c, <MessagePage title={t.notFoundTitle} body={t.notFoundBody} />, 404);
}
