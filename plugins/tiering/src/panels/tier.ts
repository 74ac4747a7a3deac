import { type Customer, dayOf, type Locale, type Panel, type PanelDefinition } from '@guanxi/core';
import { z } from 'zod';
import type { TieringConfig } from '../config';
import { formatValue } from '../format';
import {
  BOUNDARY_LABELS,
  LADDER_LABELS,
  measureLabel,
  PHRASES,
  STRATEGY_LABELS,
  TIER_LABELS,
} from '../labels';
import { ladderCutoffs, ladderLevel } from '../ladder';
import { nextBestAction, strategyOf, UPGRADE } from '../policy';
import { type RankKey, rankedTier, type Thresholds, thresholdValue } from '../pyramid';
import { rankOf } from '../rank';
import { tieringDb } from '../store';
import { LADDER, type LadderLevel, STRATEGIES, type Strategy, TIERS, type Tier } from '../tiers';
import { currentThresholds, factValue } from '../values';

/** The customer's tier on the card, with the reason in the caller's language. */
export interface TierSlot {
  readonly value: Tier;
  readonly label: string;
  readonly why: string;
  /** Rank among the team's customers by the measure; null before the first recompute. */
  readonly rank: number | null;
  /** N of the last recompute; null before the first one. */
  readonly of: number | null;
  /** Null for a churned customer: what to do about one is win-back's to say. */
  readonly strategy: Strategy | null;
  /** A recent order's placement is queued: tier, value and rank are from before it. */
  readonly pending: boolean;
}

export interface LadderSlot {
  readonly value: LadderLevel;
  readonly label: string;
}

declare module '@guanxi/core' {
  interface CardSlots {
    tier?: TierSlot;
    ladder?: LadderSlot;
  }
}

const tierSlotSchema: z.ZodType<TierSlot> = z
  .strictObject({
    value: z.enum(TIERS),
    label: z.string(),
    why: z.string(),
    rank: z.number().int().nullable().meta({ description: 'Null before the first recompute' }),
    of: z.number().int().nullable(),
    strategy: z
      .enum(STRATEGIES)
      .nullable()
      .meta({ description: 'Null for a churned customer: win-back’s policy says what to do' }),
    pending: z.boolean().meta({
      description: "A recent order's placement is queued: tier, value and rank are from before it",
    }),
  })
  .meta({ id: 'TierSlot', description: 'The customer’s tier in the pyramid, and why' });

const ladderSlotSchema: z.ZodType<LadderSlot> = z
  .strictObject({ value: z.enum(LADDER), label: z.string() })
  .meta({ id: 'LadderSlot', description: 'The customer’s step on the loyalty ladder' });

interface Standing {
  readonly thresholds: Thresholds;
  readonly rank: number;
}

/**
 * The "why this tier" line: the rank by the measure and the boundary that decides this tier
 * (its lower edge; for small, the edge of normal above it), and whether hysteresis holds it.
 */
function why(
  tier: Tier,
  key: RankKey,
  standing: Standing | undefined,
  measure: string,
  money: (value: number) => string,
  locale: Locale,
): string {
  const phrases = PHRASES[locale];
  if (standing === undefined) return phrases.notRanked(measure);
  const { thresholds, rank } = standing;
  const parts = [
    phrases.ranked(
      rank.toLocaleString(locale),
      thresholds.customers.toLocaleString(locale),
      measure,
    ),
  ];
  const boundary = tier === 'small' ? 'normal' : tier;
  const threshold = thresholdValue(thresholds, boundary);
  if (threshold !== null) {
    parts.push(phrases.boundary(BOUNDARY_LABELS[boundary][locale], money(threshold)));
  }
  if (rankedTier(key, thresholds) !== tier) parts.push(phrases.held);
  return parts.join(phrases.separator);
}

/** A non-customer's panel: not in the pyramid, and a risk to refuse or end. */
function notRanked(customer: Customer, locale: Locale): Panel {
  const phrases = PHRASES[locale];
  const action = nextBestAction('small', 'risk', customer, locale);
  return {
    title: phrases.title,
    items: [
      { label: phrases.tier, value: phrases.notCustomer },
      { label: phrases.strategy, value: STRATEGY_LABELS.risk[locale] },
    ],
    actions: [],
    ...(action === undefined ? {} : { nextBestAction: action }),
  };
}

