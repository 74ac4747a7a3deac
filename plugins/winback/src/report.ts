import type { Locale, PluginContext } from '@guanxi/core';
import type { ChurnKind } from './kinds';
import { PLAYBOOK_NAMES, RULE_LABELS } from './labels';
import { tierName } from './policy';
import type { RiskRule } from './risk';
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

/** Churns by what decided them: a detection rule, or a person. */
export interface RuleRow {
  readonly rule: RiskRule | 'person';
  readonly label: Readonly<Record<Locale, string>>;
  readonly churns: number;
  readonly wonBack: number;
}

export interface WinbackReport {
  readonly churns: number;
  readonly churnsWonBack: number;
  readonly byRule: readonly RuleRow[];
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

const RULE_ORDER: readonly RuleRow['rule'][] = ['p_alive', 'median_gap', 'one_order', 'person'];

/** A span of time a report reads: `from` inclusive, `to` exclusive. */
export interface Span {
  readonly from: string;
  readonly to: string;
}

type Ctx = Pick<PluginContext, 'teamId' | 'db'>;

/** The team's churns, those of the span when one is given. */
export function churnsIn(ctx: Ctx, span: Span | undefined) {
  const churns = tablesOf(ctx).selectFrom('winback_churns').where('team_id', '=', ctx.teamId);
  return span === undefined
    ? churns
    : churns.where('churned_at', '>=', span.from).where('churned_at', '<', span.to);
}

async function churnsByRule(ctx: Ctx, span: Span | undefined): Promise<RuleRow[]> {
  const db = tablesOf(ctx);
  const rows = await churnsIn(ctx, span)
    .select([
      'rule',
      db.fn.countAll<number>().as('n'),
      db.fn.count<number>('won_back_at').as('won'),
    ])
    .groupBy('rule')
    .execute();
  return rows
    .map((row): RuleRow => {
      const rule: RuleRow['rule'] = row.rule ?? 'person';
      return { rule, label: RULE_LABELS[rule], churns: Number(row.n), wonBack: Number(row.won) };
    })
    .sort((a, b) => RULE_ORDER.indexOf(a.rule) - RULE_ORDER.indexOf(b.rule));
}

/**
 * Win-back rate (won back ÷ playbooks, closed or open) by churn kind, tier and playbook, and
 * churns by what decided them; of the churns (and their playbooks) of `span` when one is
 * given, each read by the (team, time) indexes.
 */
export async function winbackReport(ctx: Ctx, span?: Span): Promise<WinbackReport> {
  const db = tablesOf(ctx);
  const playbooks = db.selectFrom('winback_playbooks').where('team_id', '=', ctx.teamId);
  const counts = (
    await (span === undefined
      ? playbooks
      : playbooks.where('created_at', '>=', span.from).where('created_at', '<', span.to)
    )
      .select(['kind', 'tier', 'status', db.fn.countAll<number>().as('n')])
      .groupBy(['kind', 'tier', 'status'])
      .execute()
  ).map((c) => ({ ...c, n: Number(c.n) }));
  const churns = await churnsIn(ctx, span)
    .select([db.fn.countAll<number>().as('n'), db.fn.count<number>('won_back_at').as('won')])
    .executeTakeFirstOrThrow();
  const [total] = rates(counts, () => 'all');
  return {
    churns: Number(churns.n),
    churnsWonBack: Number(churns.won),
    byRule: await churnsByRule(ctx, span),
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
