/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../env';
import { MessagesContext } from './i18n';
import { MESSAGES } from './messages';

/** Sends a page in the request's language; hono/jsx escapes every value it renders. */
export function render<E extends AppEnv>(
  c: Context<E>,
  page: Child,
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  const body = (
    <MessagesContext.Provider value={MESSAGES[c.var.locale ?? 'en']}>
      {page}
    </MessagesContext.Provider>
  );
  return Promise.resolve(c.html(html`<!doctype html>${body}`, status));
}
