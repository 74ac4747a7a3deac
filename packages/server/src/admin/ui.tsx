/** @jsxImportSource hono/jsx */
import { dayOf, localTimeText, type Role } from '@guanxi/core';
import { CSRF_FIELD } from './csrf';
import { useMessages, useTeamView } from './i18n';
import { type Notice, WARNINGS } from './messages';

export const ROLES = ['admin', 'manager', 'rep'] as const satisfies readonly Role[];

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

/** A form that is only a button, for actions such as revoke and replay. */
export function ActionButton(props: {
  action: string;
  csrf: string;
  label: string;
  variant?: 'secondary' | 'link';
  fields?: Readonly<Record<string, string>>;
}) {
  return (
    <form method="post" action={props.action}>
      <CsrfField token={props.csrf} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={props.variant}>
        {props.label}
      </button>
    </form>
  );
}

export function NoticeBanner({ notice }: { notice: Notice | undefined }) {
  const t = useMessages();
  if (notice === undefined) return null;
  return (
    <p class={WARNINGS.has(notice) ? 'notice warn' : 'notice'} role="status">
      {t.notices[notice]}
    </p>
  );
}

export function FieldError({ message }: { message: string | undefined }) {
  return message === undefined ? null : <span class="field-error">{message}</span>;
}

export function RoleSelect(props: { id?: string; name: string; value: string | undefined }) {
  const t = useMessages();
  return (
    <select id={props.id} name={props.name} aria-label={t.role}>
      {ROLES.map((role) => (
        <option value={role} selected={role === props.value}>
          {t.roles[role]}
        </option>
      ))}
    </select>
  );
}

/** The time zone a page reads times in: its team's, else UTC. */
function useTimeZone(): string {
  return useTeamView()?.team.timeZone ?? 'UTC';
}

/** An ISO-8601 UTC time, to the minute, on the team's clock and named with its zone. */
export function Time({ iso }: { iso: string | null }) {
  const t = useMessages();
  const zone = useTimeZone();
  if (iso === null) return <span class="hint">{t.never}</span>;
  return <time datetime={iso}>{localTimeText(iso, zone)}</time>;
}

/** The team's calendar day an ISO-8601 UTC time falls on. */
export function Day({ iso }: { iso: string | null }) {
  const zone = useTimeZone();
  if (iso === null) return null;
  return <time datetime={iso}>{dayOf(iso, zone)}</time>;
}
