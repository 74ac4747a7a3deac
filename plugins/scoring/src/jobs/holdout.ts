import { type HoldoutSplit, type HoldoutWindow, splitPurchases } from '../models';
import { type ScoringDb, teamPurchaseDays } from '../store';

/** The team's customers as of the calibration end and their purchase days in the holdout. */
export async function teamSplit(
  db: ScoringDb,
  teamId: number,
  window: HoldoutWindow,
): Promise<HoldoutSplit> {
  const split: HoldoutSplit = { summaries: [], holdout: new Map() };
  // A page holds whole customers, so each page splits on its own.
  for await (const days of teamPurchaseDays(db, teamId, window.holdoutEnd)) {
    const page = splitPurchases(
      days.map((d) => ({ customer: String(d.customerId), at: d.day, amount: d.amount })),
      window,
    );
    split.summaries.push(...page.summaries);
    for (const [customer, held] of page.holdout) split.holdout.set(customer, held);
  }
  return split;
}
