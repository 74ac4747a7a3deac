import { randomBytes } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { z } from 'zod';
import { Audit } from '../audit/audit';
import type { CoreRuntime } from '../core-runtime';
import { notFound, validationError } from '../errors';
import { dialectOf } from '../storage/columns';
import type { CoreTables, WebhooksTable } from '../storage/schema';
import { inTransaction } from '../storage/transaction';
import { requireTeam } from '../teams/teams';
import { parseInput } from '../validation';

export interface Webhook {
  readonly id: number;
  readonly teamId: number;
  readonly url: string;
  /** Hook names whose events are sent, e.g. `customer:created`, `tier:changed`. */
  readonly events: readonly string[];
  readonly active: boolean;
  readonly createdAt: string;
}

export interface WebhookWithSecret extends Webhook {
  /** Signs every delivery (HMAC-SHA256); the receiver checks it. */
  readonly secret: string;
}

/** One due delivery, leased to the caller until it reports the attempt. */
export interface DueDelivery {
  readonly outboxId: number;
  readonly webhookId: number;
  readonly url: string;
  readonly secret: string;
  readonly event: string;
  readonly body: string;
  readonly attempt: number;
}

export interface DeliveryAttempt {
  readonly status?: number;
  readonly error?: string;
  readonly durationMs: number;
}

export interface DeliveryLogEntry {
  readonly outboxId: number;
  readonly attempt: number;
  readonly status: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  readonly at: string;
}

export const webhookInputSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, message: 'must be an http or https URL' }).max(2000),
  events: z.array(z.string().min(1).max(100)).min(1).max(50),
});

export type WebhookInput = z.input<typeof webhookInputSchema>;

/** After this many failed attempts a delivery is given up. */
export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 3_600_000;
const LEASE_MS = 60_000;

export function retryDelayMs(attempt: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempt - 1));
}

function toWebhook(row: Selectable<WebhooksTable>): WebhookWithSecret {
  return {
    id: row.id,
    teamId: row.team_id,
    url: row.url,
    events: JSON.parse(row.events),
    active: row.active === 1,
    createdAt: row.created_at,
    secret: row.secret,
  };
}

const withoutSecret = ({ secret: _, ...webhook }: WebhookWithSecret): Webhook => webhook;

/**
 * Per-team webhook subscriptions to events. Events are written to the outbox in the same
 * transaction as the change that caused them, then delivered with retries by a worker.
 */
export class Webhooks {
  readonly #rt: CoreRuntime;
  readonly #db: Kysely<CoreTables>;

  constructor(rt: CoreRuntime, db: Kysely<CoreTables>) {
    this.#rt = rt;
    this.#db = db;
  }

  async create(teamId: number, input: WebhookInput, actor: string): Promise<WebhookWithSecret> {
    const { url, events } = parseInput(webhookInputSchema, input);
    const issues = events.flatMap((event, index) =>
      this.#rt.registry.isEventHook(event)
        ? []
        : [{ path: `events.${index}`, message: `no event hook "${event}"` }],
    );
    if (issues.length > 0) throw validationError(issues);
    return inTransaction(this.#db, async (trx) => {
      await requireTeam(trx, teamId);
      const row = await trx
        .insertInto('webhooks')
        .values({
          team_id: teamId,
          url,
          secret: `whsec_${randomBytes(24).toString('base64url')}`,
          events: JSON.stringify([...new Set(events)]),
          active: 1,
          created_at: this.#rt.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const webhook = toWebhook(row);
      await this.#changed(
        trx,
        teamId,
        actor,
        'webhook.created',
        webhook.id,
        undefined,
        withoutSecret(webhook),
      );
      return webhook;
    });
  }

  async list(teamId: number): Promise<Webhook[]> {
    const rows = await this.#db
      .selectFrom('webhooks')
      .selectAll()
      .where('team_id', '=', teamId)
      .orderBy('id')
      .execute();
    return rows.map((row) => withoutSecret(toWebhook(row)));
  }

  async get(teamId: number, webhookId: number): Promise<WebhookWithSecret> {
    const row = await this.#db
      .selectFrom('webhooks')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('id', '=', webhookId)
      .executeTakeFirst();
    if (row === undefined) throw notFound('webhook', 'webhookId', webhookId);
    return toWebhook(row);
  }

