import type { Selectable } from 'kysely';
import type { LedgerKind, LoyaltyTables } from '../tables';

/** One ledger entry as the API shows it. */
export interface LedgerEntry {
  readonly id: number;
  readonly customerId: number;
  readonly kind: LedgerKind;
  readonly points: number;
  readonly amount: number | null;
  readonly orderId: number | null;
  readonly rewardId: number | null;
  readonly reference: string | null;
  readonly expiresAt: string | null;
  readonly shortfall: number | null;
  readonly note: string | null;
  readonly actor: string;
  readonly at: string;
}

/** An entry's columns as written; with `id`, as read back. */
export const ENTRY_FIELDS = [
  'customer_id',
  'kind',
  'points',
  'amount',
  'order_id',
  'reward_id',
  'reference',
  'expires_at',
  'shortfall',
  'note',
  'actor',
  'at',
] as const;

export const ENTRY_COLUMNS = ['id', ...ENTRY_FIELDS] as const;

const num = (value: number | null) => (value === null ? null : Number(value));

/** A ledger row as read (its team and unspent points aside). */
type LedgerRow = Omit<Selectable<LoyaltyTables['loyalty_ledger']>, 'team_id' | 'remaining'>;

export function toEntry(row: LedgerRow): LedgerEntry {
  return {
    id: Number(row.id),
    customerId: Number(row.customer_id),
    kind: row.kind,
    points: Number(row.points),
    amount: num(row.amount),
    orderId: num(row.order_id),
    rewardId: num(row.reward_id),
    reference: row.reference,
    expiresAt: row.expires_at,
    shortfall: num(row.shortfall),
    note: row.note,
    actor: row.actor,
    at: row.at,
  };
}
