import { type PluginRouteEnv, parseInput, readJsonBody } from '@guanxi/core';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { getComplaint, listComplaints, openComplaint, stepComplaint } from './complaints/store';
import type { ServiceConfig } from './config';
import { customerMeasures, teamMeasures } from './measures/measures';
import { recordSurvey } from './surveys/store';

type Env = { Bindings: PluginRouteEnv<ServiceConfig> };

const bodyOf = (c: Context<Env>) => readJsonBody(c.req.raw);

const idParam = z.strictObject({ id: z.coerce.number().int().positive('must be a complaint id') });
const measuresQuery = z.strictObject({
  customerId: z.coerce.number().int().positive('must be a customer id').optional(),
});

/**
 * Complaints, surveys and satisfaction measures, served at
 * /v1/teams/<team>/plugins/service/ to every member of the team.
 */
export const routes = new Hono<Env>()
  .post('/complaints', async (c) =>
    c.json(await openComplaint(c.env.ctx, await bodyOf(c), c.env.actor), 201),
  )
  .get('/complaints', async (c) => c.json(await listComplaints(c.env.ctx, c.req.query())))
  .get('/complaints/:id', async (c) => {
    const { id } = parseInput(idParam, c.req.param());
    return c.json(await getComplaint(c.env.ctx, id));
  })
  .post('/complaints/:id/steps', async (c) => {
    const { id } = parseInput(idParam, c.req.param());
    return c.json(await stepComplaint(c.env.ctx, id, await bodyOf(c), c.env.actor));
  })
  .post('/surveys', async (c) =>
    c.json(await recordSurvey(c.env.ctx, await bodyOf(c), c.env.actor), 201),
  )
  .get('/measures', async (c) => {
    const { customerId } = parseInput(measuresQuery, c.req.query());
    return c.json(
      customerId === undefined
        ? await teamMeasures(c.env.ctx)
        : await customerMeasures(c.env.ctx, customerId),
    );
  })
  .onError((error) => {
    throw error;
  });
