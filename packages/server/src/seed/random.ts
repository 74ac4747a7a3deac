/** mulberry32: a small seeded PRNG, so the same seed gives the same demo every time. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws from a uniform source in [0, 1): integers, picks, weights and skewed distributions. */
export class Draw {
  readonly #next: () => number;

  constructor(next: () => number) {
    this.#next = next;
  }

  unit(): number {
    return this.#next();
  }

  chance(probability: number): boolean {
    return this.#next() < probability;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.#next() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.#next() * (max - min);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#next() * items.length)] as T;
  }

  /** Favours the front of the list, as surnames are listed most common first. */
  pickSkewed<T>(items: readonly T[], skew = 1.8): T {
    return items[Math.floor(this.#next() ** skew * items.length)] as T;
  }

  weighted<T extends string>(weights: Readonly<Record<T, number>>): T {
    const entries = Object.entries(weights) as [T, number][];
    let left = this.#next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [item, weight] of entries) {
      left -= weight;
      if (left < 0) return item;
    }
    return (entries.at(-1) as [T, number])[0];
  }

  /** Log-normal around `median`; `spread` is the sigma of the underlying normal. */
  logNormal(median: number, spread: number): number {
    const normal =
      Math.sqrt(-2 * Math.log(1 - this.#next())) * Math.cos(2 * Math.PI * this.#next());
    return median * Math.exp(spread * normal);
  }

  /** Pareto counts from 1: P(n ≥ k) = k^-alpha, so most are 1 and a few are large. */
  pareto(alpha: number, max: number): number {
    return Math.min(max, Math.floor((1 - this.#next()) ** (-1 / alpha)));
  }
}
