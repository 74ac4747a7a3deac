import { type Kysely, type Selectable, sql } from 'kysely';
import { z } from 'zod';
import { Audit } from '../audit/audit';
import type { CoreRuntime } from '../core-runtime';
import { type FieldIssue, GuanxiError, notFound, validationError } from '../errors';
import { dialectOf } from '../storage/columns';
import type { CoreTables, WebhookDisabledReason, WebhooksTable } from '../storage/schema';
import { inTransaction } from '../storage/transaction';
import { requireTeam } from '../teams/teams';
import { parseInput } from '../validation';
import { DISABLE_AFTER_MS, RETRY_FOR_MS, retryDelayMs } from './schedule';
import { newSecret, ROTATION_WINDOW_MS } from './signing';

export type { WebhookDisabledReason };

export interface Webhook {
  readonly id: number;
  readonly teamId: number;
  readonly url: string;
  /** Hook names whose events are sent, e.g. `customer:created`, `tier:changed`. */
  readonly events: readonly string[];
  readonly active: boolean;
  readonly createdAt: string;
  /** Why it is inactive: `deactivated` by an admin, or `failing` for too long; null if active. */
  readonly disabledReason: WebhookDisabledReason | null;
  readonly disabledAt: string | null;
  /** When the first of the failed attempts since the last delivered one was made. */
  readonly failingSince: string | null;
  /** Until when the secret the last rotation replaced still signs; null when none does. */
  readonly previousSecretExpiresAt: string | null;
}

export interface WebhookWithSecret extends Webhook {
  /** Signs every delivery (Standard Webhooks, HMAC-SHA256); the receiver checks it. */
  readonly secret: string;
}

/** One due delivery, leased to the caller until it reports the attempt. */
export interface DueDelivery {
  readonly outboxId: number;
  readonly webhookId: number;
  /** The `webhook-id`: the same on every attempt and resend of the message. */
  readonly messageId: string;
  readonly url: string;
  /** The secrets to sign with: the current one, then the one a rotation replaced, if valid. */
  readonly secrets: readonly string[];
  readonly event: string;
  readonly body: string;
  readonly attempt: number;
  /** When the first attempt was made; null before it. */
  readonly firstAttemptedAt: string | null;
}

export interface DeliveryAttempt {
  readonly status?: number;
  readonly error?: string;
  readonly durationMs: number;
}

export interface DeliveryLogEntry {
  readonly outboxId: number;
  readonly messageId: string;
  readonly attempt: number;
  readonly status: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  readonly at: string;
}

/** A message queued again to a webhook by `resend`. */
export interface ResentDelivery {
  readonly outboxId: number;
  readonly messageId: string;
}

export const webhookInputSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, message: 'must be an http or https URL' }).max(2000),
  events: z.array(z.string().min(1).max(100)).min(1).max(50),
});

export type WebhookInput = z.input<typeof webhookInputSchema>;

const LEASE_MS = 60_000;

const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

function toWebhook(row: Selectable<WebhooksTable>, now: string): WebhookWithSecret {
  const expires = row.previous_secret_expires_at;
  return {
    id: row.id,
    teamId: row.team_id,
    url: row.url,
    events: JSON.parse(row.events),
    active: row.active === 1,
    createdAt: row.created_at,
    disabledReason: row.disabled_reason,
    disabledAt: row.disabled_at,
    failingSince: row.failing_since,
    previousSecretExpiresAt: expires !== null && expires > now ? expires : null,
    secret: row.secret,
  };
}

const withoutSecret = ({ secret: _, ...webhook }: WebhookWithSecret): Webhook => webhook;

