import { isGuanxiError } from '@guanxi/core';
import scoring from '@guanxi/plugin-scoring';
import { createTestCore, type TestCore, testDialects } from '@guanxi/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { configSchema } from './config';
import plugin from './index';

const NO_WEIGHTS = {
  frequency: 0,
  revenue: 0,
  margin: 0,
  priceSensitivity: 0,
  punctuality: 0,
  serviceCost: 0,
  risk: 0,
};

test('an empty config gives the documented defaults', () => {
  expect(configSchema.parse({})).toEqual({
    weights: {
      frequency: 2,
      revenue: 2,
      margin: 2,
      priceSensitivity: 1,
      punctuality: 2,
      serviceCost: 1,
      risk: 1,
    },
    thresholds: {
      ordersPerYear: 12,
      revenuePerYear: 1_000_000,
      goodMargin: 0.3,
      priceSensitiveShare: 0.2,
      graceDays: 0,
      costlyContactsPerOrder: 3,
      dormantDays: 365,
    },
  });
});

test('a partial config keeps the defaults of the rest', () => {
  const config = configSchema.parse({ weights: { margin: 5 }, thresholds: { graceDays: 3 } });
  expect(config.weights).toMatchObject({ margin: 5, frequency: 2 });
  expect(config.thresholds).toMatchObject({ graceDays: 3, dormantDays: 365 });
});

describe.each(testDialects())('configuring example-scorer on %s', (dialect) => {
  let t: TestCore;
  afterEach(() => t.destroy());

  const refused = async (config: unknown) => {
    t = await createTestCore({ dialect, plugins: [scoring, plugin] });
    const team = await t.core.teams.create({ name: 'North', slug: 'north' });
    const error = await t.core.plugins
      .configure(team.id, 'example-scorer', config, 'admin')
      .catch((e: unknown) => e);
    if (!isGuanxiError(error, 'GX_ERR_VALIDATION')) throw new Error('expected a validation error');
    expect((await t.core.plugins.settings(team.id, 'example-scorer')).config).toEqual(
      configSchema.parse({}),
    );
    return error.issues;
  };

  test('a negative weight is refused, naming it', async () => {
    expect(await refused({ weights: { margin: -1 } })).toEqual([
      { path: 'config.weights.margin', message: 'must be 0 or more' },
    ]);
  });

  test('all weights zero is refused, naming the weights', async () => {
    expect(await refused({ weights: NO_WEIGHTS })).toEqual([
      { path: 'config.weights', message: 'at least one weight must be above 0' },
    ]);
  });

  test('bad thresholds and unknown fields are refused, naming each', async () => {
    const issues = await refused({
      thresholds: { goodMargin: 0, graceDays: 1.5 },
      weights: { loyalty: 1 },
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'config.thresholds.goodMargin', message: 'must be above 0' },
        { path: 'config.thresholds.graceDays', message: 'must be whole days' },
        { path: 'config.weights.loyalty', message: 'unknown field' },
      ]),
    );
  });
});
