import type { Role, Team, Viewer } from '@guanxi/core';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import type { AdminEnv, TeamView } from './env';
import type { Member } from './pages/members-page';
import type { TeamTab } from './paths';

/** Who may open the settings: members and keys, modules, webhooks, hook failures, the team's own. */
const SETTINGS: readonly Role[] = ['admin'];

/** Who may open each of the team's own sections; plugin pages name their own roles. */
export const TAB_ROLES: Readonly<Record<TeamTab, readonly Role[]>> = {
  overview: ['admin', 'manager', 'rep'],
  customers: ['admin', 'manager', 'rep'],
  import: ['admin', 'manager'],
  members: SETTINGS,
  modules: SETTINGS,
  webhooks: SETTINGS,
  'hook-failures': SETTINGS,
  settings: SETTINGS,
};

/**
 * The path's team if the user belongs to it, with their role there and the plugin pages that
 * role may open; any other team does not exist here (404).
 */
export function teamScope() {
  return createMiddleware<AdminEnv>(async function teamScope(c, next) {
    const raw = c.req.param('teamId') ?? '';
    const team = c.var.admin.teams.find((each) => String(each.id) === raw);
    const role = team === undefined ? undefined : c.var.admin.principal.roles.get(team.id);
    if (team === undefined || role === undefined) {
      throw new HTTPException(404, { message: `No team ${raw}` });
    }
    const pages = (await c.var.core.console.pages(team.id)).filter((page) =>
      page.roles.includes(role),
    );
    c.set('team', { team, role, pages });
    await next();
  });
}

/** The path's team, seen by any member. */
export function teamOf(c: Context<AdminEnv>): TeamView {
  return c.var.team;
}

/** The path's team for a caller whose role is one of `roles`; any other gets a 403. */
export function teamFor(c: Context<AdminEnv>, roles: readonly Role[]): TeamView {
  const view = c.var.team;
  if (!roles.includes(view.role)) throw new HTTPException(403, { message: 'role' });
  return view;
}

/** The path's team, for those who may open its settings. */
export function adminTeamOf(c: Context<AdminEnv>): Team {
  return teamFor(c, SETTINGS).team;
}

/** A positive whole number from the path, or a 404. */
export function idParamOf(c: Context<AdminEnv>, name: string): number {
  const raw = c.req.param(name) ?? '';
  if (!/^[1-9][0-9]{0,15}$/.test(raw))
    throw new HTTPException(404, { message: `No ${name} ${raw}` });
  return Number(raw);
}

/** The signed-in user as recorded in histories and the audit log, as the API records its callers. */
export function adminActor(c: Context<AdminEnv>): string {
  return `user:${c.var.admin.user.id}`;
}

/** The signed-in user in the path's team, as plugin pages see them. */
export function viewerOf(c: Context<AdminEnv>): Viewer {
  return { userId: c.var.admin.user.id, role: c.var.team.role, actor: adminActor(c) };
}

/** A member of the team, or a 404: a user outside it does not exist here. */
export async function memberOf(
  c: Context<AdminEnv>,
  teamId: number,
  userId: number,
): Promise<Member> {
  const member = (await c.var.core.users.members(teamId)).find((m) => m.id === userId);
  if (member === undefined) throw new HTTPException(404, { message: `No member ${userId}` });
  return member;
}
