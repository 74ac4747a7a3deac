/** Where the console is mounted; every link and redirect is built from here. */
export const ADMIN = '/admin';

/** The team's own sections; plugin pages have paths of their own (pluginPagePath). */
export type TeamTab =
  | 'overview'
  | 'customers'
  | 'import'
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

export function customerPath(teamId: number, customerId: number): string {
  return `${ADMIN}/teams/${teamId}/customers/${customerId}`;
}

export function importPath(teamId: number, importId: number): string {
  return `${ADMIN}/teams/${teamId}/import/${importId}`;
}

export function pluginPagePath(teamId: number, pluginId: string, path: string): string {
  return `${ADMIN}/teams/${teamId}/plugins/${pluginId}/${path}`;
}

/** A path with its query, leaving out empty values. */
export function withQuery(path: string, query: Readonly<Record<string, string | undefined>>) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, value);
  }
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
}

/** A path inside the console, with its query, safe to redirect to after switching language. */
export function isConsolePath(path: string): boolean {
  return /^\/admin(\/[A-Za-z0-9/_-]*)?(\?[A-Za-z0-9=&%+._-]*)?$/.test(path);
}
