import type { Backtest, ModelName, TimeUnit } from './models';
import type { ScoringDb } from './store';

/** A team's latest backtest as stored, with when it ran. */
export interface StoredBacktest extends Backtest {
  readonly ranAt: string;
}

/** Keeps `backtest` as the team's latest, in place of the one before. */
export async function saveBacktest(
  db: ScoringDb,
  teamId: number,
  backtest: Backtest,
  ranAt: string,
): Promise<void> {
  const { unit, until, holdoutEnd, best, ...results } = backtest;
  const row = {
    team_id: teamId,
    unit,
    until,
    holdout_end: holdoutEnd,
    best,
    results: JSON.stringify(results),
    ran_at: ranAt,
  };
  await db
    .insertInto('scoring_backtests')
    .values(row)
    .onConflict((oc) => oc.column('team_id').doUpdateSet({ ...row, team_id: undefined }))
    .execute();
}

/** The team's latest backtest, or null before its first. */
export async function latestBacktest(
  db: ScoringDb,
  teamId: number,
): Promise<StoredBacktest | null> {
  const row = await db
    .selectFrom('scoring_backtests')
    .selectAll()
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  if (row === undefined) return null;
  const results = JSON.parse(row.results) as Omit<
    Backtest,
    'unit' | 'until' | 'holdoutEnd' | 'best'
  >;
  return {
    unit: row.unit as TimeUnit,
    until: row.until,
    holdoutEnd: row.holdout_end,
    best: row.best as ModelName | null,
    ...results,
    ranAt: row.ran_at,
  };
}
