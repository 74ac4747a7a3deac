import { GuanxiError, type PluginRouteEnv, roleAtLeast } from '@guanxi/core';
import type { DevelopmentConfig } from '../config';
import { getOpportunity } from '../opportunities/opportunity';
import { userOf } from '../opportunities/store';

export type Env = PluginRouteEnv<DevelopmentConfig>;

function forbidden(path: string, message: string): GuanxiError {
  return new GuanxiError('GX_ERR_FORBIDDEN', `A rep ${message}; a manager may`, {
    issues: [{ path, message }],
  });
}

/**
 * An opportunity is its owner's: a rep changes only those they own, a manager or admin any
 * (GX_ERR_FORBIDDEN; one not the team's is GX_ERR_NOT_FOUND). Customers themselves are the
 * team's, as in the core: any rep works on any of them.
 */
export async function requireOwnerOf(env: Env, opportunityId: number): Promise<void> {
  if (roleAtLeast(env.role, 'manager')) return;
  const opportunity = await getOpportunity(env.ctx, opportunityId);
  if (userOf(env.actor) !== opportunity.ownerUserId) {
    throw forbidden('opportunityId', 'changes only the opportunities they own');
  }
}

/** A rep opens or hands over opportunities only to themselves; a manager to any member. */
export function requireMayAssign(env: Env, ownerUserId: number | undefined): void {
  if (ownerUserId === undefined || roleAtLeast(env.role, 'manager')) return;
  if (userOf(env.actor) !== ownerUserId) {
    throw forbidden('ownerUserId', 'gives opportunities only to themselves');
  }
}
