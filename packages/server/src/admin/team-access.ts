import type { Team } from '@guanxi/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AdminEnv } from './env';
import type { Member } from './pages/members-page';

/** The path's team if the user administers it; any other team does not exist here (404). */
export function adminTeamOf(c: Context<AdminEnv>): Team {
  const raw = c.req.param('teamId') ?? '';
  const team = c.var.admin.teams.find((each) => String(each.id) === raw);
  if (team === undefined) throw new HTTPException(404, { message: `No team ${raw}` });
  return team;
}

/** A positive whole number from the path, or a 404. */
export function idParamOf(c: Context<AdminEnv>, name: string): number {
  const raw = c.req.param(name) ?? '';
  if (!/^[1-9][0-9]{0,15}$/.test(raw))
    throw new HTTPException(404, { message: `No ${name} ${raw}` });
  return Number(raw);
}

/** The admin as recorded in histories and the audit log, as the API records its callers. */
export function adminActor(c: Context<AdminEnv>): string {
  return `user:${c.var.admin.user.id}`;
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
