/** @jsxImportSource hono/jsx */
import { LOCALES, type Team } from '@guanxi/core';
import type { AdminSession } from '../env';
import { useMessages } from '../i18n';
import type { FieldErrors } from '../issues';
import { TeamLayout } from '../layout';
import type { Notice } from '../messages';
import { teamPath } from '../paths';
import { CsrfField, FieldError } from '../ui';

/** What the form holds: the team as stored, or what was submitted when it was refused. */
export interface TeamSettingsForm {
  readonly values: { readonly name: string; readonly locale: string; readonly timeZone: string };
  readonly errors: FieldErrors;
}

/** The team's name, language and time zone, with the fields that cannot change shown beside. */
export function TeamSettingsPage(props: {
  session: AdminSession;
  team: Team;
  /** The day it is now in the team's zone, YYYY-MM-DD. */
  today: string;
  /** IANA zones to suggest in the time zone field. */
  zones: readonly string[];
  form?: TeamSettingsForm;
  notice?: Notice | undefined;
}) {
  const t = useMessages();
  const { team, session } = props;
  const values = props.form?.values ?? team;
  const errors = props.form?.errors ?? new Map<string, string>();
  const field = (name: string) => (errors.has(name) ? 'invalid' : undefined);
  return (
    <TeamLayout session={session} team={team} tab="settings" notice={props.notice}>
      <section class="card">
        <form method="post" action={teamPath(team.id, 'settings')} class="config">
          <CsrfField token={session.csrf} />
          <label class={field('name')}>
            {t.teamName}
            <input type="text" name="name" required maxlength={200} value={values.name} />
            <FieldError message={errors.get('name')} />
          </label>
          <label class={field('locale')}>
            {t.teamLanguage}
            <select name="locale">
              {LOCALES.map((locale) => (
                <option value={locale} selected={locale === values.locale}>
                  {t.languages[locale]}
                </option>
              ))}
            </select>
            <FieldError message={errors.get('locale')} />
          </label>
          <label class={field('timeZone')}>
            {t.timeZone}
            <input
              type="text"
              name="timeZone"
              required
              maxlength={64}
              list="time-zones"
              value={values.timeZone}
            />
            <datalist id="time-zones">
              {props.zones.map((zone) => (
                <option value={zone} />
              ))}
            </datalist>
            <span class="hint">{t.timeZoneHint}</span>
            <span class="hint" data-today={props.today}>
              {t.todayInZone(props.today)}
            </span>
            <FieldError message={errors.get('timeZone')} />
          </label>
          <div>
            <button type="submit">{t.save}</button>
          </div>
        </form>
      </section>
      <section class="card">
        <dl class="facts">
          <dt>{t.slug}</dt>
          <dd>
            <code>{team.slug}</code>
          </dd>
          <dt>{t.currency}</dt>
          <dd>{team.currency}</dd>
        </dl>
        <p class="hint">{t.fixedHint}</p>
      </section>
    </TeamLayout>
  );
}
