/** @jsxImportSource hono/jsx */
import { parseInput, type Team, toFieldIssues, userInputSchema } from '@guanxi/core';
import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { activeKeyCounts } from '../data/team-counts';
import type { AdminEnv } from '../env';
import { errorsByPath, textField } from '../issues';
import { type Notice, noticeOf } from '../messages';
import { type MemberForm, MembersPage } from '../pages/members-page';
import { ADMIN, teamPath } from '../paths';
import { render } from '../render';
import { adminActor, adminTeamOf, idParamOf } from '../team-access';
import { ROLES } from '../ui';

const roleSchema = z.enum(ROLES);
const memberSchema = userInputSchema.extend({ role: roleSchema });

async function membersPage(
  c: Context<AdminEnv>,
  team: Team,
  extra: { form?: MemberForm; notice?: Notice | undefined },
  status: ContentfulStatusCode = 200,
) {
  const { core } = c.var;
  const [members, keyCounts] = await Promise.all([
    core.users.members(team.id),
    activeKeyCounts(core.db, team.id),
  ]);
  const page = (
    <MembersPage
      session={c.var.admin}
      team={team}
      members={members}
      keyCounts={keyCounts}
      {...extra}
    />
  );
  return render(c, page, status);
}

/** Members and their roles; every change is audited as the API audits it. */
export function memberRoutes() {
  return new Hono<AdminEnv>()
    .get('/teams/:teamId/members', (c) =>
      membersPage(c, adminTeamOf(c), { notice: noticeOf(c.req.query('notice')) }),
    )
    .post('/teams/:teamId/members', async (c) => {
      const team = adminTeamOf(c);
      const form = await c.req.parseBody();
      const values = {
        email: textField(form, 'email'),
        name: textField(form, 'name'),
        role: textField(form, 'role'),
      };
      const parsed = memberSchema.safeParse(values);
      if (!parsed.success) {
        const errors = errorsByPath(toFieldIssues(parsed.error));
        return membersPage(c, team, { form: { values, errors } }, 400);
      }
      const { email, name, role } = parsed.data;
      await c.var.core.transaction(async (core) => {
        const user =
          (await core.users.findByEmail(email)) ?? (await core.users.create({ email, name }));
        const membership = await core.users.setRole(team.id, user.id, role);
        await core.audit.record({
          teamId: team.id,
          actor: adminActor(c),
          action: 'member.added',
          entity: 'user',
          entityId: user.id,
          after: membership,
        });
      });
      return c.redirect(`${teamPath(team.id, 'members')}?notice=memberAdded`, 303);
    })
    .post('/teams/:teamId/members/:userId/role', async (c) => {
      const team = adminTeamOf(c);
      const userId = idParamOf(c, 'userId');
      const role = parseInput(roleSchema, textField(await c.req.parseBody(), 'role'), ['role']);
      const members = await c.var.core.users.members(team.id);
      const member = members.find((m) => m.id === userId);
      if (member === undefined) throw new HTTPException(404, { message: `No member ${userId}` });
      const admins = members.filter((m) => m.role === 'admin').length;
      const back = teamPath(team.id, 'members');
      if (member.role === 'admin' && role !== 'admin' && admins === 1) {
        return c.redirect(`${back}?notice=lastAdmin`, 303);
      }
      const membership = await c.var.core.users.setRole(team.id, userId, role);
      await c.var.core.audit.record({
        teamId: team.id,
        actor: adminActor(c),
        action: 'member.role.changed',
        entity: 'user',
        entityId: userId,
        before: { teamId: team.id, userId, role: member.role },
        after: membership,
      });
      const leftTeam = userId === c.var.admin.user.id && role !== 'admin';
      return c.redirect(leftTeam ? ADMIN : `${back}?notice=roleChanged`, 303);
    });
}
