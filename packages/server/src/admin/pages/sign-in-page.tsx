/** @jsxImportSource hono/jsx */
import type { SessionLimits } from '@guanxi/core';
import { useMessages } from '../i18n';
import { CenteredLayout } from '../layout';
import type { Notice } from '../messages';
import { ADMIN } from '../paths';
import { CsrfField, FieldError, NoticeBanner } from '../ui';

/** The key field is never filled in again: a key must not travel back in a page. */
export function SignInPage(props: {
  token: string;
  limits: SessionLimits;
  error?: string;
  notice?: Notice;
}) {
  const t = useMessages();
  return (
    <CenteredLayout title={t.signIn} path={`${ADMIN}/sign-in`}>
      <h2>{t.signIn}</h2>
      <p class="hint">{t.signInLead}</p>
      <NoticeBanner notice={props.notice} />
      <form method="post" action={`${ADMIN}/sign-in`}>
        <CsrfField token={props.token} />
        <label class={props.error === undefined ? undefined : 'invalid'}>
          {t.apiKey}
          <input
            type="password"
            name="key"
            required
            autocomplete="off"
            spellcheck={false}
            placeholder="gx_…"
          />
          <FieldError message={props.error} />
          <span class="hint">
            {t.apiKeyHint(
              Math.round(props.limits.idleMs / 60_000),
              Math.round((props.limits.absoluteMs / 3_600_000) * 10) / 10,
            )}
          </span>
        </label>
        <button type="submit">{t.signIn}</button>
      </form>
    </CenteredLayout>
  );
}
