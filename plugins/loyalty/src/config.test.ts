import { describe, expect, test } from 'vitest';
import { configSchema } from './config';

describe('the loyalty config', () => {
  test('{} gives 1 point per 1.00, tier multipliers and three levels', () => {
    const config = configSchema.parse({});
    expect(config.earning).toEqual({
      pointsPerUnit: 1,
      unitMinor: 100,
      tierMultipliers: { important: 2, secondary: 1.5, normal: 1, small: 1 },
    });
    expect(config.levels.thresholds.map((level) => level.id)).toEqual(['member', 'silver', 'gold']);
    expect(config.levels.downgrade).toEqual({ rule: 'none' });
  });

  const issues = (input: unknown) => {
    const result = configSchema.safeParse(input);
    return result.success
      ? []
      : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  test('level thresholds must start at 0, rise, and not repeat an id', () => {
    expect(
      issues({
        levels: {
          thresholds: [
            { id: 'a', threshold: 10 },
            { id: 'b', threshold: 5 },
            { id: 'b', threshold: 20 },
          ],
        },
      }),
    ).toEqual([
      'levels.thresholds.0.threshold: the first level must start at 0',
      'levels.thresholds.1.threshold: must be above the threshold of a (10)',
      'levels.thresholds.2.id: level "b" is listed twice',
    ]);
  });

  test('unknown fields, negative bonuses and a bad downgrade rule are refused by path', () => {
    expect(issues({ bonus: {} })).toEqual([': Unrecognized key: "bonus"']);
    expect(issues({ bonuses: { referral: -1 } })).toEqual(['bonuses.referral: must be 0 or more']);
    expect(issues({ levels: { downgrade: { rule: 'sometimes' } } })).toEqual([
      'levels.downgrade.rule: rule must be none or grace',
    ]);
    expect(
      configSchema.parse({ levels: { downgrade: { rule: 'grace' } } }).levels.downgrade,
    ).toEqual({
      rule: 'grace',
      graceDays: 30,
    });
  });
});
