import type { Principal, Role } from '@guanxi/core';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { httpError } from '../problem';

const RANK: Readonly<Record<Role, number>> = { rep: 0, manager: 1, admin: 2 };

/**
 * The team named in the path, if the caller belongs to it. Another team's resources do
 * not exist for the caller: 404, never 403.
 */
export function teamIdOf(c: Context<AppEnv>): number {
  const raw = c.req.param('teamId') ?? '';
  const teamId = /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!c.get('principal').roles.has(teamId)) {
    throw httpError(404, 'GX_ERR_NOT_FOUND', `No team ${raw}`);
  }
  return teamId;
}

export function roleIn(principal: Principal, teamId: number): Role | undefined {
  return principal.roles.get(teamId);
}

/** Lets the request through if the caller has at least `role` in the path's team. */
export function requireRole(role: Role) {
  return createMiddleware<AppEnv>(async function requireRole(c, next) {
    const teamId = teamIdOf(c);
    const actual = c.get('principal').roles.get(teamId) as Role;
    if (RANK[actual] < RANK[role]) {
      throw httpError(
        403,
        'GX_ERR_FORBIDDEN',
        `Only a team ${role} may do this; you are a ${actual}`,
      );
    }
    await next();
  });
}

/** Lets the request through if the caller is an admin of at least one team. */
export function requireAdminOfAnyTeam() {
  return createMiddleware<AppEnv>(async function requireAdminOfAnyTeam(c, next) {
    if (![...c.get('principal').roles.values()].includes('admin')) {
      throw httpError(403, 'GX_ERR_FORBIDDEN', 'Only an admin of a team may do this');
    }
    await next();
  });
}

/** Any member of the path's team. */
export const member = () => requireRole('rep');

/** The caller as recorded in histories and the audit log. */
export function actorOf(c: Context<AppEnv>): string {
  return `user:${c.get('principal').userId}`;
}
