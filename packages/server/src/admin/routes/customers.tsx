/** @jsxImportSource hono/jsx */
import { dayOf, majorUnits, STAGE_LABELS } from '@guanxi/core';
import { type Context, Hono } from 'hono';
import { csvDownload, csvLine } from '../csv';
import { readListQuery } from '../customer-query';
import { allCustomerRows, customerCount, customerListPage } from '../data/customer-list';
import type { AdminEnv } from '../env';
import { errorsByPath } from '../issues';
import { MESSAGES } from '../messages';
import { CustomersPage } from '../pages/customers-page';
import { render } from '../render';
import { teamOf } from '../team-access';

const PAGE_SIZE = 50;

async function listQueryOf(c: Context<AdminEnv>) {
  const view = teamOf(c);
  const { core } = c.var;
  const pluginFilters = await core.console.customerFilters(view.team.id, c.var.locale);
  const query = await readListQuery(c.req.query(), view, c.var.admin.user.id, pluginFilters, (q) =>
    core.customers.matching(view.team.id, q),
  );
  return { view, pluginFilters, query };
}

async function listPage(c: Context<AdminEnv>) {
  const { core } = c.var;
  const { view, pluginFilters, query } = await listQueryOf(c);
  const teamId = view.team.id;
  const refused = query.issues.length > 0;
  const [page, count, members] = await Promise.all([
    refused
      ? { rows: [], next: null }
      : customerListPage(core.db, teamId, query.filter, query.sort, query.after, PAGE_SIZE),
    refused ? 0 : customerCount(core.db, teamId, query.filter),
    view.role === 'rep' ? [] : core.users.members(teamId),
  ]);
  const data = { query, errors: errorsByPath(query.issues), page, count, members, pluginFilters };
  return render(
    c,
    <CustomersPage session={c.var.admin} view={view} data={data} />,
    refused ? 400 : 200,
  );
}

/** The customer list and its CSV download; a rep sees only the customers they own. */
export function customerRoutes() {
  return new Hono<AdminEnv>()
    .get('/teams/:teamId/customers', listPage)
    .get('/teams/:teamId/customers/export', async (c) => {
      const { core } = c.var;
      const { view, query } = await listQueryOf(c);
      if (query.issues.length > 0) return listPage(c);
      const t = MESSAGES[c.var.locale];
      const { team } = view;
      async function* lines() {
        yield csvLine([
          'id',
          t.name,
          t.customers.kind,
          t.customers.company,
          t.stage,
          t.customers.relationship,
          t.customers.owner,
          t.orders,
          `${t.revenue} (${team.currency})`,
          t.customers.lastOrder,
          t.created,
        ]);
        for await (const rows of allCustomerRows(core.db, team.id, query.filter, query.sort)) {
          yield rows
            .map((row) =>
              csvLine([
                row.id,
                row.name,
                t.customers.kinds[row.kind],
                row.company,
                STAGE_LABELS[row.stage][t.locale],
                row.relationshipStage === null
                  ? null
                  : t.customers.relationshipStages[row.relationshipStage],
                row.owner,
                row.orderCount,
                majorUnits(row.revenue, team.currency),
                row.lastOrderAt === null ? null : dayOf(row.lastOrderAt, team.timeZone),
                dayOf(row.createdAt, team.timeZone),
              ]),
            )
            .join('');
        }
      }
      return csvDownload(c, `${team.slug}-customers.csv`, lines());
    });
}
