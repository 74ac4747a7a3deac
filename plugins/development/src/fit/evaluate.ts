import type { CustomerFacts } from '@guanxi/core';
import { TIERS, type Tier } from '@guanxi/plugin-tiering';
import { type AttributeValues, sizeIndex } from '../attributes';
import { type DevelopmentConfig, FIT_PARTS, type FitPart } from '../config';
import type { Growth } from './growth';
import type { Profile } from './profile';
import type { GoodCustomerSignals } from './readers';

/** What a part without data counts as: neither for nor against. */
const NEUTRAL = 0.5;
const YEAR_MS = 365 * 86_400_000;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const mean = (xs: readonly number[]) =>
  xs.length === 0 ? undefined : xs.reduce((a, b) => a + b, 0) / xs.length;

/** One dimension of the positioning: its attribute and the customer's value. */
export interface PositioningCheck {
  readonly dimension: 'industry' | 'size' | 'region';
  readonly value: string;
  readonly fits: boolean;
}

/** What each part measured, for its reason. */
export type PartDetail =
  | { readonly part: 'positioning'; readonly checks: readonly PositioningCheck[] }
  | {
      readonly part: 'goodCustomer';
      readonly ordersPerYear: number;
      readonly margin: number | undefined;
      /** Tiering's tier and scoring's P(alive), where those plugins are on. */
      readonly tier: GoodCustomerSignals['tier'];
      readonly pAlive: number | undefined;
    }
  | {
      readonly part: 'potential';
      readonly growth: number | undefined;
      readonly size: string | undefined;
    }
  | { readonly part: 'match'; readonly size: string; readonly own: string }
  | {
      readonly part: 'resemblance';
      readonly attribute: string;
      readonly value: string;
      /** Share of the top customers holding the value. */
      readonly share: number;
    };

export interface PartResult {
  readonly part: FitPart;
  readonly weight: number;
  /** 0 (against) to 1 (for). */
  readonly value: number;
  readonly detail: PartDetail;
}

export interface FitEvaluation {
  /** 0–100, one decimal. */
  readonly score: number;
  /** The parts with data, strongest effect on the score first. */
  readonly parts: readonly PartResult[];
}

export interface FitInput {
  readonly values: AttributeValues;
  readonly facts: CustomerFacts;
  readonly growth: Growth | undefined;
  readonly profile: Profile;
  /** What other plugins say of the customer as a good customer. */
  readonly signals: GoodCustomerSignals;
  readonly now: Date;
}

type Measure = Omit<PartResult, 'part' | 'weight'>;

function positioning(input: FitInput, config: DevelopmentConfig): Measure | undefined {
  const { attributes } = config;
  const { positioning: target, sizes } = config.fit;
  const checks: PositioningCheck[] = [];
  const judge = (
    dimension: PositioningCheck['dimension'],
    value: string | undefined,
    list: readonly string[],
  ) => {
    if (value === undefined || list.length === 0) return;
    const key = value.toLowerCase();
    checks.push({ dimension, value, fits: list.some((item) => item.toLowerCase() === key) });
  };
  judge('industry', input.values.get(attributes.industry), target.industries);
  const size = sizeIndex(input.values.get(attributes.size), sizes);
  judge('size', size === undefined ? undefined : sizes[size]?.id, target.sizes);
  judge('region', input.values.get(attributes.region), target.regions);
  const value = mean(checks.map((check) => (check.fits ? 1 : 0)));
  return value === undefined ? undefined : { value, detail: { part: 'positioning', checks } };
}

/** A tier's place in the pyramid: 1 at the top, 0 at the bottom. */
function tierValue(tier: Tier): number {
  return 1 - TIERS.indexOf(tier) / (TIERS.length - 1);
}

function goodCustomer(input: FitInput, config: DevelopmentConfig): Measure | undefined {
  const { facts, now, signals } = input;
  if (facts.orderCount === 0 || facts.firstOrderAt === null) return undefined;
  const { goodMargin, ordersPerYear: target } = config.fit.goodCustomer;
  // A customer younger than a year is measured over a whole year.
  const years = Math.max(1, (now.getTime() - Date.parse(facts.firstOrderAt)) / YEAR_MS);
  const ordersPerYear = facts.orderCount / years;
  const margin = facts.revenue > 0 ? facts.margin / facts.revenue : undefined;
  const value = mean([
    clamp01(ordersPerYear / target),
    ...(margin === undefined ? [] : [clamp01(margin / goodMargin)]),
    ...(signals.tier === undefined ? [] : [tierValue(signals.tier)]),
    ...(signals.pAlive === undefined ? [] : [signals.pAlive]),
  ]) as number;
  return {
    value,
    detail: {
      part: 'goodCustomer',
      ordersPerYear,
      margin,
      tier: signals.tier,
      pAlive: signals.pAlive,
    },
  };
}

