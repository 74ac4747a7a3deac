import { formatMoney, type Locale, type NextBestAction, type PanelDefinition } from '@guanxi/core';
import { z } from 'zod';
import type { ScoringConfig } from '../config';
import type { ScoreRecord } from '../events';
import { RFM_SEGMENTS, type RfmSegment, rfmSegment, SEGMENT_LABELS } from '../rfm';
import { type ScoringDb, scoresOf } from '../store';

export interface RfmSlot {
  readonly r: number;
  readonly f: number;
  readonly m: number;
  readonly segment: RfmSegment;
  readonly label: string;
}

/** The scores on the card: RFM, P(alive), CLV and every other scorer, each with its why. */
export interface ScoresSlot {
  readonly rfm: RfmSlot | null;
  /** Null before the first fit, and where the team's model cannot tell (see `pAliveUndefined`). */
  readonly pAlive: number | null;
  /** The customer has model scores but no P(alive): BG/NBD cannot tell for a one-time buyer. */
  readonly pAliveUndefined: boolean;
  readonly clv: number | null;
  readonly all: readonly ScoreRecord[];
  /** A recent order's re-score is queued: the scores shown are from before it. */
  readonly pending: boolean;
}

declare module '@guanxi/core' {
  interface CardSlots {
    scores?: ScoresSlot;
  }
}

const scoresSlotSchema: z.ZodType<ScoresSlot> = z
  .strictObject({
    rfm: z
      .strictObject({
        r: z.number().int(),
        f: z.number().int(),
        m: z.number().int(),
        segment: z.enum(RFM_SEGMENTS),
        label: z.string(),
      })
      .nullable(),
    pAlive: z.number().nullable(),
    pAliveUndefined: z.boolean().meta({
      description:
        'The customer has model scores but no P(alive): BG/NBD cannot tell for a one-time buyer',
    }),
    clv: z.number().nullable(),
    all: z.array(
      z.strictObject({
        customerId: z.number().int(),
        scorer: z.string().meta({ description: '`<plugin>/<scorer>`' }),
        version: z.string(),
        value: z.number(),
        reasons: z.array(z.string()),
        scoredAt: z.string(),
      }),
    ),
    pending: z.boolean().meta({
      description: "A recent order's re-score is queued: the scores shown are from before it",
    }),
  })
  .meta({ id: 'ScoresSlot', description: 'RFM, P(alive), CLV and every other score' });

const TEXT = {
  en: {
    title: 'Scores',
    rfm: 'RFM segment',
    pAlive: 'Still buying (P(alive))',
    pAliveUndefined: 'Not estimated: BG/NBD cannot tell for a customer who bought only once',
    clv: 'Customer lifetime value',
    reachOut: 'Reach out before they lapse',
    winBack: 'Call them personally to win them back',
    pending: 'Being updated',
    pendingValue: 'the latest order is not yet in these scores',
  },
  'zh-CN': {
    title: '客户评分',
    rfm: 'RFM 分群',
    pAlive: '仍在购买的概率',
    pAliveUndefined: '未估计：BG/NBD 模型无法判断只购买过一次的客户',
    clv: '客户终身价值',
    reachOut: '在客户流失前主动联系',
    winBack: '亲自致电，挽回客户',
    pending: '更新中',
    pendingValue: '最新订单尚未计入这些评分',
  },
} as const satisfies Record<Locale, Record<string, string>>;

function rfmOf(score: ScoreRecord | undefined, locale: Locale): RfmSlot | null {
  if (score === undefined) return null;
  const [r, f, m] = String(Math.round(score.value)).split('').map(Number) as [
    number,
    number,
    number,
  ];
  const segment = rfmSegment(r, f, m);
  return { r, f, m, segment, label: SEGMENT_LABELS[segment][locale] };
}

function nextBestAction(
  slot: ScoresSlot,
  config: ScoringConfig,
  locale: Locale,
): NextBestAction | undefined {
  const text = TEXT[locale];
  if (slot.rfm?.segment === 'cant_lose_them' || slot.rfm?.segment === 'at_risk') {
    return { label: text.winBack, reason: slot.rfm.label, priority: 45 };
  }
  if (slot.pAlive !== null && slot.pAlive < config.atRiskBelow) {
    return {
      label: text.reachOut,
      reason: `P(alive) ${Math.round(slot.pAlive * 100)}%`,
      priority: 40,
    };
  }
  return undefined;
}

export const scoresPanel: PanelDefinition<ScoringConfig> = {
  slots: { scores: scoresSlotSchema },
  id: 'scores',
  async render({ customer, locale }, ctx) {
    const all = await scoresOf(ctx.db as ScoringDb, customer.id);
    const pending = (await ctx.pending([customer.id])).has(customer.id);
    if (all.length === 0 && !pending) return null;
    const byKey = new Map(all.map((s) => [s.scorer, s]));
    const pAlive = byKey.get('scoring/p-alive')?.value ?? null;
    const clv = byKey.get('scoring/clv')?.value ?? null;
    const slot: ScoresSlot = {
      rfm: rfmOf(byKey.get('scoring/rfm'), locale),
      pAlive,
      // Both come from the same fit: CLV without P(alive) means the model declined to say.
      pAliveUndefined: pAlive === null && clv !== null,
      clv,
      all,
      pending,
    };
    const text = TEXT[locale];
    const { currency } = await ctx.core.teams.get(ctx.teamId);
    const items = [
      ...(pending ? [{ label: text.pending, value: text.pendingValue }] : []),
      ...(slot.rfm === null
        ? []
        : [
            {
              label: text.rfm,
              value: `${slot.rfm.label} (R${slot.rfm.r} F${slot.rfm.f} M${slot.rfm.m})`,
            },
          ]),
      ...(slot.pAlive === null
        ? []
        : [{ label: text.pAlive, value: `${Math.round(slot.pAlive * 100)}%` }]),
      ...(slot.pAliveUndefined ? [{ label: text.pAlive, value: text.pAliveUndefined }] : []),
      ...(slot.clv === null
        ? []
        : [{ label: text.clv, value: formatMoney(slot.clv, currency, locale) }]),
      ...all
        .filter((s) => !s.scorer.startsWith('scoring/'))
        .map((s) => ({
          label: s.scorer,
          value: `${Math.round(s.value * 100) / 100} · ${s.reasons.join('; ')}`,
        })),
    ];
    return {
      title: text.title,
      items,
      actions: [],
      slots: { scores: slot },
      nextBestAction: nextBestAction(slot, ctx.config, locale),
    };
  },
};
