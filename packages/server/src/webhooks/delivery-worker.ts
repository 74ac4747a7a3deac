import type { Core, DueDelivery } from '@guanxi/core';
import type { Logger } from 'pino';
import { Periodic } from '../periodic';
import { sign } from './signature';

export interface DeliveryWorkerOptions {
  readonly core: Core;
  readonly logger: Logger;
  /** How often to look for due deliveries. Default 1 s. */
  readonly intervalMs?: number;
  /** How long a receiver may take to answer. Default 10 s. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/**
 * Sends due webhook deliveries from the outbox, signed, and reports each attempt so failed
 * ones are retried with backoff. Any number of server processes may run one.
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
    const send = this.#options.fetch ?? fetch;
    const timestamp = Math.floor(core.clock.now().getTime() / 1000);
    const started = performance.now();
    let status: number | undefined;
    let error: string | undefined;
    try {
      const response = await send(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Guanxi-Webhooks/1',
          'guanxi-event': delivery.event,
          'guanxi-delivery': String(delivery.outboxId),
          'guanxi-signature': sign(delivery.secret, timestamp, delivery.body),
        },
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000),
      });
      status = response.status;
      await response.body?.cancel();
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
        attempt: delivery.attempt,
        status,
        error,
      },
      'webhook delivery',
    );
  }
}
