/** What a complaint is about (DOMAIN §5). */
export const CAUSES = ['product_quality', 'service_attitude', 'deception', 'other'] as const;
export type Cause = (typeof CAUSES)[number];

/**
 * The four steps of DOMAIN §5 and the end: the customer is heard (`received`), the key points
 * are recorded and judged, a remedy is proposed and, once accepted, carried out, and the
 * customer is followed up before the complaint is closed.
 */
export const STEPS = [
  'received',
  'recorded',
  'remedy_proposed',
  'remedy_accepted',
  'followed_up',
  'closed',
] as const;
export type Step = (typeof STEPS)[number];

/** The tiers of the tiering plugin, each with its own response time. */
export const TIERS = ['important', 'secondary', 'normal', 'small'] as const;
export type Tier = (typeof TIERS)[number];

/** Key customers (DOMAIN §4): their complaints are handled first. */
export function isKey(tier: Tier): boolean {
  return tier === 'important' || tier === 'secondary';
}

export interface ComplaintStep {
  readonly from: Step | null;
  readonly to: Step;
  readonly actor: string;
  readonly note: string | null;
  readonly at: string;
}

export interface Complaint {
  readonly id: number;
  readonly customerId: number;
  readonly cause: Cause;
  readonly summary: string;
  readonly channel: string;
  readonly step: Step;
  /** Whether the complaint was judged valid; null until it is recorded. */
  readonly valid: boolean | null;
  readonly remedy: string | null;
  /** The customer's tier when the complaint was opened; it sets the response time. */
  readonly tier: Tier;
  /** Who took the complaint. */
  readonly recordedBy: string;
  readonly openedAt: string;
  /** When the complaint reached its current step. */
  readonly steppedAt: string;
  /** When the next step is due; null once closed. */
  readonly dueAt: string | null;
  readonly closedAt: string | null;
  /** Why it was closed: the note of the closing step. */
  readonly closeReason: string | null;
  readonly steps: readonly ComplaintStep[];
}