  /** Stops sending to this webhook; its delivery log stays. */
  async deactivate(teamId: number, webhookId: number, actor: string): Promise<Webhook> {
    return inTransaction(this.#db, async (trx) => {
      const before = await new Webhooks(this.#rt, trx).get(teamId, webhookId);
      await trx.updateTable('webhooks').set({ active: 0 }).where('id', '=', webhookId).execute();
      const after = { ...withoutSecret(before), active: false };
      await this.#changed(
        trx,
        teamId,
        actor,
        'webhook.deactivated',
        webhookId,
        withoutSecret(before),
        after,
      );
      return after;
    });
  }

  async deliveries(teamId: number, webhookId: number, limit = 100): Promise<DeliveryLogEntry[]> {
    await this.get(teamId, webhookId);
    const rows = await this.#db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('webhook_id', '=', webhookId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      outboxId: r.outbox_id,
      attempt: r.attempt,
      status: r.status,
      error: r.error,
      durationMs: r.duration_ms,
      at: r.at,
    }));
  }

  /**
   * Leases up to `limit` due deliveries to the caller for a minute. On PostgreSQL rows
   * locked by another server process are skipped, so each delivery goes to one worker.
   */
  async claimDue(limit = 50): Promise<DueDelivery[]> {
    return inTransaction(this.#db, async (trx) => {
      const now = this.#rt.now();
      let query = trx
        .selectFrom('outbox as o')
        .innerJoin('webhooks as w', 'w.id', 'o.webhook_id')
        .select(['o.id', 'o.webhook_id', 'o.event', 'o.payload', 'o.attempts', 'w.url', 'w.secret'])
        .where('o.delivered_at', 'is', null)
        .where('o.failed_at', 'is', null)
        .where('o.next_attempt_at', '<=', now)
        .where('w.active', '=', 1)
        .orderBy('o.id')
        .limit(limit);
      if (dialectOf(trx) === 'postgres') query = query.modifyEnd(sql`for update of o skip locked`);
      const rows = await query.execute();
      if (rows.length === 0) return [];
      const leaseEnd = new Date(this.#rt.clock.now().getTime() + LEASE_MS).toISOString();
      await trx
        .updateTable('outbox')
        .set({ next_attempt_at: leaseEnd })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      return rows.map((r) => ({
        outboxId: r.id,
        webhookId: r.webhook_id,
        url: r.url,
        secret: r.secret,
        event: r.event,
        body: r.payload,
        attempt: r.attempts + 1,
      }));
    });
  }

  /** Logs one attempt; a 2xx delivers, anything else retries with backoff until MAX_ATTEMPTS. */
  async recordAttempt(delivery: DueDelivery, attempt: DeliveryAttempt): Promise<void> {
    const ok = attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300;
    const now = this.#rt.clock.now();
    await inTransaction(this.#db, async (trx) => {
      await trx
        .insertInto('webhook_deliveries')
        .values({
          outbox_id: delivery.outboxId,
          webhook_id: delivery.webhookId,
          attempt: delivery.attempt,
          status: attempt.status ?? null,
          error: attempt.error?.slice(0, 1000) ?? null,
          duration_ms: Math.round(attempt.durationMs),
          at: now.toISOString(),
        })
        .execute();
      const retryAt = new Date(now.getTime() + retryDelayMs(delivery.attempt)).toISOString();
      await trx
        .updateTable('outbox')
        .set(
          ok
            ? { attempts: delivery.attempt, delivered_at: now.toISOString() }
            : delivery.attempt >= MAX_ATTEMPTS
              ? { attempts: delivery.attempt, failed_at: now.toISOString() }
              : { attempts: delivery.attempt, next_attempt_at: retryAt },
        )
        .where('id', '=', delivery.outboxId)
        .execute();
    });
  }

  async #changed(
    trx: Kysely<CoreTables>,
    teamId: number,
    actor: string,
    action: string,
    webhookId: number,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await this.#rt.settings.changed(trx, teamId);
    await new Audit(this.#rt, trx).record({
      teamId,
      actor,
      action,
      entity: 'webhook',
      entityId: webhookId,
      before,
      after,
    });
  }
}
