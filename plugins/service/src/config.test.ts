import { describe, expect, test } from 'vitest';
import { configSchema } from './config';

describe('service config', () => {
  test('{} gives the defaults', () => {
    expect(configSchema.parse({})).toEqual({
      responseHours: { important: 4, secondary: 8, normal: 24, small: 48 },
      nearDueHours: 2,
      relationshipSurveys: 5,
    });
  });

  test('key customers may not wait longer than others', () => {
    const result = configSchema.safeParse({ responseHours: { important: 30 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['responseHours'],
      message: expect.stringContaining('important ≤ secondary'),
    });
  });

  test('unknown fields and impossible values are refused', () => {
    expect(configSchema.safeParse({ colour: 'red' }).success).toBe(false);
    expect(configSchema.safeParse({ responseHours: { small: 0 } }).success).toBe(false);
    expect(configSchema.safeParse({ relationshipSurveys: 0 }).success).toBe(false);
  });
});
