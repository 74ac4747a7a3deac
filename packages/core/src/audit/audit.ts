import type { Kysely, Selectable } from 'kysely';
import type { CoreRuntime } from '../core-runtime';
import type { AuditLogTable, CoreTables } from '../storage/schema';

export interface AuditEntry {
  readonly id: number;
  readonly teamId: number | null;
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly occurredAt: string;
}

export interface AuditRecord {
  readonly teamId: number | null;
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string | number;
  readonly before?: unknown;
  readonly after?: unknown;
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export function toAuditEntry(r: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: r.id,
    teamId: r.team_id,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
    occurredAt: r.occurred_at,
  };
}

/** Who changed what, with the value before and after. */
export class Audit {
  readonly #rt: CoreRuntime;
  readonly #db: Kysely<CoreTables>;

  constructor(rt: CoreRuntime, db: Kysely<CoreTables>) {
    this.#rt = rt;
    this.#db = db;
  }

  async record(entry: AuditRecord): Promise<void> {
    await this.#db
      .insertInto('audit_log')
      .values({
        team_id: entry.teamId,
        actor: entry.actor,
        action: entry.action,
        entity: entry.entity,
        entity_id: String(entry.entityId),
        before: json(entry.before),
        after: json(entry.after),
        occurred_at: this.#rt.now(),
      })
      .execute();
  }

  async list(teamId: number, limit = 100): Promise<AuditEntry[]> {
    const rows = await this.#db
      .selectFrom('audit_log')
      .selectAll()
      .where('team_id', '=', teamId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toAuditEntry);
  }
}