function potential(input: FitInput, config: DevelopmentConfig): Measure | undefined {
  const { sizes } = config.fit;
  const { growth } = input;
  const total = growth === undefined ? 0 : growth.recent + growth.prior;
  // −1 when orders stopped, 0 when flat, 1 when they are all new.
  const change =
    growth === undefined || total === 0
      ? undefined
      : (growth.recent - growth.prior) / Math.max(growth.recent, growth.prior);
  const size = sizeIndex(input.values.get(config.attributes.size), sizes);
  const value = mean([
    ...(change === undefined ? [] : [(1 + change) / 2]),
    ...(size === undefined ? [] : [size / (sizes.length - 1)]),
  ]);
  if (value === undefined) return undefined;
  return {
    value,
    detail: {
      part: 'potential',
      growth:
        growth === undefined || growth.prior === 0 ? undefined : growth.recent / growth.prior - 1,
      size: size === undefined ? undefined : sizes[size]?.id,
    },
  };
}

function match(input: FitInput, config: DevelopmentConfig): Measure | undefined {
  const { sizes, ownSize } = config.fit;
  const size = sizeIndex(input.values.get(config.attributes.size), sizes);
  const own = sizes.findIndex((band) => band.id === ownSize);
  if (size === undefined || own < 0) return undefined;
  return {
    // Each band apart halves the match; two or more apart is no match.
    value: Math.max(0, 1 - Math.abs(size - own) / 2),
    detail: { part: 'match', size: sizes[size]?.id ?? '', own: ownSize },
  };
}

function resemblance(input: FitInput, config: DevelopmentConfig): Measure | undefined {
  const found = config.fit.resemblance.attributes.flatMap((attribute) => {
    const value = input.values.get(attribute);
    const spread = input.profile.get(attribute);
    if (value === undefined || spread === undefined || spread.top === 0) return [];
    const held = spread.counts.get(profileValue(attribute, value, config)) ?? 0;
    const most = Math.max(...spread.counts.values());
    return [{ attribute, value, share: held / spread.top, likeness: most === 0 ? 0 : held / most }];
  });
  const value = mean(found.map((f) => f.likeness));
  if (value === undefined) return undefined;
  const telling = [...found].sort((a, b) => b.share - a.share)[
    value >= NEUTRAL ? 0 : found.length - 1
  ];
  if (telling === undefined) return undefined;
  return {
    value,
    detail: {
      part: 'resemblance',
      attribute: telling.attribute,
      value: telling.value,
      share: telling.share,
    },
  };
}

/** How a value is compared with the profile: sizes by band, the rest by lower-case text. */
export function profileValue(attribute: string, value: string, config: DevelopmentConfig): string {
  if (attribute === config.attributes.size) {
    const size = sizeIndex(value, config.fit.sizes);
    if (size !== undefined) return config.fit.sizes[size]?.id ?? value.toLowerCase();
  }
  return value.trim().toLowerCase();
}

const MEASURES: Readonly<
  Record<FitPart, (input: FitInput, config: DevelopmentConfig) => Measure | undefined>
> = { positioning, goodCustomer, potential, match, resemblance };

/**
 * The fit of a customer as a target, from the five guides: the weighted mean of the parts'
 * values, 0–100. A part without data counts as neutral (0.5), so missing data neither helps
 * nor hurts.
 */
export function evaluateFit(input: FitInput, config: DevelopmentConfig): FitEvaluation {
  const parts: PartResult[] = [];
  let total = 0;
  let weights = 0;
  for (const part of FIT_PARTS) {
    const weight = config.fit.weights[part];
    const measured = MEASURES[part](input, config);
    weights += weight;
    total += weight * (measured?.value ?? NEUTRAL);
    if (measured !== undefined && weight > 0) parts.push({ part, weight, ...measured });
  }
  const effect = (p: PartResult) => p.weight * (p.value - NEUTRAL);
  return {
    score: Math.round((1000 * total) / weights) / 10,
    parts: parts.sort((a, b) => effect(b) - effect(a)),
  };
}
