import type { PurchaseDay, ScoringDb } from './store';

/**
 * RFM: recency, frequency and monetary value, each scored 1–5 by quintile within a team.
 *
 * Quintile rule: a value's score is 1 + ⌊5 × (customers with a strictly smaller value) / N⌋.
 * Equal values therefore always share a score (the score of the first of them in rank order),
 * and the same data always gives the same scores. Recency is scored on the last purchase
 * day, so the most recent buyers score 5 ("recency reversed": fewer days since = higher).
 */

export interface RfmInput {
  readonly customerId: number;
  /** Last purchase day, YYYY-MM-DD. */
  readonly lastPurchase: string;
  /** Purchase days. */
  readonly frequency: number;
  /** Total spend, minor units. */
  readonly monetary: number;
}

/** For each measure, the smallest value that scores 2, 3, 4 and 5 (null: no value does). */
export interface RfmCuts {
  readonly recency: readonly (string | null)[];
  readonly frequency: readonly (number | null)[];
  readonly monetary: readonly (number | null)[];
}

export interface RfmScore {
  readonly r: number;
  readonly f: number;
  readonly m: number;
  readonly segment: RfmSegment;
}

export const RFM_SEGMENTS = [
  'champions',
  'loyal_customers',
  'potential_loyalist',
  'new_customers',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cant_lose_them',
  'lost',
  'others',
] as const;

export type RfmSegment = (typeof RFM_SEGMENTS)[number];

function cutsOf<T extends string | number>(values: T[]): (T | null)[] {
  values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const cuts: (T | null)[] = [];
  for (let score = 2; score <= 5; score += 1) {
    // The first value whose count of smaller values reaches (score − 1) × N / 5: the start
    // of the first run of equal values at or after that position.
    let index = Math.ceil(((score - 1) * values.length) / 5);
    while (index > 0 && index < values.length && values[index - 1] === values[index]) index += 1;
    cuts.push(index < values.length ? (values[index] as T) : null);
  }
  return cuts;
}

/** The quintile boundaries of a team's customers. */
export function rfmCuts(inputs: readonly RfmInput[]): RfmCuts {
  return {
    recency: cutsOf(inputs.map((i) => i.lastPurchase)),
    frequency: cutsOf(inputs.map((i) => i.frequency)),
    monetary: cutsOf(inputs.map((i) => i.monetary)),
  };
}

function scoreAgainst<T extends string | number>(value: T, cuts: readonly (T | null)[]): number {
  let score = 1;
  for (const cut of cuts) if (cut !== null && value >= cut) score += 1;
  return score;
}

type Range = readonly [number, number];
const SEGMENTS: readonly (readonly [RfmSegment, Range, Range, Range])[] = [
  ['champions', [4, 5], [4, 5], [4, 5]],
  ['cant_lose_them', [1, 1], [4, 5], [4, 5]],
  ['at_risk', [1, 2], [2, 5], [2, 5]],
  ['loyal_customers', [3, 5], [3, 5], [3, 5]],
  ['new_customers', [4, 5], [1, 1], [1, 2]],
  ['promising', [3, 4], [1, 1], [1, 3]],
  ['potential_loyalist', [4, 5], [1, 3], [1, 3]],
  ['need_attention', [2, 3], [2, 3], [2, 3]],
  ['about_to_sleep', [2, 3], [1, 2], [1, 2]],
  ['lost', [1, 1], [1, 2], [1, 5]],
];

const within = (value: number, [low, high]: Range) => value >= low && value <= high;

/**
 * The ten standard segments as ranges of R, F and M, checked in the order above; the first
 * match wins, and a customer matching none (a big first order from a new buyer, say) is
 * "others".
 */
export function rfmSegment(r: number, f: number, m: number): RfmSegment {
  const match = SEGMENTS.find(([, rs, fs, ms]) => within(r, rs) && within(f, fs) && within(m, ms));
  return match?.[0] ?? 'others';
}

export function rfmScore(input: RfmInput, cuts: RfmCuts): RfmScore {
  const r = scoreAgainst(input.lastPurchase, cuts.recency);
  const f = scoreAgainst(input.frequency, cuts.frequency);
  const m = scoreAgainst(input.monetary, cuts.monetary);
  return { r, f, m, segment: rfmSegment(r, f, m) };
}

export const SEGMENT_LABELS: Readonly<Record<RfmSegment, { en: string; 'zh-CN': string }>> = {
  champions: { en: 'Champions', 'zh-CN': '冠军客户' },
  loyal_customers: { en: 'Loyal Customers', 'zh-CN': '忠诚客户' },
  potential_loyalist: { en: 'Potential Loyalist', 'zh-CN': '潜在忠诚客户' },
  new_customers: { en: 'New Customers', 'zh-CN': '新客户' },
  promising: { en: 'Promising', 'zh-CN': '有潜力客户' },
  need_attention: { en: 'Need Attention', 'zh-CN': '需要关注' },
  about_to_sleep: { en: 'About To Sleep', 'zh-CN': '即将沉睡' },
  at_risk: { en: 'At Risk', 'zh-CN': '流失风险' },
  cant_lose_them: { en: "Can't Lose Them", 'zh-CN': '不能失去' },
  lost: { en: 'Lost', 'zh-CN': '已流失' },
  others: { en: 'Others', 'zh-CN': '其他' },
};

/** RFM inputs from purchase days; days must be grouped by customer and in day order. */
export function rfmInputs(days: readonly PurchaseDay[]): RfmInput[] {
  const inputs = new Map<number, { lastPurchase: string; frequency: number; monetary: number }>();
  for (const day of days) {
    const input = inputs.get(day.customerId);
    if (input === undefined) {
      inputs.set(day.customerId, { lastPurchase: day.day, frequency: 1, monetary: day.amount });
    } else {
      input.lastPurchase = day.day;
      input.frequency += 1;
      input.monetary += day.amount;
    }
  }
  return [...inputs].map(([customerId, input]) => ({ customerId, ...input }));
}

export async function saveCuts(
  db: ScoringDb,
  teamId: number,
  cuts: RfmCuts,
  at: string,
): Promise<void> {
  const row = { team_id: teamId, cuts: JSON.stringify(cuts), computed_at: at };
  await db
    .insertInto('scoring_rfm_cuts')
    .values(row)
    .onConflict((oc) => oc.column('team_id').doUpdateSet({ cuts: row.cuts, computed_at: at }))
    .execute();
}

export async function cutsOfTeam(db: ScoringDb, teamId: number): Promise<RfmCuts | null> {
  const row = await db
    .selectFrom('scoring_rfm_cuts')
    .select('cuts')
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  return row === undefined ? null : (JSON.parse(row.cuts) as RfmCuts);
}
