import type { CardLookup, CardQuery } from '../lib/messages';

const FOUND_TTL_MS = 5 * 60_000;
const UNKNOWN_TTL_MS = 60_000;
const MAX_ENTRIES = 2_000;

interface Entry {
  readonly lookup: CardLookup;
  readonly expires: number;
}

export function cacheKey(query: CardQuery): string {
  if ('email' in query) return `email:${query.email}`;
  if ('domain' in query) return `domain:${query.domain}`;
  return `customer:${query.teamId}:${query.customerId}`;
}

/**
 * Cards by identity for a few minutes, so a thread list of fifty senders costs fifty lookups
 * once, not on every repaint. The rep's own writes drop what they change at once.
 */
export class CardCache {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  get(key: string): CardLookup | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expires > this.#now()) return entry.lookup;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: string, lookup: CardLookup): void {
    const ttl = lookup.found ? FOUND_TTL_MS : UNKNOWN_TTL_MS;
    this.#entries.delete(key);
    this.#entries.set(key, { lookup, expires: this.#now() + ttl });
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
