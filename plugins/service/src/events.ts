import type { EventHook } from '@guanxi/core';

/** A complaint as its events report it, after the change. */
export interface ComplaintEvent {
  complaintId: number;
  customerId: number;
  /** `product_quality`, `service_attitude`, `deception` or `other`. */
  cause: string;
  /** The step the complaint is now at (`received` … `closed`). */
  step: string;
  /** Whether it was judged valid; null until recorded. */
  valid: boolean | null;
  openedAt: string;
  /** When the next step is due; null once closed. */
  dueAt: string | null;
  closedAt: string | null;
  /** Who made the change (`user:12`). */
  actor: string;
}

declare module '@guanxi/core' {
  interface CoreHooks {
    /** A customer complained; the complaint is at `received`. */
    'complaint:opened': EventHook<ComplaintEvent>;
    /** A complaint moved to another step, closing included. */
    'complaint:stepped': EventHook<ComplaintEvent>;
    /** A complaint was closed: followed up, or judged not valid. */
    'complaint:closed': EventHook<ComplaintEvent>;
  }
}
