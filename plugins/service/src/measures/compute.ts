import { GAUGES, type Gauge } from '../surveys/survey';

/** Average CSAT (1–5) over the responses; null without any. */
export interface CsatMeasure {
  readonly responses: number;
  readonly average: number | null;
}

/** Net Promoter Score: % promoters (9–10) minus % detractors (0–6), from −100 to 100. */
export interface NpsMeasure {
  readonly responses: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  readonly score: number | null;
}

/** The four gauges of DOMAIN §9, each a mean from 1 to 5, null without answers. */
export type RelationshipQuality = Readonly<Record<Gauge, number | null>> & {
  /** Surveys (for a customer) or customers (for a team) the gauges are drawn from. */
  readonly basis: number;
};

/** A count of responses by score. */
export type ScoreCounts = ReadonlyMap<number, number>;

const round = (value: number, places: number) => {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
};

const mean = (values: readonly number[]) =>
  values.length === 0 ? null : round(values.reduce((a, b) => a + b, 0) / values.length, 2);

const present = (values: readonly (number | null)[]) =>
  values.filter((value): value is number => value !== null);

export function csat(counts: ScoreCounts): CsatMeasure {
  let responses = 0;
  let sum = 0;
  for (const [score, count] of counts) {
    responses += count;
    sum += score * count;
  }
  return { responses, average: responses === 0 ? null : round(sum / responses, 2) };
}

export function nps(counts: ScoreCounts): NpsMeasure {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const [score, count] of counts) {
    if (score >= 9) promoters += count;
    else if (score >= 7) passives += count;
    else detractors += count;
  }
  const responses = promoters + passives + detractors;
  const score = responses === 0 ? null : round(((promoters - detractors) / responses) * 100, 1);
  return { responses, promoters, passives, detractors, score };
}

/** Complaints per 100 customers who bought; null when nobody bought. */
export function complaintRate(complaints: number, buyers: number): number | null {
  return buyers === 0 ? null : round((complaints / buyers) * 100, 2);
}

/** The share (0–1) of buyers who bought at least twice; null when nobody bought. */
export function returnRate(returning: number, buyers: number): number | null {
  return buyers === 0 ? null : round(returning / buyers, 4);
}

/** One customer's gauges: the mean of each item over its latest surveys (newest first). */
export function customerQuality(
  surveys: readonly Readonly<Record<Gauge, number | null>>[],
): RelationshipQuality {
  const gauges = Object.fromEntries(
    GAUGES.map((gauge) => [gauge, mean(present(surveys.map((survey) => survey[gauge])))]),
  ) as Record<Gauge, number | null>;
  return { ...gauges, basis: surveys.length };
}

/** A team's gauges: the mean over its customers of each customer's gauge. */
export function teamQuality(customers: readonly RelationshipQuality[]): RelationshipQuality {
  const gauges = Object.fromEntries(
    GAUGES.map((gauge) => [gauge, mean(present(customers.map((customer) => customer[gauge])))]),
  ) as Record<Gauge, number | null>;
  return { ...gauges, basis: customers.length };
}
