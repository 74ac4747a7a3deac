/** @jsxImportSource hono/jsx */
import { isGuanxiError } from '@guanxi/core';
import { Hono } from 'hono';
import type { AdminEnv } from '../env';
import { type Notice, noticeOf } from '../messages';
import { HookFailuresPage } from '../pages/hook-failures-page';
import { teamPath } from '../paths';
import { render } from '../render';
import { adminActor, adminTeamOf, idParamOf } from '../team-access';

const LIST_LIMIT = 200;

/** Refusals a replay can meet that the page explains instead of failing. */
const REFUSALS: Readonly<Record<string, Notice>> = {
  GX_ERR_PLUGIN_DISABLED: 'replayDisabled',
  GX_ERR_CONFLICT: 'alreadyReplayed',
};

export function hookFailureRoutes() {
  return new Hono<AdminEnv>()
    .get('/teams/:teamId/hook-failures', async (c) => {
      const team = adminTeamOf(c);
      const failures = await c.var.core.hookFailures.list(team.id, { limit: LIST_LIMIT });
      const notice = noticeOf(c.req.query('notice'));
      return render(
        c,
        <HookFailuresPage session={c.var.admin} team={team} failures={failures} notice={notice} />,
      );
    })
    .post('/teams/:teamId/hook-failures/:failureId/replay', async (c) => {
      const team = adminTeamOf(c);
      const failureId = idParamOf(c, 'failureId');
      const back = teamPath(team.id, 'hook-failures');
      try {
        const result = await c.var.core.hookFailures.replay(team.id, failureId);
        await c.var.core.audit.record({
          teamId: team.id,
          actor: adminActor(c),
          action: 'hook.replayed',
          entity: 'hook_failure',
          entityId: failureId,
          after: result,
        });
        return c.redirect(`${back}?notice=${result.ok ? 'replayOk' : 'replayFailed'}`, 303);
      } catch (error) {
        const refusal = isGuanxiError(error) ? REFUSALS[error.code] : undefined;
        if (refusal === undefined) throw error;
        return c.redirect(`${back}?notice=${refusal}`, 303);
      }
    });
}
