import type { RFT } from './summary';
import { count, invalid, nonNegative } from './validate';

/** Customers with the same (frequency, recency, T), collapsed into one row with a weight. */
export interface WeightedRows {
  readonly length: number;
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  readonly weight: Float64Array;
  /** Number of customers, the sum of the weights. */
  readonly customers: number;
  /** Mean T over customers: the scale of a sensible starting point for the rate parameters. */
  readonly meanT: number;
}

/** Checks one customer's (x, t_x, T), naming the field at fault under `path`. */
export function checkRft(c: RFT, path: string): void {
  count(c.frequency, `${path}.frequency`);
  nonNegative(c.recency, `${path}.recency`);
  nonNegative(c.T, `${path}.T`);
  if (c.recency > c.T) invalid(`${path}.recency`, 'must not exceed T');
}

/** Validates `rows` and collapses identical ones, since the likelihood only sees (x, t_x, T). */
export function collapseRows(rows: readonly RFT[]): WeightedRows {
  const index = new Map<string, number>();
  const frequency: number[] = [];
  const recency: number[] = [];
  const T: number[] = [];
  const weight: number[] = [];
  let sumT = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as RFT;
    checkRft(row, `rows.${i}`);
    sumT += row.T;
    const key = `${row.frequency}|${row.recency}|${row.T}`;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, frequency.length);
      frequency.push(row.frequency);
      recency.push(row.recency);
      T.push(row.T);
      weight.push(1);
    } else {
      weight[at] = (weight[at] as number) + 1;
    }
  }
  if (rows.length === 0) invalid('rows', 'must hold at least one customer');
  return {
    length: frequency.length,
    frequency: Float64Array.from(frequency),
    recency: Float64Array.from(recency),
    T: Float64Array.from(T),
    weight: Float64Array.from(weight),
    customers: rows.length,
    meanT: sumT / rows.length,
  };
}

/** The distinct values of an array and, for each element, the index of its distinct value. */
export interface Distinct {
  readonly values: Float64Array;
  readonly index: Int32Array;
}

/** Finds the distinct values of `values`, in order of first appearance. */
export function distinct(values: Float64Array): Distinct {
  const position = new Map<number, number>();
  const unique: number[] = [];
  const index = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    let at = position.get(value);
    if (at === undefined) {
      at = unique.length;
      position.set(value, at);
      unique.push(value);
    }
    index[i] = at;
  }
  return { values: Float64Array.from(unique), index };
}

/** The total weight of each group of `groups`. */
export function weightsBy(groups: Distinct, weight: Float64Array): Float64Array {
  const totals = new Float64Array(groups.values.length);
  for (let i = 0; i < weight.length; i++) {
    const group = groups.index[i] as number;
    totals[group] = (totals[group] as number) + (weight[i] as number);
  }
  return totals;
}