/**
 * Per-team webhook subscriptions to events. Events are written to the outbox in the same
 * transaction as the change that caused them, then delivered with retries by a worker.
 * A webhook whose every attempt has failed for DISABLE_AFTER_MS is disabled until re-enabled.
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
    const refusal = this.#rt.webhookTargets.urlRefusal(url);
    const issues: FieldIssue[] = [
      ...(refusal === undefined ? [] : [{ path: 'url', message: refusal }]),
      ...events.flatMap((event, index) =>
        this.#rt.registry.isEventHook(event)
          ? []
          : [{ path: `events.${index}`, message: `no event hook "${event}"` }],
      ),
    ];
    if (issues.length > 0) throw validationError(issues);
    return inTransaction(this.#db, async (trx) => {
      await requireTeam(trx, teamId);
      const now = this.#rt.now();
      const row = await trx
        .insertInto('webhooks')
        .values({
          team_id: teamId,
          url,
          secret: newSecret(),
          events: JSON.stringify([...new Set(events)]),
          active: 1,
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const webhook = toWebhook(row, now);
      await this.#rt.settings.changed(trx, teamId);
      const audited = withoutSecret(webhook);
      await this.#audit(trx, teamId, actor, 'webhook.created', webhook.id, undefined, audited);
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
    const now = this.#rt.now();
    return rows.map((row) => withoutSecret(toWebhook(row, now)));
  }

  async get(teamId: number, webhookId: number): Promise<WebhookWithSecret> {
    const row = await this.#db
      .selectFrom('webhooks')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('id', '=', webhookId)
      .executeTakeFirst();
    if (row === undefined) throw notFound('webhook', 'webhookId', webhookId);
    return toWebhook(row, this.#rt.now());
  }

  /** Stops sending to this webhook; its delivery log stays. */
  async deactivate(teamId: number, webhookId: number, actor: string): Promise<Webhook> {
    return this.#setActive(teamId, webhookId, actor, false);
  }

  /**
   * Sends to a deactivated or disabled webhook again, its failures forgotten: new events reach
   * it, and deliveries still pending resume (at once, if their retry time passed meanwhile).
   */
  async enable(teamId: number, webhookId: number, actor: string): Promise<Webhook> {
    return this.#setActive(teamId, webhookId, actor, true);
  }

  async #setActive(
    teamId: number,
    webhookId: number,
    actor: string,
    active: boolean,
  ): Promise<Webhook> {
    return inTransaction(this.#db, async (trx) => {
      const before = withoutSecret(await new Webhooks(this.#rt, trx).get(teamId, webhookId));
      if (before.active === active && (active || before.disabledReason === 'deactivated')) {
        return before;
      }
      const now = this.#rt.now();
      const change = active
        ? { active: 1, disabled_reason: null, disabled_at: null, failing_since: null }
        : { active: 0, disabled_reason: 'deactivated' as const, disabled_at: now };
      const row = await trx
        .updateTable('webhooks')
        .set(change)
        .where('id', '=', webhookId)
        .returningAll()
        .executeTakeFirstOrThrow();
      const after = withoutSecret(toWebhook(row, now));
      await this.#rt.settings.changed(trx, teamId);
      const action = active ? 'webhook.enabled' : 'webhook.deactivated';
      await this.#audit(trx, teamId, actor, action, webhookId, before, after);
      return after;
    });
  }

  /**
   * Gives the webhook a new secret. The old one keeps signing beside it for
   * ROTATION_WINDOW_MS, so the receiver can switch without missing a delivery; a secret
   * replaced earlier stops signing at once.
   */
  async rotateSecret(teamId: number, webhookId: number, actor: string): Promise<WebhookWithSecret> {
    return inTransaction(this.#db, async (trx) => {
      const before = await new Webhooks(this.#rt, trx).get(teamId, webhookId);
      const now = this.#rt.now();
      const row = await trx
        .updateTable('webhooks')
        .set({
          secret: newSecret(),
          previous_secret: before.secret,
          previous_secret_expires_at: later(now, ROTATION_WINDOW_MS),
        })
        .where('id', '=', webhookId)
        .returningAll()
        .executeTakeFirstOrThrow();
      const after = toWebhook(row, now);
      const [audited, rotated] = [withoutSecret(before), withoutSecret(after)];
      await this.#audit(trx, teamId, actor, 'webhook.secretRotated', webhookId, audited, rotated);
      return after;
    });
  }

  /**
   * Queues a message sent to this webhook again, under the same message id, with attempts
   * of its own; the receiver can tell it from a new event by that id.
   */
  async resend(
    teamId: number,
    webhookId: number,
    outboxId: number,
    actor: string,
  ): Promise<ResentDelivery> {
    return inTransaction(this.#db, async (trx) => {
      const webhook = await new Webhooks(this.#rt, trx).get(teamId, webhookId);
      const message = await trx
        .selectFrom('outbox')
        .select(['team_id', 'webhook_id', 'message_id', 'event', 'payload'])
        .where('id', '=', outboxId)
        .where('webhook_id', '=', webhookId)
        .executeTakeFirst();
      if (message === undefined) throw notFound('delivery', 'outboxId', outboxId);
      if (!webhook.active) {
        throw new GuanxiError('GX_ERR_CONFLICT', `Webhook ${webhookId} is not active`, {
          issues: [{ path: 'webhookId', message: 'the webhook is not active; enable it first' }],
        });
      }
      const now = this.#rt.now();
      const { id } = await trx
        .insertInto('outbox')
        .values({ ...message, created_at: now, next_attempt_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const resent = { outboxId: id, messageId: message.message_id };
      await this.#audit(trx, teamId, actor, 'webhook.resent', webhookId, { outboxId }, resent);
      return resent;
    });
  }

  async deliveries(teamId: number, webhookId: number, limit = 100): Promise<DeliveryLogEntry[]> {
    await this.get(teamId, webhookId);
    const rows = await this.#db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('outbox as o', 'o.id', 'd.outbox_id')
      .select([
        'd.outbox_id',
        'o.message_id',
        'd.attempt',
        'd.status',
        'd.error',
        'd.duration_ms',
        'd.at',
      ])
      .where('d.webhook_id', '=', webhookId)
      .orderBy('d.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      outboxId: r.outbox_id,
      messageId: r.message_id,
      attempt: r.attempt,
      status: r.status,
      error: r.error,
      durationMs: r.duration_ms,
      at: r.at,
    }));
  }

  /** Why a delivery over `protocol` may not connect to `address`; see WebhookTargets. */
  addressRefusal(protocol: string, address: string): string | undefined {
    return this.#rt.webhookTargets.addressRefusal(protocol, address);
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
        .select([
          'o.id',
          'o.webhook_id',
          'o.message_id',
          'o.event',
          'o.payload',
          'o.attempts',
          'o.first_attempted_at',
          'w.url',
          'w.secret',
          'w.previous_secret',
          'w.previous_secret_expires_at',
        ])
        .where('o.delivered_at', 'is', null)
        .where('o.failed_at', 'is', null)
        .where('o.next_attempt_at', '<=', now)
        .where('w.active', '=', 1)
        .orderBy('o.id')
        .limit(limit);
      if (dialectOf(trx) === 'postgres') query = query.modifyEnd(sql`for update of o skip locked`);
      const rows = await query.execute();
      if (rows.length === 0) return [];
      await trx
        .updateTable('outbox')
        .set({ next_attempt_at: later(now, LEASE_MS) })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      return rows.map((r) => ({
        outboxId: r.id,
        webhookId: r.webhook_id,
        messageId: r.message_id,
        url: r.url,
        secrets:
          r.previous_secret !== null && (r.previous_secret_expires_at ?? '') > now
            ? [r.secret, r.previous_secret]
            : [r.secret],
        event: r.event,
        body: r.payload,
        attempt: r.attempts + 1,
        firstAttemptedAt: r.first_attempted_at,
      }));
    });
  }

  /**
   * Logs one attempt. A 2xx delivers; anything else is retried after a jittered delay (see
   * retryDelayMs) until RETRY_FOR_MS after the first attempt, then given up. A failure also
   * disables the webhook once every attempt to it has failed for DISABLE_AFTER_MS.
   */
  async recordAttempt(delivery: DueDelivery, attempt: DeliveryAttempt): Promise<void> {
    const ok = attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300;
    const now = this.#rt.now();
    const first = delivery.firstAttemptedAt ?? now;
    const done = { attempts: delivery.attempt, first_attempted_at: first };
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
          at: now,
        })
        .execute();
      const delay = retryDelayMs(delivery.attempt, this.#rt.random);
      await trx
        .updateTable('outbox')
        .set(
          ok
            ? { ...done, delivered_at: now }
            : Date.parse(now) - Date.parse(first) >= RETRY_FOR_MS
              ? { ...done, failed_at: now }
              : { ...done, next_attempt_at: later(now, delay) },
        )
        .where('id', '=', delivery.outboxId)
        .execute();
      if (ok) {
        await trx
          .updateTable('webhooks')
          .set({ failing_since: null })
          .where('id', '=', delivery.webhookId)
          .where('failing_since', 'is not', null)
          .execute();
      } else {
        await this.#failed(trx, delivery.webhookId, now);
      }
    });
  }

  /** Notes a failed attempt; disables the webhook if every attempt failed for too long. */
  async #failed(trx: Kysely<CoreTables>, webhookId: number, now: string): Promise<void> {
    const row = await trx
      .updateTable('webhooks')
      .set({ failing_since: sql<string>`coalesce(failing_since, ${now})` })
      .where('id', '=', webhookId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const failingFor = Date.parse(now) - Date.parse(row.failing_since ?? now);
    if (row.active !== 1 || failingFor < DISABLE_AFTER_MS) return;
    const before = withoutSecret(toWebhook(row, now));
    const disabled = await trx
      .updateTable('webhooks')
      .set({ active: 0, disabled_reason: 'failing', disabled_at: now })
      .where('id', '=', webhookId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = withoutSecret(toWebhook(disabled, now));
    await this.#rt.settings.changed(trx, row.team_id);
    await this.#audit(trx, row.team_id, 'system', 'webhook.disabled', webhookId, before, after);
    this.#rt.logger.warn(
      { teamId: row.team_id, webhookId, failingSince: row.failing_since },
      'webhook disabled: every delivery attempt failed for too long',
    );
  }

  /** Audits a change; callers leave the secrets out. */
  async #audit(
    trx: Kysely<CoreTables>,
    teamId: number,
    actor: string,
    action: string,
    webhookId: number,
    before: unknown,
    after: unknown,
  ): Promise<void> {
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
