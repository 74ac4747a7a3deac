import { teamInputSchema, teamPatchSchema, userInputSchema } from '@guanxi/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { actorOf, requireAdminOfAnyTeam, requireRole, teamIdOf } from '../auth/team-access';
import type { AppEnv } from '../env';
import type { ApiDoc } from '../openapi/api-doc';
import { httpError } from '../problem';
import { validate } from '../validate';
import { idParam, teamParams } from './params';

const roleSchema = z.enum(['admin', 'manager', 'rep']);
const memberBody = userInputSchema.extend({ role: roleSchema });
const roleBody = z.strictObject({ role: roleSchema });
const memberParams = z.object({ teamId: idParam, userId: idParam });
const keyParams = z.object({ teamId: idParam, keyId: idParam });
const keyBody = z.strictObject({ name: z.string().trim().min(1).max(100) });

/** Who the caller is, teams, members and their API keys. */
export function teamRoutes(doc: ApiDoc) {
  doc.add({
    method: 'get',
    path: '/v1/me',
    summary: 'The caller and their teams',
    tag: 'Teams',
    role: 'any',
  });
  doc.add({
    method: 'post',
    path: '/v1/teams',
    summary: 'Create a team; the caller becomes its admin (admins only)',
    tag: 'Teams',
    role: 'any',
    body: teamInputSchema,
    status: 201,
  });
  doc.add({
    method: 'get',
    path: '/v1/teams/{teamId}',
    summary: 'A team',
    tag: 'Teams',
    role: 'rep',
  });
  doc.add({
    method: 'patch',
    path: '/v1/teams/{teamId}',
    summary: 'Change the team’s name, language or time zone (IANA, such as Asia/Shanghai)',
    tag: 'Teams',
    role: 'admin',
    body: teamPatchSchema,
  });
  doc.add({
    method: 'get',
    path: '/v1/teams/{teamId}/members',
    summary: 'Members and roles',
    tag: 'Teams',
    role: 'rep',
  });
  doc.add({
    method: 'post',
    path: '/v1/teams/{teamId}/members',
    summary: 'Add a member, creating the user if new',
    tag: 'Teams',
    role: 'admin',
    body: memberBody,
    status: 201,
  });
  doc.add({
    method: 'put',
    path: '/v1/teams/{teamId}/members/{userId}',
    summary: 'Change a member’s role',
    tag: 'Teams',
    role: 'admin',
    body: roleBody,
  });
  doc.add({
    method: 'delete',
    path: '/v1/teams/{teamId}/members/{userId}',
    summary: 'Remove a member',
    tag: 'Teams',
    role: 'admin',
    status: 204,
  });
  doc.add({
    method: 'get',
    path: '/v1/teams/{teamId}/members/{userId}/keys',
    summary: 'A member’s API keys (never the keys themselves)',
    tag: 'API keys',
    role: 'admin',
  });
  doc.add({
    method: 'post',
    path: '/v1/teams/{teamId}/members/{userId}/keys',
    summary: 'Create an API key for a member; the key is shown once',
    tag: 'API keys',
    role: 'admin',
    body: keyBody,
    status: 201,
  });
  doc.add({
    method: 'delete',
    path: '/v1/teams/{teamId}/keys/{keyId}',
    summary: 'Revoke an API key of a member',
    tag: 'API keys',
    role: 'admin',
  });

  const requireMember = async (c: { var: AppEnv['Variables'] }, teamId: number, userId: number) => {
    const members = await c.var.core.users.members(teamId);
    if (!members.some((m) => m.id === userId))
      throw httpError(404, 'GX_ERR_NOT_FOUND', `No member ${userId} in team ${teamId}`);
  };

  return new Hono<AppEnv>()
    .get('/me', async (c) => {
      const { userId, roles } = c.var.principal;
      const user = await c.var.core.users.get(userId);
      const teams = await c.var.core.teams.list();
      return c.json({
        user,
        teams: teams.filter((t) => roles.has(t.id)).map((t) => ({ ...t, role: roles.get(t.id) })),
      });
    })
    .post('/teams', requireAdminOfAnyTeam(), validate('json', teamInputSchema), async (c) => {
      const { principal } = c.var;
      const team = await c.var.core.transaction(async (core) => {
        const created = await core.teams.create(c.req.valid('json'));
        await core.users.setRole(created.id, principal.userId, 'admin');
        await core.audit.record({
          teamId: created.id,
          actor: actorOf(c),
          action: 'team.created',
          entity: 'team',
          entityId: created.id,
          after: created,
        });
        return created;
      });
      return c.json(team, 201);
    })
    .get('/teams/:teamId', validate('param', teamParams), async (c) =>
      c.json(await c.var.core.teams.get(teamIdOf(c))),
    )
    .patch(
      '/teams/:teamId',
      requireRole('admin'),
      validate('param', teamParams),
      validate('json', teamPatchSchema),
      async (c) =>
        c.json(await c.var.core.teams.update(teamIdOf(c), c.req.valid('json'), actorOf(c))),
    )
    .get('/teams/:teamId/members', validate('param', teamParams), async (c) => {
      return c.json({ members: await c.var.core.users.members(teamIdOf(c)) });
    })
    .post(
      '/teams/:teamId/members',
      requireRole('admin'),
      validate('param', teamParams),
      validate('json', memberBody),
      async (c) => {
        const teamId = teamIdOf(c);
        const { email, name, role } = c.req.valid('json');
        const membership = await c.var.core.transaction(async (core) => {
          const user =
            (await core.users.findByEmail(email)) ?? (await core.users.create({ email, name }));
          const set = await core.users.setRole(teamId, user.id, role);
          await core.audit.record({
            teamId,
            actor: actorOf(c),
            action: 'member.added',
            entity: 'user',
            entityId: user.id,
            after: set,
          });
          return { ...user, role };
        });
        return c.json(membership, 201);
      },
    )
    .put(
      '/teams/:teamId/members/:userId',
      requireRole('admin'),
      validate('param', memberParams),
      validate('json', roleBody),
      async (c) => {
        const teamId = teamIdOf(c);
        const { userId } = c.req.valid('param');
        await requireMember(c, teamId, userId);
        const { role } = c.req.valid('json');
        const set = await c.var.core.users.setRole(teamId, userId, role);
        await c.var.core.audit.record({
          teamId,
          actor: actorOf(c),
          action: 'member.role.changed',
          entity: 'user',
          entityId: userId,
          after: set,
        });
        return c.json(set);
      },
    )
    .delete(
      '/teams/:teamId/members/:userId',
      requireRole('admin'),
      validate('param', memberParams),
      async (c) => {
        const teamId = teamIdOf(c);
        const { userId } = c.req.valid('param');
        await requireMember(c, teamId, userId);
        await c.var.core.users.removeFromTeam(teamId, userId);
        await c.var.core.audit.record({
          teamId,
          actor: actorOf(c),
          action: 'member.removed',
          entity: 'user',
          entityId: userId,
        });
        return c.body(null, 204);
      },
    )
    .get(
      '/teams/:teamId/members/:userId/keys',
      requireRole('admin'),
      validate('param', memberParams),
      async (c) => {
        const { userId } = c.req.valid('param');
        await requireMember(c, teamIdOf(c), userId);
        return c.json({ keys: await c.var.core.apiKeys.list(userId) });
      },
    )
    .post(
      '/teams/:teamId/members/:userId/keys',
      requireRole('admin'),
      validate('param', memberParams),
      validate('json', keyBody),
      async (c) => {
        const teamId = teamIdOf(c);
        const { userId } = c.req.valid('param');
        await requireMember(c, teamId, userId);
        await c.var.core.apiKeys.assertManageable(c.var.principal, userId);
        const created = await c.var.core.apiKeys.create(userId, c.req.valid('json').name);
        const { key: _shownOnce, ...info } = created;
        await c.var.core.audit.record({
          teamId,
          actor: actorOf(c),
          action: 'key.created',
          entity: 'api_key',
          entityId: created.id,
          after: info,
        });
        return c.json(created, 201);
      },
    )
    .delete(
      '/teams/:teamId/keys/:keyId',
      requireRole('admin'),
      validate('param', keyParams),
      async (c) => {
        const teamId = teamIdOf(c);
        const { keyId } = c.req.valid('param');
        const key = await c.var.core.apiKeys.get(keyId);
        await requireMember(c, teamId, key.userId);
        await c.var.core.apiKeys.assertManageable(c.var.principal, key.userId);
        const revoked = await c.var.core.apiKeys.revoke(keyId);
        await c.var.core.audit.record({
          teamId,
          actor: actorOf(c),
          action: 'key.revoked',
          entity: 'api_key',
          entityId: keyId,
          before: key,
          after: revoked,
        });
        return c.json(revoked);
      },
    );
}
