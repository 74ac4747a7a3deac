import { describe, expect, test } from 'vitest';
import { configSchema } from './config';

const issues = (input: unknown) => {
  const result = configSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the development config', () => {
  test('{} gives the sales-visit stages, five size bands, equal weights and a 5% agent fee', () => {
    const config = configSchema.parse({});
    expect(config.opportunities.stages.map((s) => [s.id, s.probability])).toEqual([
      ['appointment', 0.1],
      ['visit', 0.25],
      ['proposal', 0.5],
      ['negotiation', 0.75],
    ]);
    expect(config.fit.sizes.map((s) => s.id)).toEqual([
      'micro',
      'small',
      'medium',
      'large',
      'enterprise',
    ]);
    expect(config.fit.weights).toEqual({
      positioning: 1,
      goodCustomer: 1,
      potential: 1,
      match: 1,
      resemblance: 1,
    });
    expect(config.sources).toEqual({ own: [], centreOfInfluence: 3, agentFeeRate: 0.05 });
    expect(config.attributes).toEqual({
      industry: 'industry',
      size: 'size',
      region: 'region',
      role: 'role',
    });
  });

  test('own sources may not take a built-in kind or repeat', () => {
    const label = { en: 'x', 'zh-CN': 'x' };
    expect(
      issues({
        sources: {
          own: [
            { id: 'referral', label },
            { id: 'expo', label },
            { id: 'expo', label },
          ],
        },
      }),
    ).toEqual([
      'sources.own.2.id: "expo" is listed twice',
      'sources.own.0.id: "referral" is one of the built-in sources',
    ]);
  });

  test('stages are unique, not won or lost, with probabilities between 0 and 1', () => {
    const label = { en: 'x', 'zh-CN': 'x' };
    expect(
      issues({
        opportunities: {
          stages: [
            { id: 'won', label, probability: 0.5 },
            { id: 'demo', label, probability: 1.5 },
            { id: 'demo', label, probability: 0.5 },
          ],
        },
      }),
    ).toEqual([
      'opportunities.stages.0.id: won and lost are the closing stages',
      'opportunities.stages.1.probability: must be 1 or less',
      'opportunities.stages.2.id: "demo" is listed twice',
    ]);
    expect(issues({ opportunities: { stages: [] } })).toEqual([
      'opportunities.stages: must list at least one stage',
    ]);
  });

  test('sizes rise, the team’s own size and the positioning’s sizes are among them, a weight is above 0', () => {
    expect(
      issues({
        fit: {
          sizes: [{ id: 'a', maxEmployees: 10 }, { id: 'b', maxEmployees: 5 }, { id: 'c' }],
          ownSize: 'z',
          positioning: { sizes: ['a', 'q'] },
        },
      }),
    ).toEqual([
      'fit.sizes.1.maxEmployees: must be above the size before (10)',
      'fit.ownSize: must be one of the sizes',
      'fit.positioning.sizes.1: must be one of the sizes',
    ]);
    expect(issues({ fit: { ownSize: 'z', positioning: { sizes: ['small', 'q'] } } })).toEqual([
      'fit.ownSize: must be one of the sizes',
      'fit.positioning.sizes.1: must be one of the sizes',
    ]);
    expect(
      issues({
        fit: {
          weights: { positioning: 0, goodCustomer: 0, potential: 0, match: 0, resemblance: 0 },
        },
      }),
    ).toEqual(['fit.weights: at least one weight must be above 0']);
    expect(issues({ fit: { weight: {} } })).toEqual(['fit: Unrecognized key: "weight"']);
  });
});
