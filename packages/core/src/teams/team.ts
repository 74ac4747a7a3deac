import type { Locale } from '../plugins/define-plugin';
import type { Role } from '../storage/schema';

export type { Role };

export interface Team {
  readonly id: number;
  readonly name: string;
  readonly slug: string;
  /** ISO 4217 code; orders without their own currency are in this one. */
  readonly currency: string;
  readonly locale: Locale;
  /** IANA time zone: the team's days, and its dates without a time, are read in it. */
  readonly timeZone: string;
  readonly createdAt: string;
}

export interface User {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface Membership {
  readonly teamId: number;
  readonly userId: number;
  readonly role: Role;
}
