import { describe, expect, test } from 'vitest';
import { complaintRate, csat, customerQuality, nps, returnRate, teamQuality } from './compute';

const counts = (scores: number[]) => {
  const map = new Map<number, number>();
  for (const score of scores) map.set(score, (map.get(score) ?? 0) + 1);
  return map;
};

describe('satisfaction measures', () => {
  test('CSAT is the mean score', () => {
    expect(csat(counts([5, 4, 4, 2]))).toEqual({ responses: 4, average: 3.75 });
    expect(csat(counts([]))).toEqual({ responses: 0, average: null });
  });

  test('NPS is % promoters (9–10) minus % detractors (0–6)', () => {
    expect(nps(counts([10, 9, 9, 8, 7, 6, 0, 3]))).toEqual({
      responses: 8,
      promoters: 3,
      passives: 2,
      detractors: 3,
      score: 0,
    });
    expect(nps(counts([10, 10, 8]))).toMatchObject({ score: 66.7 });
    expect(nps(counts([6]))).toMatchObject({ score: -100 });
    expect(nps(counts([])).score).toBeNull();
  });

  test('complaint rate per 100 buyers and return rate as a share of buyers', () => {
    expect(complaintRate(3, 40)).toBe(7.5);
    expect(complaintRate(3, 0)).toBeNull();
    expect(returnRate(1, 3)).toBe(0.3333);
    expect(returnRate(0, 0)).toBeNull();
  });

  test('relationship gauges average the answered items; a team averages its customers', () => {
    const ada = customerQuality([
      { trust: 4, satisfaction: 5, commitment: null, friendship: 2 },
      { trust: 3, satisfaction: null, commitment: null, friendship: 3 },
    ]);
    expect(ada).toEqual({
      trust: 3.5,
      satisfaction: 5,
      commitment: null,
      friendship: 2.5,
      basis: 2,
    });
    const bo = customerQuality([{ trust: 5, satisfaction: 1, commitment: 4, friendship: null }]);
    expect(teamQuality([ada, bo])).toEqual({
      trust: 4.25,
      satisfaction: 3,
      commitment: 4,
      friendship: 2.5,
      basis: 2,
    });
  });
});
