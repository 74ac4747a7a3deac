import { describe, expect, test } from 'vitest';
import { type RfmInput, rfmCuts, rfmInputs, rfmScore, rfmSegment } from './rfm';

const customer = (customerId: number, lastPurchase: string, frequency: number, monetary: number) =>
  ({ customerId, lastPurchase, frequency, monetary }) satisfies RfmInput;

describe('RFM quintiles', () => {
  test('ten distinct values: two customers a quintile, recency reversed', () => {
    const inputs = Array.from({ length: 10 }, (_, i) =>
      customer(i, `2024-01-${String(i + 1).padStart(2, '0')}`, i + 1, (i + 1) * 100),
    );
    const cuts = rfmCuts(inputs);
    const scores = inputs.map((input) => rfmScore(input, cuts));
    expect(scores.map((s) => s.r)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(scores.map((s) => s.f)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(scores.map((s) => s.m)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  test('ties share the score of the first of them in rank order', () => {
    // Frequencies 1,1,1,1,1,1,2,2,3,9: six customers with one purchase all score 1.
    const frequencies = [1, 1, 1, 1, 1, 1, 2, 2, 3, 9];
    const inputs = frequencies.map((f, i) => customer(i, '2024-01-01', f, 100));
    const cuts = rfmCuts(inputs);
    expect(inputs.map((input) => rfmScore(input, cuts).f)).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    // Everyone spent the same: nobody has a smaller value, so all score 1.
    expect(inputs.map((input) => rfmScore(input, cuts).m)).toEqual(Array(10).fill(1));
  });

  test('values outside the population are placed against the stored cuts', () => {
    const inputs = Array.from({ length: 5 }, (_, i) => customer(i, '2024-01-01', 1, (i + 1) * 10));
    const cuts = rfmCuts(inputs);
    expect(rfmScore(customer(9, '2024-01-01', 1, 5), cuts).m).toBe(1);
    expect(rfmScore(customer(9, '2024-01-01', 1, 35), cuts).m).toBe(3);
    expect(rfmScore(customer(9, '2024-01-01', 1, 1_000), cuts).m).toBe(5);
  });

  test('purchase days become inputs: last day, number of days, total spend', () => {
    expect(
      rfmInputs([
        { customerId: 1, day: '2024-01-01', amount: 100 },
        { customerId: 1, day: '2024-02-01', amount: 250 },
        { customerId: 2, day: '2024-01-15', amount: 40 },
      ]),
    ).toEqual([customer(1, '2024-02-01', 2, 350), customer(2, '2024-01-15', 1, 40)]);
  });
});

describe('RFM segments', () => {
  test.each([
    [5, 5, 5, 'champions'],
    [4, 4, 4, 'champions'],
    [5, 5, 2, 'others'],
    [3, 4, 3, 'loyal_customers'],
    [4, 2, 2, 'potential_loyalist'],
    [5, 1, 1, 'new_customers'],
    [4, 1, 3, 'promising'],
    [3, 3, 3, 'loyal_customers'],
    [3, 3, 2, 'need_attention'],
    [2, 2, 3, 'at_risk'],
    [3, 2, 1, 'about_to_sleep'],
    [2, 5, 5, 'at_risk'],
    [1, 5, 5, 'cant_lose_them'],
    [1, 1, 5, 'lost'],
    [2, 1, 1, 'about_to_sleep'],
    [1, 2, 1, 'lost'],
    [5, 1, 5, 'others'],
  ] as const)('R%i F%i M%i is %s', (r, f, m, segment) => {
    expect(rfmSegment(r, f, m)).toBe(segment);
  });
});
