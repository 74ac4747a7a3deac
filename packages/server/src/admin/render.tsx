/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../env';
import type { AdminEnv } from './env';
import { MessagesContext, TeamContext } from './i18n';
import { MESSAGES } from './messages';

/**
 * Sends a page in the request's language, with the team it belongs to (if any) for the
 * navigation; hono/jsx escapes every value it renders.
 */
export function render<E extends AppEnv>(
  c: Context<E>,
  page: Child,
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  const team = (c.var as Partial<AdminEnv['Variables']>).team;
  const body = (
    <MessagesContext.Provider value={MESSAGES[c.var.locale ?? 'en']}>
      <TeamContext.Provider value={team}>{page}</TeamContext.Provider>
    </MessagesContext.Provider>
  );
  return Promise.resolve(c.html(html`<!doctype html>${body}`, status));
}
