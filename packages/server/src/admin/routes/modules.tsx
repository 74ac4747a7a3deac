/** @jsxImportSource hono/jsx */
import { isGuanxiError, type Team } from '@guanxi/core';
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { configFields } from '../config-form/config-fields';
import { readConfigForm } from '../config-form/read-config-form';
import type { AdminEnv } from '../env';
import { errorsByPath, textField } from '../issues';
import { noticeOf } from '../messages';
import { type ConfigDraft, ModulesPage, type ModuleView } from '../pages/modules-page';
import { teamPath } from '../paths';
import { render } from '../render';
import { adminActor, adminTeamOf } from '../team-access';

function fieldsOf(c: Context<AdminEnv>, pluginId: string) {
  const schema = c.var.core.installed.find((plugin) => plugin.id === pluginId)?.configSchema;
  return schema === undefined ? [] : configFields(schema);
}

async function modulesPage(
  c: Context<AdminEnv>,
  team: Team,
  extra: { draft?: ConfigDraft; notice?: ReturnType<typeof noticeOf> },
  status: ContentfulStatusCode = 200,
) {
  const { core } = c.var;
  const modules: ModuleView[] = await Promise.all(
    core.plugins.list().map(async (info) => ({
      info,
      setting: await core.plugins.settings(team.id, info.id),
      fields: fieldsOf(c, info.id),
    })),
  );
  return render(
    c,
    <ModulesPage session={c.var.admin} team={team} modules={modules} {...extra} />,
    status,
  );
}

/** Modules on or off per team, and their settings; the core validates and audits each change. */
export function moduleRoutes() {
  return new Hono<AdminEnv>()
    .get('/teams/:teamId/modules', (c) =>
      modulesPage(c, adminTeamOf(c), { notice: noticeOf(c.req.query('notice')) }),
    )
    .post('/teams/:teamId/modules/:pluginId/enabled', async (c) => {
      const team = adminTeamOf(c);
      const pluginId = c.req.param('pluginId');
      const enabled = textField(await c.req.parseBody(), 'enabled') === 'true';
      await c.var.core.plugins.change(team.id, pluginId, { enabled, actor: adminActor(c) });
      const notice = enabled ? 'moduleOn' : 'moduleOff';
      return c.redirect(`${teamPath(team.id, 'modules')}?notice=${notice}#module-${pluginId}`, 303);
    })
    .post('/teams/:teamId/modules/:pluginId/config', async (c) => {
      const team = adminTeamOf(c);
      const pluginId = c.req.param('pluginId');
      const values = readConfigForm(fieldsOf(c, pluginId), await c.req.parseBody());
      try {
        await c.var.core.plugins.change(team.id, pluginId, {
          config: values,
          actor: adminActor(c),
        });
      } catch (error) {
        if (!isGuanxiError(error, 'GX_ERR_VALIDATION')) throw error;
        const draft = { pluginId, values, errors: errorsByPath(error.issues) };
        return modulesPage(c, team, { draft }, 400);
      }
      return c.redirect(
        `${teamPath(team.id, 'modules')}?notice=configSaved#module-${pluginId}`,
        303,
      );
    });
}
