import { z } from 'zod';
import type { Role } from '../storage/schema';

/** The roles in a team, least first: each may do what the ones before it may. */
export const ROLES = ['rep', 'manager', 'admin'] as const satisfies readonly Role[];

export const roleSchema = z.enum(ROLES);

/** Whether `role` may do what `least` may. */
export function roleAtLeast(role: Role, least: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(least);
}
