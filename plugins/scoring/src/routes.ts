import type { PluginRouteEnv } from '@guanxi/core';
import { Hono } from 'hono';
import type { ScoringConfig } from './config';
import { modelReport } from './model-report';

type Env = { Bindings: PluginRouteEnv<ScoringConfig> };

/**
 * Served at /v1/teams/<team>/plugins/scoring/: the team's model, how it was chosen, and the
 * latest backtest behind it, in the shape a chart draws (weeks with forecast and actual).
 */
export const routes = new Hono<Env>()
  .get('/backtest', async (c) => c.json(await modelReport(c.env.ctx)))
  .onError((error) => {
    throw error;
  });
