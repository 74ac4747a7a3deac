import type { PluginContext } from '@guanxi/core';
import type { ChurnKind } from './kinds';
import { PLAYBOOK_NAMES } from './labels';
import { tierName } from './policy';
import { type PlaybookStatus, tablesOf } from './tables';

export interface RateRow {
  readonly group: string;
  readonly playbooks: number;
  readonly open: number;
  readonly wonBack: number;
  readonly letGo: number;
  /** Won back ÷ playbooks (open or closed); null with no playbook. */
  readonly winBackRate: number | null;
}

export interface WinbackReport {
  readonly churns: number;
  readonly churnsWonBack: number;
  readonly total: RateRow;
  readonly byKind: readonly RateRow[];
  readonly byTier: readonly RateRow[];
  readonly byPlaybook: readonly RateRow[];
}

interface Count {
  readonly kind: ChurnKind;
  readonly tier: number | null;
  readonly status: PlaybookStatus;
  readonly n: number;
}

function rates(counts: readonly Count[], groupOf: (c: Count) => string): RateRow[] {
  const rows = new Map<
    string,
    { playbooks: number; open: number; wonBack: number; letGo: number }
  >();
  for (const c of counts) {
    const group = groupOf(c);
    const row = rows.get(group) ?? { playbooks: 0, open: 0, wonBack: 0, letGo: 0 };
    row.playbooks += c.n;
    if (c.status === 'open') row.open += c.n;
    if (c.status === 'won_back') row.wonBack += c.n;
    if (c.status === 'let_go') row.letGo += c.n;
    rows.set(group, row);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, row]) => ({
      group,
      ...row,
      winBackRate: row.playbooks === 0 ? null : row.wonBack / row.playbooks,
    }));
}

/** Win-back rate (won back ÷ playbooks, closed or open) by churn kind, tier and playbook. */
export async function winbackReport(
  ctx: Pick<PluginContext, 'teamId' | 'db'>,
): Promise<WinbackReport> {
  const db = tablesOf(ctx);
  const counts = (
    await db
      .selectFrom('winback_playbooks')
      .select(['kind', 'tier', 'status', db.fn.countAll<number>().as('n')])
      .where('team_id', '=', ctx.teamId)
      .groupBy(['kind', 'tier', 'status'])
      .execute()
  ).map((c) => ({ ...c, n: Number(c.n) }));
  const churns = await db
    .selectFrom('winback_churns')
    .select([db.fn.countAll<number>().as('n'), db.fn.count<number>('won_back_at').as('won')])
    .where('team_id', '=', ctx.teamId)
    .executeTakeFirstOrThrow();
  const [total] = rates(counts, () => 'all');
  return {
    churns: Number(churns.n),
    churnsWonBack: Number(churns.won),
    total: total ?? {
      group: 'all',
      playbooks: 0,
      open: 0,
      wonBack: 0,
      letGo: 0,
      winBackRate: null,
    },
    byKind: rates(counts, (c) => c.kind),
    byTier: rates(counts, (c) => tierName(c.tier)),
    byPlaybook: rates(counts, (c) => PLAYBOOK_NAMES[c.kind as Exclude<ChurnKind, 'malicious'>].en),
  };
}
