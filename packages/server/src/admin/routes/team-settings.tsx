/** @jsxImportSource hono/jsx */
import { dayOf, isGuanxiError, type Team } from '@guanxi/core';
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AdminEnv } from '../env';
import { errorsByPath, textField } from '../issues';
import { noticeOf } from '../messages';
import { type TeamSettingsForm, TeamSettingsPage } from '../pages/team-settings-page';
import { teamPath } from '../paths';
import { render } from '../render';
import { adminActor, adminTeamOf } from '../team-access';

function settingsPage(
  c: Context<AdminEnv>,
  team: Team,
  extra: { form?: TeamSettingsForm; notice?: ReturnType<typeof noticeOf> },
  status: ContentfulStatusCode = 200,
) {
  const page = (
    <TeamSettingsPage
      session={c.var.admin}
      team={team}
      today={dayOf(c.var.core.clock.now(), team.timeZone)}
      zones={Intl.supportedValuesOf('timeZone')}
      {...extra}
    />
  );
  return render(c, page, status);
}

/** The team's own settings: name, language and time zone; the core validates and audits them. */
export function teamSettingsRoutes() {
  return new Hono<AdminEnv>()
    .get('/teams/:teamId/settings', (c) =>
      settingsPage(c, adminTeamOf(c), { notice: noticeOf(c.req.query('notice')) }),
    )
    .post('/teams/:teamId/settings', async (c) => {
      const team = adminTeamOf(c);
      const form = await c.req.parseBody();
      const values = {
        name: textField(form, 'name'),
        locale: textField(form, 'locale'),
        timeZone: textField(form, 'timeZone'),
      };
      try {
        await c.var.core.teams.update(
          team.id,
          { ...values, locale: values.locale as Team['locale'] },
          adminActor(c),
        );
      } catch (error) {
        if (!isGuanxiError(error, 'GX_ERR_VALIDATION')) throw error;
        return settingsPage(c, team, { form: { values, errors: errorsByPath(error.issues) } }, 400);
      }
      return c.redirect(`${teamPath(team.id, 'settings')}?notice=teamSaved`, 303);
    });
}
