/** The four gauges of relationship quality (DOMAIN §9). */
export const GAUGES = ['trust', 'satisfaction', 'commitment', 'friendship'] as const;
export type Gauge = (typeof GAUGES)[number];

export type SurveyKind = 'csat' | 'nps';

export interface Survey {
  readonly id: number;
  readonly customerId: number;
  readonly kind: SurveyKind;
  /** CSAT 1–5, NPS 0–10. */
  readonly score: number;
  /** Relationship-quality items, each 1–5; absent ones are null. */
  readonly items: Readonly<Record<Gauge, number | null>>;
  /** Whether the customer asked for the company by name when buying; null when not asked. */
  readonly byName: boolean | null;
  /** How much of the customer's need was met, 0–100 %; null when not asked. */
  readonly needsMet: number | null;
  /** The share of the customer's spending on such products that comes to the team, 0–100 %. */
  readonly walletShare: number | null;
  readonly answeredAt: string;
  readonly recordedBy: string;
}
