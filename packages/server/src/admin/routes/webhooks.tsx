/** @jsxImportSource hono/jsx */
import {
  CORE_HOOKS,
  type Core,
  isGuanxiError,
  type Team,
  type WebhookWithSecret,
} from '@guanxi/core';
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AdminEnv } from '../env';
import { errorsByPath, listField, textField } from '../issues';
import { type Notice, noticeOf } from '../messages';
import { type WebhookForm, WebhooksPage, type WebhookView } from '../pages/webhooks-page';
import { teamPath } from '../paths';
import { render } from '../render';
import { adminActor, adminTeamOf, idParamOf } from '../team-access';

/** Delivery attempts shown per webhook; the log keeps them all. */
const DELIVERY_LIMIT = 50;

/**
 * The hooks a webhook can subscribe to, as the core's registry knows them: the core's event
 * hooks (its before hooks cannot be sent), then the events the installed plugins declare.
 */
function eventHookNames(core: Core): string[] {
  const coreEvents = Object.entries(CORE_HOOKS).flatMap(([hook, kind]) =>
    kind === 'event' ? [hook] : [],
  );
  return [...coreEvents, ...core.installed.flatMap((plugin) => plugin.events ?? [])];
}

async function webhooksPage(
  c: Context<AdminEnv>,
  team: Team,
  extra: {
    form?: WebhookForm;
    created?: WebhookWithSecret;
    rotated?: WebhookWithSecret;
    notice?: Notice | undefined;
  },
  status: ContentfulStatusCode = 200,
) {
  const { core } = c.var;
  const webhooks: WebhookView[] = await Promise.all(
    (await core.webhooks.list(team.id)).map(async (webhook) => ({
      webhook,
      deliveries: await core.webhooks.deliveries(team.id, webhook.id, DELIVERY_LIMIT),
    })),
  );
  const page = (
    <WebhooksPage
      session={c.var.admin}
      team={team}
      webhooks={webhooks}
      events={eventHookNames(core)}
      {...extra}
    />
  );
  return render(c, page, status);
}

/**
 * The team's webhooks and their delivery logs. A new or rotated secret is shown once, on the
 * page answering the form; the core validates and audits each change.
 */
export function webhookRoutes() {
  return new Hono<AdminEnv>()
    .get('/teams/:teamId/webhooks', (c) =>
      webhooksPage(c, adminTeamOf(c), { notice: noticeOf(c.req.query('notice')) }),
    )
    .post('/teams/:teamId/webhooks', async (c) => {
      const team = adminTeamOf(c);
      const form = await c.req.parseBody({ all: true });
      const values = { url: textField(form, 'url'), events: listField(form, 'events') };
      try {
        const created = await c.var.core.webhooks.create(team.id, values, adminActor(c));
        return webhooksPage(c, team, { created });
      } catch (error) {
        if (!isGuanxiError(error, 'GX_ERR_VALIDATION')) throw error;
        return webhooksPage(c, team, { form: { values, errors: errorsByPath(error.issues) } }, 400);
      }
    })
    .post('/teams/:teamId/webhooks/:webhookId/deactivate', async (c) => {
      const team = adminTeamOf(c);
      const webhook = await c.var.core.webhooks.get(team.id, idParamOf(c, 'webhookId'));
      const back = `${teamPath(team.id, 'webhooks')}?notice=`;
      const anchor = `#webhook-${webhook.id}`;
      if (!webhook.active) return c.redirect(`${back}alreadyDeactivated${anchor}`, 303);
      await c.var.core.webhooks.deactivate(team.id, webhook.id, adminActor(c));
      return c.redirect(`${back}webhookDeactivated${anchor}`, 303);
    })
    .post('/teams/:teamId/webhooks/:webhookId/enable', async (c) => {
      const team = adminTeamOf(c);
      const webhook = await c.var.core.webhooks.get(team.id, idParamOf(c, 'webhookId'));
      const back = `${teamPath(team.id, 'webhooks')}?notice=`;
      const anchor = `#webhook-${webhook.id}`;
      if (webhook.active) return c.redirect(`${back}alreadyActive${anchor}`, 303);
      await c.var.core.webhooks.enable(team.id, webhook.id, adminActor(c));
      return c.redirect(`${back}webhookEnabled${anchor}`, 303);
    })
    .post('/teams/:teamId/webhooks/:webhookId/rotate-secret', async (c) => {
      const team = adminTeamOf(c);
      const webhookId = idParamOf(c, 'webhookId');
      const rotated = await c.var.core.webhooks.rotateSecret(team.id, webhookId, adminActor(c));
      return webhooksPage(c, team, { rotated });
    })
    .post('/teams/:teamId/webhooks/:webhookId/deliveries/:outboxId/resend', async (c) => {
      const team = adminTeamOf(c);
      const webhookId = idParamOf(c, 'webhookId');
      const outboxId = idParamOf(c, 'outboxId');
      const back = `${teamPath(team.id, 'webhooks')}?notice=`;
      const anchor = `#webhook-${webhookId}`;
      try {
        await c.var.core.webhooks.resend(team.id, webhookId, outboxId, adminActor(c));
        return c.redirect(`${back}deliveryResent${anchor}`, 303);
      } catch (error) {
        if (!isGuanxiError(error, 'GX_ERR_CONFLICT')) throw error;
        return c.redirect(`${back}resendInactive${anchor}`, 303);
      }
    });
}
