/** @jsxImportSource hono/jsx */
import {
  type Channel,
  type CoreApi,
  type FieldIssue,
  type Interaction,
  isGuanxiError,
  type Role,
  type Stage,
  toFieldIssues,
  wallClockOf,
} from '@guanxi/core';
import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { companyPeople } from '../data/company-people';
import { customerTimeline } from '../data/timeline';
import { dayRange, daySchema } from '../days';
import type { AdminEnv } from '../env';
import { errorsByPath, textField } from '../issues';
import { type Notice, noticeOf } from '../messages';
import { type CustomerAction, CustomerPage } from '../pages/customer-page';
import { customerPath } from '../paths';
import { render } from '../render';
import { adminActor, idParamOf, teamFor, teamOf } from '../team-access';

const TIMELINE_LIMIT = 200;
/** Who may give a customer to another owner; a rep keeps what they own. */
const OWNER_ROLES: readonly Role[] = ['manager', 'admin'];
const PEOPLE_LIMIT = 100;

const rangeSchema = z.object({ from: daySchema.optional(), to: daySchema.optional() });

/** The path's customer, if the viewer may see it: a rep only the customers they own. */
async function visibleCard(c: Context<AdminEnv>) {
  const view = teamOf(c);
  const customerId = idParamOf(c, 'customerId');
  const found = await c.var.core.context.card(view.team.id, { customerId }, c.var.locale);
  const mine = found?.card.customer.ownerUserId === c.var.admin.user.id;
  if (found === undefined || (view.role === 'rep' && !mine)) {
    throw new HTTPException(404, { message: `No customer ${customerId}` });
  }
  return { view, card: found.card };
}

async function customerPage(
  c: Context<AdminEnv>,
  extra: {
    failed?: { action: CustomerAction; values: Record<string, string>; issues: FieldIssue[] };
    notice?: Notice | undefined;
  },
  status: ContentfulStatusCode = 200,
) {
  const { core } = c.var;
  const { view, card } = await visibleCard(c);
  const { team, role } = view;
  const rangeQuery = { from: c.req.query('from') || undefined, to: c.req.query('to') || undefined };
  const parsed = rangeSchema.safeParse(rangeQuery);
  const range = parsed.success ? parsed.data : {};
  const [timeline, people, members, owner] = await Promise.all([
    customerTimeline(
      core,
      team.id,
      card.customer.id,
      dayRange(range, team.timeZone),
      c.var.locale,
      TIMELINE_LIMIT,
    ),
    card.customer.kind === 'company'
      ? companyPeople(
          core.db,
          team.id,
          card.customer.id,
          role === 'rep' ? c.var.admin.user.id : undefined,
          PEOPLE_LIMIT,
        )
      : [],
    OWNER_ROLES.includes(role) ? core.users.members(team.id) : [],
    card.customer.ownerUserId === null
      ? null
      : core.users.get(card.customer.ownerUserId).then((user) => user.name),
  ]);
  const failed =
    extra.failed === undefined
      ? undefined
      : {
          action: extra.failed.action,
          draft: { values: extra.failed.values, errors: errorsByPath(extra.failed.issues) },
        };
  const data = {
    card,
    owner,
    people,
    members,
    timeline,
    range: rangeQuery,
    rangeErrors: errorsByPath(parsed.success ? [] : toFieldIssues(parsed.error)),
    now: wallClockOf(core.clock.now(), team.timeZone),
    ...(failed === undefined ? {} : { failed }),
    notice: extra.notice,
  };
  return render(c, <CustomerPage session={c.var.admin} view={view} data={data} />, status);
}

/** Refusals a form can meet that the page shows beside its fields, with their status. */
function refusal(
  error: unknown,
): { issues: FieldIssue[]; status: ContentfulStatusCode } | undefined {
  if (!isGuanxiError(error)) return undefined;
  const issues = error.issues.map((issue) => ({
    path: issue.path.replace(/^interactions\.0\./, ''),
    message: issue.message,
  }));
  if (error.code === 'GX_ERR_VALIDATION') return { issues, status: 400 };
  if (error.code === 'GX_ERR_CONFLICT') return { issues, status: 409 };
  if (error.code === 'GX_ERR_TRANSITION_VETOED') {
    return { issues: [{ path: '(root)', message: error.message }], status: 409 };
  }
  return undefined;
}

/** Runs a customer form's change; a refusal shows the page again with the form's errors. */
async function act(
  c: Context<AdminEnv>,
  action: CustomerAction,
  change: (
    core: CoreApi,
    values: Record<string, string>,
    teamId: number,
    customerId: number,
  ) => Promise<Notice>,
) {
  const { view, card } = await visibleCard(c);
  const form = await c.req.parseBody();
  const values = Object.fromEntries(
    Object.entries(form).flatMap(([name, value]) =>
      typeof value === 'string' ? [[name, value]] : [],
    ),
  );
  try {
    const notice = await c.var.core.transaction((core) =>
      change(core, values, view.team.id, card.customer.id),
    );
    return c.redirect(`${customerPath(view.team.id, card.customer.id)}?notice=${notice}`, 303);
  } catch (error) {
    const refused = refusal(error);
    if (refused === undefined) throw error;
    return customerPage(c, { failed: { action, values, issues: refused.issues } }, refused.status);
  }
}

/**
 * One customer's page and what may be done there, each through the core and audited:
 * change the stage with a reason, log an interaction, and (managers and admins) change the owner.
 */
export function customerPageRoutes() {
  return new Hono<AdminEnv>()
    .get('/teams/:teamId/customers/:customerId', (c) =>
      customerPage(c, { notice: noticeOf(c.req.query('notice')) }),
    )
    .post('/teams/:teamId/customers/:customerId/stage', (c) =>
      act(c, 'stage', async (core, values, teamId, customerId) => {
        const actor = adminActor(c);
        const before = await core.customers.get(teamId, customerId);
        const event = await core.lifecycle.transition(teamId, customerId, {
          // The core validates the stage, as it does every field.
          to: values.to as Stage,
          reason: values.reason ?? '',
          actor,
        });
        await core.audit.record({
          teamId,
          actor,
          action: 'customer.transitioned',
          entity: 'customer',
          entityId: customerId,
          before: { stage: before.stage },
          after: event,
        });
        return 'stageChanged';
      }),
    )
    .post('/teams/:teamId/customers/:customerId/owner', (c) => {
      teamFor(c, OWNER_ROLES);
      return act(c, 'owner', async (core, values, teamId, customerId) => {
        const owner = textField(values, 'ownerUserId');
        const before = await core.customers.get(teamId, customerId);
        const after = await core.customers.update(teamId, customerId, {
          ownerUserId: owner === '' ? null : Number(owner),
        });
        await core.audit.record({
          teamId,
          actor: adminActor(c),
          action: 'customer.updated',
          entity: 'customer',
          entityId: customerId,
          before,
          after,
        });
        return 'ownerChanged';
      });
    })
    .post('/teams/:teamId/customers/:customerId/interactions', (c) =>
      act(c, 'interactions', async (core, values, teamId, customerId) => {
        const [logged] = await core.interactions.log(teamId, [
          {
            customerId,
            channel: values.channel as Channel,
            direction: values.direction as Interaction['direction'],
            summary: values.summary ?? '',
            occurredAt: values.occurredAt ?? '',
            actor: adminActor(c),
          },
        ]);
        await core.audit.record({
          teamId,
          actor: adminActor(c),
          action: 'interaction.logged',
          entity: 'customer',
          entityId: customerId,
          after: logged,
        });
        return 'interactionLogged';
      }),
    );
}
