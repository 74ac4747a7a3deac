/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { stageCounts } from '../data/stage-counts';
import { pendingFailureCount } from '../data/team-counts';
import { ownedTotals, topCustomers } from '../data/top-customers';
import type { AdminEnv } from '../env';
import { OverviewPage } from '../pages/overview-page';
import { teamPath } from '../paths';
import { render } from '../render';
import { teamOf, viewerOf } from '../team-access';

const TOP_CUSTOMERS = 5;

/**
 * A team at a glance, as far as the role reaches: a rep sees their own customers and
 * figures, a manager the team's, an admin also its settings' health; then the widgets of
 * the team's plugins.
 */
export function overviewRoutes() {
  return new Hono<AdminEnv>()
    .get('/', (c) => c.redirect(teamPath(c.var.admin.teams[0].id), 303))
    .get('/teams/:teamId', async (c) => {
      const view = teamOf(c);
      const { team, role } = view;
      const { core } = c.var;
      const owner = role === 'rep' ? c.var.admin.user.id : undefined;
      const input = {
        locale: c.var.locale,
        viewer: viewerOf(c),
        query: {},
        purpose: 'page' as const,
      };
      const [stages, top, widgets, members, own, pendingFailures, settings] = await Promise.all([
        stageCounts(core.db, team.id, owner),
        topCustomers(core.db, team.id, TOP_CUSTOMERS, owner),
        core.console.widgets(team.id, input),
        role === 'rep' ? undefined : core.users.members(team.id),
        owner === undefined ? undefined : ownedTotals(core.db, team.id, owner),
        role === 'admin' ? pendingFailureCount(core.db, team.id) : undefined,
        role === 'admin'
          ? Promise.all(
              core.plugins.list().map((plugin) => core.plugins.settings(team.id, plugin.id)),
            )
          : undefined,
      ]);
      const data = {
        stages,
        top,
        widgets,
        ...(members === undefined ? {} : { members: members.length }),
        ...(own === undefined ? {} : { own }),
        ...(pendingFailures === undefined ? {} : { pendingFailures }),
        ...(settings === undefined
          ? {}
          : { modulesOn: settings.filter((setting) => setting.enabled).length }),
      };
      return render(c, <OverviewPage session={c.var.admin} view={view} data={data} />);
    });
}
