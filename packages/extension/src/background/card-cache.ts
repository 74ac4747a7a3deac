import type { CardLookup, CardQuery } from '../lib/messages';

/** Nobody on file is kept for a minute at most, so a customer created elsewhere shows soon. */
const UNKNOWN_KEEP_MS = 60_000;
const MAX_ENTRIES = 2_000;

interface Entry {
  readonly lookup: CardLookup;
  readonly fetchedAt: number;
}

export function cacheKey(query: CardQuery): string {
  if ('email' in query) return `email:${query.email}`;
  if ('domain' in query) return `domain:${query.domain}`;
  return `customer:${query.teamId}:${query.customerId}`;
}

/**
 * Cards by identity for a few minutes, so a thread list of fifty senders costs fifty lookups
 * once, not on every repaint. How long a card is kept is given when it is asked for, so a
 * change to that setting applies to the cards already kept. The rep's own writes drop what
 * they change at once.
 */
export class CardCache {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** The card fetched less than `keepMs` ago (a minute at most when nobody was on file). */
  get(key: string, keepMs: number): CardLookup | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    const keep = entry.lookup.found ? keepMs : Math.min(keepMs, UNKNOWN_KEEP_MS);
    if (this.#now() - entry.fetchedAt < keep) return entry.lookup;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: string, lookup: CardLookup): void {
    this.#entries.delete(key);
    this.#entries.set(key, { lookup, fetchedAt: this.#now() });
    if (this.#entries.size > MAX_ENTRIES) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Drops every card of this customer, whichever identity it was looked up by. */
  forgetCustomer(teamId: number, customerId: number): void {
    for (const [key, { lookup }] of this.#entries) {
      if (lookup.found && lookup.teamId === teamId && lookup.card.customer.id === customerId) {
        this.#entries.delete(key);
      }
    }
  }

  clear(): void {
    this.#entries.clear();
  }
}
