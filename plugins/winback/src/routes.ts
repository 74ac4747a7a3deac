import { type PluginRouteEnv, parseInput, readJsonBody } from '@guanxi/core';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { churnOf, correctKind, kindChanges } from './churns';
import type { WinbackConfig } from './config';
import { CHURN_KINDS, SIGNAL_KINDS } from './kinds';
import { completeStep, getPlaybook, listPlaybooks } from './playbook/playbooks';
import { winbackReport } from './report';
import { recordSignal } from './signals';

type Env = { Bindings: PluginRouteEnv<WinbackConfig> };

const id = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .positive('must be above 0')
  .max(Number.MAX_SAFE_INTEGER, 'is too large');

const signalSchema = z.strictObject({
  customerId: id,
  kind: z.enum(SIGNAL_KINDS, { error: `must be one of ${SIGNAL_KINDS.join(', ')}` }),
  note: z.string().trim().max(2_000, 'must be at most 2000 characters').default(''),
});

const kindSchema = z.strictObject({
  kind: z.enum(CHURN_KINDS, { error: `must be one of ${CHURN_KINDS.join(', ')}` }),
  reason: z.string().trim().min(1, 'must say why').max(500, 'must be at most 500 characters'),
});

const doneSchema = z.strictObject({
  note: z.string().trim().max(2_000, 'must be at most 2000 characters').optional(),
});

const listSchema = z.strictObject({
  customerId: id.optional(),
  open: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
});

const body = (c: Context<Env>) => readJsonBody(c.req.raw, { empty: {} });

/** A path parameter as a positive id, or GX_ERR_VALIDATION naming it. */
function param(c: Context<Env>, name: string): number {
  return parseInput(z.strictObject({ [name]: id }), { [name]: c.req.param(name) }, [])[
    name
  ] as number;
}

/**
 * Served at /v1/teams/<team>/plugins/winback/: signals before churn, churn kinds and their
 * corrections, playbooks and their steps, and the win-back report.
 */
export const routes = new Hono<Env>()
  .post('/signals', async (c) => {
    const input = parseInput(signalSchema, await body(c));
    return c.json({ signal: await recordSignal(c.env.ctx, input, c.env.actor) }, 201);
  })
  .get('/customers/:customerId/kind', async (c) => {
    const churn = await churnOf(c.env.ctx, param(c, 'customerId'));
    return c.json({ churn, changes: await kindChanges(c.env.ctx, churn.id) });
  })
  .put('/customers/:customerId/kind', async (c) => {
    const customerId = param(c, 'customerId');
    const input = parseInput(kindSchema, await body(c));
    const churn = await correctKind(c.env.ctx, customerId, { ...input, actor: c.env.actor });
    return c.json({ churn, changes: await kindChanges(c.env.ctx, churn.id) });
  })
  .get('/playbooks', async (c) => {
    const query = parseInput(listSchema, c.req.query());
    const open = query.open === undefined ? undefined : query.open === 'true';
    const filter = { ...(query.customerId === undefined ? {} : { customerId: query.customerId }) };
    return c.json({
      playbooks: await listPlaybooks(c.env.ctx, open === undefined ? filter : { ...filter, open }),
    });
  })
  .get('/playbooks/:playbookId', async (c) => {
    return c.json({ playbook: await getPlaybook(c.env.ctx, param(c, 'playbookId')) });
  })
  .post('/playbooks/:playbookId/steps/:stepNo/done', async (c) => {
    const playbookId = param(c, 'playbookId');
    const stepNo = param(c, 'stepNo');
    const { note } = parseInput(doneSchema, await body(c));
    const playbook = await completeStep(c.env.ctx, playbookId, stepNo, {
      note: note === undefined || note === '' ? null : note,
      actor: c.env.actor,
    });
    return c.json({ playbook });
  })
  .get('/report', async (c) => c.json({ report: await winbackReport(c.env.ctx) }))
  .onError((error) => {
    throw error;
  });
