import type { Selection } from './analysis';
import type { GammaGammaParams, ModelName } from './models';
import type { ScoringDb } from './store';

/** A team's fitted model, as the fit job stores it and the CLV scorer reads it. */
export interface StoredFit {
  readonly model: ModelName;
  readonly selection: Selection;
  readonly unit: 'week' | 'day';
  /** The calibration end, YYYY-MM-DD. */
  readonly until: string;
  readonly params: Readonly<Record<string, number>>;
  readonly logLikelihood: number;
  /** Gamma-Gamma spend parameters; null when the team had too few repeat buyers. */
  readonly spend: GammaGammaParams | null;
  readonly customers: number;
  readonly repeatBuyers: number;
  readonly fittedAt: string;
}

export async function saveFit(db: ScoringDb, teamId: number, fit: StoredFit): Promise<void> {
  const row = {
    team_id: teamId,
    model: fit.model,
    selection: fit.selection,
    unit: fit.unit,
    until: fit.until,
    params: JSON.stringify(fit.params),
    log_likelihood: fit.logLikelihood,
    spend_params: fit.spend === null ? null : JSON.stringify(fit.spend),
    customers: fit.customers,
    repeat_buyers: fit.repeatBuyers,
    fitted_at: fit.fittedAt,
  };
  await db
    .insertInto('scoring_fits')
    .values(row)
    .onConflict((oc) => oc.column('team_id').doUpdateSet({ ...row, team_id: undefined }))
    .execute();
}

export async function latestFit(db: ScoringDb, teamId: number): Promise<StoredFit | null> {
  const row = await db
    .selectFrom('scoring_fits')
    .selectAll()
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  if (row === undefined) return null;
  return {
    model: row.model as ModelName,
    selection: row.selection as Selection,
    unit: row.unit as 'week' | 'day',
    until: row.until,
    params: JSON.parse(row.params) as Record<string, number>,
    logLikelihood: Number(row.log_likelihood),
    spend: row.spend_params === null ? null : (JSON.parse(row.spend_params) as GammaGammaParams),
    customers: Number(row.customers),
    repeatBuyers: Number(row.repeat_buyers),
    fittedAt: row.fitted_at,
  };
}
