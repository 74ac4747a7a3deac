import type { Principal, Team, User } from '@guanxi/core';
import type { AppEnv } from '../env';

/** Who is using the console, resolved from the session cookie on every request. */
export interface AdminSession {
  readonly user: User;
  readonly principal: Principal;
  /** The teams the user is an admin of, by id; never none. */
  readonly teams: readonly [Team, ...Team[]];
  /** The token every POST form of this session carries. */
  readonly csrf: string;
}

export interface AdminEnv {
  Variables: AppEnv['Variables'] & { admin: AdminSession };
}
