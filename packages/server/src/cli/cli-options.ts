import { type Core, canonicalTimeZone, notFound, type Team } from '@guanxi/core';
import { InvalidArgumentError } from 'commander';

/** A team named on the command line by id or by slug. */
export async function resolveTeam(core: Core, idOrSlug: string): Promise<Team> {
  if (/^\d+$/.test(idOrSlug)) return core.teams.get(Number(idOrSlug));
  const team = (await core.teams.list()).find((candidate) => candidate.slug === idOrSlug);
  if (team === undefined) throw notFound('team', 'team', idOrSlug);
  return team;
}

/** Commander's parser for an option taking a positive whole number. */
export function positiveInt(text: string): number {
  if (!/^[1-9]\d*$/.test(text)) throw new InvalidArgumentError('expected a positive whole number');
  return Number(text);
}

/** Commander's parser for an IANA time zone such as Asia/Shanghai. */
export function timeZone(text: string): string {
  const zone = canonicalTimeZone(text);
  if (zone === undefined) {
    throw new InvalidArgumentError('expected an IANA time zone such as Asia/Shanghai');
  }
  return zone;
}
