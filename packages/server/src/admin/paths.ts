/** Where the console is mounted; every link and redirect is built from here. */
export const ADMIN = '/admin';

export type TeamTab =
  | 'overview'
  | 'members'
  | 'modules'
  | 'webhooks'
  | 'hook-failures'
  | 'settings';

export function teamPath(teamId: number, tab: TeamTab = 'overview'): string {
  return tab === 'overview' ? `${ADMIN}/teams/${teamId}` : `${ADMIN}/teams/${teamId}/${tab}`;
}

export function memberPath(teamId: number, userId: number): string {
  return `${ADMIN}/teams/${teamId}/members/${userId}`;
}

/** A path inside the console, safe to redirect to after switching language. */
export function isConsolePath(path: string): boolean {
  return /^\/admin(\/[A-Za-z0-9/_-]*)?$/.test(path);
}
