import type { Principal, Role, Team, TeamPage, User } from '@guanxi/core';
import type { AppEnv } from '../env';

/** Who is using the console, resolved from the session cookie on every request. */
export interface AdminSession {
  readonly user: User;
  readonly principal: Principal;
  /** The teams the user belongs to, in any role, by id; never none. */
  readonly teams: readonly [Team, ...Team[]];
  /** The token every POST form of this session carries. */
  readonly csrf: string;
}

/** The team a page belongs to, as the signed-in user sees it. */
export interface TeamView {
  readonly team: Team;
  readonly role: Role;
  /** The pages the team's plugins add that this role may open. */
  readonly pages: readonly TeamPage[];
}

export interface AdminEnv {
  Variables: AppEnv['Variables'] & { admin: AdminSession; team: TeamView };
}
