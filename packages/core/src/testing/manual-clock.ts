import type { Clock } from '../clock';

/** A clock that only moves when a test moves it. */
export class ManualClock implements Clock {
  #now: Date;

  constructor(start: Date | string = '2025-01-01T00:00:00.000Z') {
    this.#now = new Date(start);
  }

  now(): Date {
    return new Date(this.#now);
  }

  set(time: Date | string): void {
    this.#now = new Date(time);
  }

  advance({ days = 0, hours = 0, ms = 0 }: { days?: number; hours?: number; ms?: number }): void {
    this.#now = new Date(this.#now.getTime() + ((days * 24 + hours) * 3600 + 0) * 1000 + ms);
  }
}