/** The strategy line: the strategy and the next step up, or win-back's say for a churned customer. */
function strategyText(strategy: Strategy | null, locale: Locale): string {
  const phrases = PHRASES[locale];
  if (strategy === null) return phrases.churned;
  const next = UPGRADE[strategy];
  return next === null
    ? STRATEGY_LABELS[strategy][locale]
    : phrases.upgrade(STRATEGY_LABELS[strategy][locale], STRATEGY_LABELS[next][locale]);
}

/**
 * The card's tier panel: tier, loyalty ladder, value and rank, why this tier, the last tier
 * change, the relationship strategy, and the next best action from the tier's policy. A
 * non-customer is not ranked (see values.ts).
 */
export const tierPanel: PanelDefinition<TieringConfig> = {
  slots: { tier: tierSlotSchema, ladder: ladderSlotSchema },
  id: 'tier',
  async render({ customer, facts, locale }, ctx) {
    if (customer.stage === 'non_customer') return notRanked(customer, locale);
    const db = tieringDb(ctx);
    const phrases = PHRASES[locale];
    const [row, thresholds, team, queued] = await Promise.all([
      db
        .selectFrom('tiering_values')
        .select(['value', 'tier', 'previous_tier', 'tier_since'])
        .where('team_id', '=', ctx.teamId)
        .where('customer_id', '=', customer.id)
        .executeTakeFirst(),
      currentThresholds(ctx),
      ctx.core.teams.get(ctx.teamId),
      ctx.pending([customer.id]),
    ]);
    const pending = queued.has(customer.id);
    const tier = row?.tier ?? 'small';
    const key = {
      value: row?.value ?? factValue(ctx.config.measure, facts) ?? 0,
      customerId: customer.id,
    };
    const standing =
      thresholds === undefined || row === undefined
        ? undefined
        : { thresholds, rank: await rankOf(db, ctx.teamId, key) };
    const money = (v: number) => formatValue(v, ctx.config.measure, team.currency, locale);
    const measure = measureLabel(ctx.config.measure)[locale];
    const reason = why(tier, key, standing, measure, money, locale);
    const ladder = ladderLevel(
      facts,
      ladderCutoffs(ctx.clock.now(), ctx.config.ladder, ctx.timeZone),
    );
    const strategy = strategyOf(tier, customer, facts);
    const action = nextBestAction(tier, strategy, customer, locale);
    const items = [
      { label: phrases.tier, value: TIER_LABELS[tier][locale] },
      { label: phrases.ladder, value: LADDER_LABELS[ladder][locale] },
      { label: phrases.value, value: `${money(key.value)} (${measure})` },
      {
        label: phrases.rank,
        value:
          standing === undefined
            ? phrases.none
            : phrases.rankOf(
                standing.rank.toLocaleString(locale),
                standing.thresholds.customers.toLocaleString(locale),
              ),
      },
      { label: phrases.why, value: reason },
    ];
    if (row !== undefined && row.previous_tier !== null) {
      items.push({
        label: phrases.changed,
        value: phrases.changedFrom(
          dayOf(row.tier_since, ctx.timeZone),
          TIER_LABELS[row.previous_tier][locale],
        ),
      });
    }
    items.push({ label: phrases.strategy, value: strategyText(strategy, locale) });
    if (pending) items.push({ label: phrases.pending, value: phrases.pendingValue });
    return {
      title: phrases.title,
      items,
      actions: [],
      slots: {
        tier: {
          value: tier,
          label: TIER_LABELS[tier][locale],
          why: reason,
          rank: standing?.rank ?? null,
          of: standing?.thresholds.customers ?? null,
          strategy,
          pending,
        },
        ladder: { value: ladder, label: LADDER_LABELS[ladder][locale] },
      },
      ...(action === undefined ? {} : { nextBestAction: action }),
    };
  },
};
