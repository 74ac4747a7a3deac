import type { Core, DueDelivery } from '@guanxi/core';
import type { Logger } from 'pino';
import { Periodic } from '../periodic';
import { postOnce, type Resolver, systemResolver } from './post';
import { signatureHeader } from './signature';

export interface DeliveryWorkerOptions {
  readonly core: Core;
  readonly logger: Logger;
  /** How often to look for due deliveries. Default 1 s. */
  readonly intervalMs?: number;
  /** How long a receiver may take to answer. Default 15 s. */
  readonly timeoutMs?: number;
  /** Resolves receivers' host names to every address. Default: the system's resolver. */
  readonly resolve?: Resolver;
}

/**
 * Sends due webhook deliveries from the outbox, signed as Standard Webhooks, and reports each
 * attempt so failed ones are retried with backoff. Only allowed addresses are connected to
 * (see postOnce) and redirects are not followed. Any number of server processes may run one.
 */
export class DeliveryWorker {
  readonly #options: DeliveryWorkerOptions;
  readonly #periodic: Periodic;

  constructor(options: DeliveryWorkerOptions) {
    this.#options = options;
    this.#periodic = new Periodic({
      round: () => this.runOnce(),
      intervalMs: options.intervalMs ?? 1000,
      logger: options.logger,
      failure: 'webhook delivery round failed',
    });
  }

  start(): void {
    this.#periodic.start();
  }

  /** Stops after the round in progress, if any. */
  stop(): Promise<void> {
    return this.#periodic.stop();
  }

  /** Claims the due deliveries and sends them; returns how many were attempted. */
  async runOnce(): Promise<number> {
    const due = await this.#options.core.webhooks.claimDue();
    await Promise.all(due.map((delivery) => this.#deliver(delivery)));
    return due.length;
  }

  async #deliver(delivery: DueDelivery): Promise<void> {
    const { core, logger } = this.#options;
    const timestamp = Math.floor(core.clock.now().getTime() / 1000);
    const { messageId, secrets, body } = delivery;
    const started = performance.now();
    let status: number | undefined;
    let error: string | undefined;
    try {
      const answer = await postOnce(new URL(delivery.url), {
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Guanxi-Webhooks/1',
          'guanxi-event': delivery.event,
          'webhook-id': messageId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signatureHeader(secrets, messageId, timestamp, body),
        },
        body,
        timeoutMs: this.#options.timeoutMs ?? 15_000,
        resolve: this.#options.resolve ?? systemResolver,
        refusal: (protocol, address) => core.webhooks.addressRefusal(protocol, address),
      });
      status = answer.status;
      if (status >= 300 && status < 400) {
        error = `redirect not followed${answer.location === undefined ? '' : ` (to ${answer.location})`}`;
      }
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    const durationMs = performance.now() - started;
    await core.webhooks.recordAttempt(delivery, {
      ...(status === undefined ? {} : { status }),
      ...(error === undefined ? {} : { error }),
      durationMs,
    });
    logger.info(
      {
        webhookId: delivery.webhookId,
        outboxId: delivery.outboxId,
        messageId,
        attempt: delivery.attempt,
        status,
        error,
      },
      'webhook delivery',
    );
  }
}
