import { roleSchema, teamInputSchema, teamPatchSchema, userInputSchema } from '@guanxi/core';
import { z } from 'zod';
import { actorOf, teamIdOf } from '../auth/team-access';
import type { AppEnv } from '../env';
import { body, defineRoute, json } from '../openapi/define-route';
import { listOf } from '../openapi/schemas/common';
import {
  apiKeyInfoSchema,
  createdApiKeySchema,
  memberSchema,
  membershipSchema,
  meSchema,
  teamSchema,
} from '../openapi/schemas/teams';
import { httpError } from '../problem';
import { routesApp } from '../validate';
import { idParam, teamParams } from './params';

const memberBody = userInputSchema.extend({ role: roleSchema });
const roleBody = z.strictObject({ role: roleSchema });
const memberParams = z.object({ teamId: idParam, userId: idParam });
const keyParams = z.object({ teamId: idParam, keyId: idParam });
const keyBody = z.strictObject({ name: z.string().trim().min(1).max(100) });

export const teamDefinitions = {
  me: defineRoute({
    method: 'get',
    path: '/me',
    operationId: 'me',
    summary: 'The caller and their teams',
    tags: ['Teams'],
    role: 'signed-in',
    responses: { 200: json('The caller', meSchema) },
  }),
  createTeam: defineRoute({
    method: 'post',
    path: '/teams',
    operationId: 'createTeam',
    summary: 'Create a team; the caller becomes its admin',
    tags: ['Teams'],
    role: 'admin-anywhere',
    request: { body: body(teamInputSchema) },
    responses: {
      201: json('The team', teamSchema),
      409: { description: 'The slug is taken' },
    },
  }),
  getTeam: defineRoute({
    method: 'get',
    path: '/teams/{teamId}',
    operationId: 'getTeam',
    summary: 'A team',
    tags: ['Teams'],
    role: 'rep',
    request: { params: teamParams },
    responses: { 200: json('The team', teamSchema) },
  }),
  updateTeam: defineRoute({
    method: 'patch',
    path: '/teams/{teamId}',
    operationId: 'updateTeam',
    summary: 'Change the team’s name, language or time zone (IANA, such as Asia/Shanghai)',
    tags: ['Teams'],
    role: 'admin',
    request: { params: teamParams, body: body(teamPatchSchema) },
    responses: { 200: json('The team as changed', teamSchema) },
  }),
  members: defineRoute({
    method: 'get',
    path: '/teams/{teamId}/members',
    operationId: 'listMembers',
    summary: 'Members and roles',
    tags: ['Teams'],
    role: 'rep',
    request: { params: teamParams },
    responses: { 200: json('The members', z.strictObject({ members: listOf(memberSchema) })) },
  }),
  addMember: defineRoute({
    method: 'post',
    path: '/teams/{teamId}/members',
    operationId: 'addMember',
    summary: 'Add a member, creating the user if new',
    tags: ['Teams'],
    role: 'admin',
    request: { params: teamParams, body: body(memberBody) },
    responses: { 201: json('The member', memberSchema) },
  }),
  setRole: defineRoute({
    method: 'put',
    path: '/teams/{teamId}/members/{userId}',
    operationId: 'setMemberRole',
    summary: 'Change a member’s role',
    tags: ['Teams'],
    role: 'admin',
    request: { params: memberParams, body: body(roleBody) },
    responses: { 200: json('The membership', membershipSchema) },
  }),
  removeMember: defineRoute({
    method: 'delete',
    path: '/teams/{teamId}/members/{userId}',
    operationId: 'removeMember',
    summary: 'Remove a member',
    tags: ['Teams'],
    role: 'admin',
    request: { params: memberParams },
    responses: { 204: { description: 'Removed' } },
  }),
  keys: defineRoute({
    method: 'get',
    path: '/teams/{teamId}/members/{userId}/keys',
    operationId: 'listMemberKeys',
    summary: 'A member’s API keys (never the keys themselves)',
    tags: ['API keys'],
    role: 'admin',
    request: { params: memberParams },
    responses: { 200: json('The keys', z.strictObject({ keys: listOf(apiKeyInfoSchema) })) },
  }),
  createKey: defineRoute({
    method: 'post',
    path: '/teams/{teamId}/members/{userId}/keys',
    operationId: 'createMemberKey',
    summary: 'Create an API key for a member; the key is shown once',
    tags: ['API keys'],
    role: 'admin',
    request: { params: memberParams, body: body(keyBody) },
    responses: { 201: json('The key, shown this once', createdApiKeySchema) },
  }),
  revokeKey: defineRoute({
    method: 'delete',
    path: '/teams/{teamId}/keys/{keyId}',
    operationId: 'revokeKey',
    summary: 'Revoke an API key of a member',
    tags: ['API keys'],
    role: 'admin',
    request: { params: keyParams },
    responses: { 200: json('The key, revoked', apiKeyInfoSchema) },
  }),
};

const d = teamDefinitions;

/** Who the caller is, teams, members and their API keys. */
export function teamRoutes() {
  const requireMember = async (c: { var: AppEnv['Variables'] }, teamId: number, userId: number) => {
    const members = await c.var.core.users.members(teamId);
    if (!members.some((m) => m.id === userId))
      throw httpError(404, 'GX_ERR_NOT_FOUND', `No member ${userId} in team ${teamId}`);
  };

  return routesApp()
    .openapi(d.me, async (c) => {
      const { userId, roles } = c.var.principal;
      const user = await c.var.core.users.get(userId);
      const teams = await c.var.core.teams.list();
      const own = teams.flatMap((t) => {
        const role = roles.get(t.id);
        return role === undefined ? [] : [{ ...t, role }];
      });
      return c.json({ user, teams: own }, 200);
    })
    .openapi(d.createTeam, async (c) => {
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
    .openapi(d.getTeam, async (c) => c.json(await c.var.core.teams.get(teamIdOf(c)), 200))
    .openapi(d.updateTeam, async (c) =>
      c.json(await c.var.core.teams.update(teamIdOf(c), c.req.valid('json'), actorOf(c)), 200),
    )
    .openapi(d.members, async (c) => {
      return c.json({ members: await c.var.core.users.members(teamIdOf(c)) }, 200);
    })
    .openapi(d.addMember, async (c) => {
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
    })
    .openapi(d.setRole, async (c) => {
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
      return c.json(set, 200);
    })
    .openapi(d.removeMember, async (c) => {
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
    })
    .openapi(d.keys, async (c) => {
      const { userId } = c.req.valid('param');
      await requireMember(c, teamIdOf(c), userId);
      return c.json({ keys: await c.var.core.apiKeys.list(userId) }, 200);
    })
    .openapi(d.createKey, async (c) => {
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
    })
    .openapi(d.revokeKey, async (c) => {
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
      return c.json(revoked, 200);
    });
}
