/** @jsxImportSource hono/jsx */
import { type CreatedApiKey, isGuanxiError, type Team } from '@guanxi/core';
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AdminEnv } from '../env';
import { textField } from '../issues';
import { type Notice, noticeOf } from '../messages';
import { MemberPage } from '../pages/member-page';
import type { Member } from '../pages/members-page';
import { memberPath } from '../paths';
import { render } from '../render';
import { adminActor, adminTeamOf, idParamOf, memberOf } from '../team-access';

async function memberPage(
  c: Context<AdminEnv>,
  team: Team,
  member: Member,
  extra: { created?: CreatedApiKey; keyNameError?: string; notice?: Notice | undefined },
  status: ContentfulStatusCode = 200,
) {
  const keys = await c.var.core.apiKeys.list(member.id);
  const page = (
    <MemberPage session={c.var.admin} team={team} member={member} keys={keys} {...extra} />
  );
  return render(c, page, status);
}

/** A member's API keys: created keys are shown once, on the page answering the form. */
export function memberKeyRoutes() {
  return new Hono<AdminEnv>()
    .get('/teams/:teamId/members/:userId', async (c) => {
      const team = adminTeamOf(c);
      const member = await memberOf(c, team.id, idParamOf(c, 'userId'));
      return memberPage(c, team, member, { notice: noticeOf(c.req.query('notice')) });
    })
    .post('/teams/:teamId/members/:userId/keys', async (c) => {
      const team = adminTeamOf(c);
      const member = await memberOf(c, team.id, idParamOf(c, 'userId'));
      const name = textField(await c.req.parseBody(), 'name');
      await c.var.core.apiKeys.assertManageable(c.var.admin.principal, member.id);
      try {
        const created = await c.var.core.apiKeys.create(member.id, name);
        const { key: _shownOnce, ...info } = created;
        await c.var.core.audit.record({
          teamId: team.id,
          actor: adminActor(c),
          action: 'key.created',
          entity: 'api_key',
          entityId: created.id,
          after: info,
        });
        return memberPage(c, team, member, { created });
      } catch (error) {
        if (!isGuanxiError(error, 'GX_ERR_VALIDATION')) throw error;
        return memberPage(c, team, member, { keyNameError: error.issues[0]?.message }, 400);
      }
    })
    .post('/teams/:teamId/keys/:keyId/revoke', async (c) => {
      const team = adminTeamOf(c);
      const key = await c.var.core.apiKeys.get(idParamOf(c, 'keyId'));
      await memberOf(c, team.id, key.userId);
      await c.var.core.apiKeys.assertManageable(c.var.admin.principal, key.userId);
      const revoked = await c.var.core.apiKeys.revoke(key.id);
      await c.var.core.audit.record({
        teamId: team.id,
        actor: adminActor(c),
        action: 'key.revoked',
        entity: 'api_key',
        entityId: key.id,
        before: key,
        after: revoked,
      });
      return c.redirect(`${memberPath(team.id, key.userId)}?notice=keyRevoked`, 303);
    });
}
