import type { Channel, InteractionInput, OrderInput } from '@guanxi/core';
import type { DemoCulture } from './demo-culture';
import type { PlannedCustomer } from './demo-customers';
import type { Draw } from './random';

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 730;
/** A buyer whose last order is older than this may be marked churned. */
export const CHURN_AFTER_DAYS = 300;

export interface SeededCustomer {
  readonly id: number;
  readonly plan: PlannedCustomer;
}

export interface HistoryOptions {
  readonly now: Date;
  readonly culture: DemoCulture;
  readonly medianOrder: { readonly person: number; readonly company: number };
}

/** A customer's orders, oldest first, over the two years before `now`. */
export function ordersOf(
  draw: Draw,
  customer: SeededCustomer,
  options: HistoryOptions,
  nextId: () => string,
): OrderInput[] {
  const { orderCount, input } = customer.plan;
  if (orderCount === 0) return [];
  const [newest, oldest] = activeSpan(draw, orderCount);
  // Frequent buyers also spend more per order: the heavy tail of customer value.
  const scale =
    options.medianOrder[input.kind] * draw.logNormal(1, 0.5) * (1 + 0.06 * (orderCount - 1));
  return Array.from({ length: orderCount }, () => draw.between(newest, oldest))
    .sort((a, b) => b - a)
    .map((daysAgo) => {
      const amount = Math.max(100, Math.round(draw.logNormal(scale, 0.45) / 100) * 100);
      return {
        customerId: customer.id,
        externalId: nextId(),
        amount,
        cost: Math.round(amount * draw.between(0.55, 0.8)),
        placedAt: timeAgo(options.now, daysAgo),
      };
    });
}

/** Days before now of a buyer's newest and oldest order; a quarter of repeat buyers lapsed. */
function activeSpan(draw: Draw, orderCount: number): [number, number] {
  if (orderCount === 1) {
    const day = draw.between(0, HISTORY_DAYS);
    return [day, day];
  }
  const oldest = draw.between(60, HISTORY_DAYS);
  const lapsed = oldest > CHURN_AFTER_DAYS + 30 && draw.chance(0.25);
  return [lapsed ? draw.between(CHURN_AFTER_DAYS, oldest) : draw.between(0, 45), oldest];
}

const CHANNEL_WEIGHTS = {
  email: 30,
  phone: 25,
  chat: 12,
  meeting: 10,
  visit: 8,
  web: 8,
  event: 5,
  call_centre: 2,
} satisfies Partial<Record<Channel, number>>;

/** Notes of contacts either way on various channels; buyers and big buyers get more. */
export function interactionsOf(
  draw: Draw,
  customer: SeededCustomer,
  options: HistoryOptions,
): InteractionInput[] {
  const { orderCount, owner } = customer.plan;
  const count = orderCount === 0 ? draw.int(0, 2) : draw.int(1, 3) + (orderCount > 5 ? 2 : 0);
  return Array.from({ length: count }, () => {
    const direction = draw.chance(0.4) ? 'inbound' : 'outbound';
    return {
      customerId: customer.id,
      channel: draw.weighted(CHANNEL_WEIGHTS),
      direction,
      summary: draw.pick(options.culture.notes[direction]),
      occurredAt: timeAgo(options.now, draw.between(0, HISTORY_DAYS)),
      actor: owner.name,
    };
  });
}

/**
 * Recent complaints, logged as inbound interactions whose summary starts with
 * "Complaint:" until the service plugin can hold them as complaints of its own.
 */
export function complaintOf(
  draw: Draw,
  customer: SeededCustomer,
  options: HistoryOptions,
): InteractionInput {
  return {
    customerId: customer.id,
    channel: draw.weighted({ hotline: 3, email: 3, call_centre: 2, phone: 2 }),
    direction: 'inbound',
    summary: `Complaint: ${draw.pick(options.culture.complaints)}`,
    occurredAt: timeAgo(options.now, draw.between(0, 60)),
    actor: customer.plan.owner.name,
  };
}

export function timeAgo(now: Date, days: number): string {
  return new Date(now.getTime() - Math.round(days * DAY_MS)).toISOString();
}
