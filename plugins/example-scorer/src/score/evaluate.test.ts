import { customerFacts } from '@guanxi/testing';
import { describe, expect, test } from 'vitest';
import { configSchema } from '../config';
import type { Signals } from '../signals/signals';
import { evaluate, strongestAndWeakest } from './evaluate';
import { reasonsOf } from './reasons';

const NOW = new Date('2024-06-01T00:00:00Z');
const config = configSchema.parse({});

const facts = customerFacts;

const none: Signals = { payments: undefined, discounts: undefined, inboundContacts: 0 };
const buyer = facts({
  firstOrderAt: '2024-01-01',
  lastOrderAt: '2024-05-22',
  orderCount: 6,
  revenue: 600_000,
  margin: 24_000,
});

describe('evaluate', () => {
  test('a factor without data counts as neutral and is not named', () => {
    const evaluation = evaluate(facts(), none, config, NOW, 'UTC');
    expect(evaluation.factors.map((f) => f.id)).toEqual(['frequency', 'revenue']);
    // 7 of the 11 default weight units have no data: 100 × 3.5 / 11.
    expect(evaluation.score).toBe(31.8);
  });

  test('names the strongest and weakest factors in both languages', () => {
    const signals: Signals = {
      payments: { settled: 100_000, onTime: 98_000 },
      discounts: undefined,
      inboundContacts: 3,
    };
    const evaluation = evaluate(buyer, signals, config, NOW, 'UTC');
    expect(reasonsOf(evaluation, 'en')).toEqual(['pays on time (98%)', 'low margin (4%)']);
    expect(reasonsOf(evaluation, 'zh-CN')).toEqual(['按时付款（98%）', '利润率低（4%）']);
  });

  test('a factor weighted 0 is never named and does not count', () => {
    const weights = { ...config.weights, margin: 0 };
    const evaluation = evaluate(buyer, none, { ...config, weights }, NOW, 'UTC');
    expect(strongestAndWeakest(evaluation).map((f) => f.id)).not.toContain('margin');
    const lossMaking = evaluate(
      { ...buyer, margin: -60_000 },
      none,
      { ...config, weights },
      NOW,
      'UTC',
    );
    expect(lossMaking.score).toBe(evaluation.score);
  });

  test('values stay within 0–1 and the score within 0–100', () => {
    const huge = facts({
      firstOrderAt: '2024-05-01',
      lastOrderAt: '2024-06-01',
      orderCount: 500,
      revenue: 10 ** 12,
      margin: 10 ** 12,
    });
    const best = evaluate(
      huge,
      { payments: { settled: 1, onTime: 1 }, discounts: 0, inboundContacts: 0 },
      config,
      NOW,
      'UTC',
    );
    expect(best.score).toBe(100);
    const loss = evaluate({ ...buyer, margin: -600_000 }, none, config, NOW, 'UTC');
    expect(loss.factors.find((f) => f.id === 'margin')).toMatchObject({ measure: -1, value: 0 });
    expect(reasonsOf(loss, 'en')).toContain('low margin (-100%)');
  });

  test('a customer younger than a year is measured over a whole year', () => {
    const evaluation = evaluate(buyer, none, config, NOW, 'UTC');
    expect(evaluation.factors.find((f) => f.id === 'frequency')).toMatchObject({
      measure: 6,
      value: 0.5,
    });
  });
});
