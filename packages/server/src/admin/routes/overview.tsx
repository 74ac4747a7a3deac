/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { revenueTiers } from '../data/revenue-tiers';
import { stageCounts } from '../data/stage-counts';
import { pendingFailureCount } from '../data/team-counts';
import { topCustomers } from '../data/top-customers';
import type { AdminEnv } from '../env';
import { OverviewPage } from '../pages/overview-page';
import { teamPath } from '../paths';
import { render } from '../render';
import { adminTeamOf } from '../team-access';

const TOP_CUSTOMERS = 5;

export function overviewRoutes() {
  return new Hono<AdminEnv>()
    .get('/', (c) => c.redirect(teamPath(c.var.admin.teams[0].id), 303))
    .get('/teams/:teamId', async (c) => {
      const team = adminTeamOf(c);
      const { core } = c.var;
      const [stages, tiers, top, members, pendingFailures, settings] = await Promise.all([
        stageCounts(core.db, team.id),
        revenueTiers(core.db, team.id),
        topCustomers(core.db, team.id, TOP_CUSTOMERS),
        core.users.members(team.id),
        pendingFailureCount(core.db, team.id),
        Promise.all(core.plugins.list().map((plugin) => core.plugins.settings(team.id, plugin.id))),
      ]);
      const data = {
        stages,
        tiers,
        top,
        members: members.length,
        modulesOn: settings.filter((setting) => setting.enabled).length,
        pendingFailures,
      };
      return render(c, <OverviewPage session={c.var.admin} team={team} data={data} />);
    });
}
