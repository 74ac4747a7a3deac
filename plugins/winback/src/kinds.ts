/** Churn kinds (DOMAIN §8): active churn, then passive churn. */
export const CHURN_KINDS = [
  'natural',
  'competitive',
  'fault',
  'non_malicious',
  'retaliatory',
  'malicious',
] as const;
export type ChurnKind = (typeof CHURN_KINDS)[number];

/** What a rep can report about a customer before or after they leave. */
export const SIGNAL_KINDS = ['payment_failure', 'rival_offer', 'moved', 'fraud'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** Where a churn's kind came from; `rep` once someone corrected it. */
export type KindSource = 'signal' | 'complaint' | 'reason' | 'default' | 'rep';

export const KIND_OF_SIGNAL: Readonly<Record<SignalKind, ChurnKind>> = {
  payment_failure: 'non_malicious',
  rival_offer: 'competitive',
  moved: 'natural',
  fraud: 'malicious',
};

/** Words in a rep's reason that name a kind, checked in this order ("non-malicious" first). */
const REASON_WORDS: readonly (readonly [ChurnKind, RegExp])[] = [
  ['non_malicious', /non[-_ ]?malicious|forgot|renew|payment|忘记|续费|续约/i],
  ['malicious', /malicious|fraud|bad credit|欺诈|恶意|信用/i],
  ['retaliatory', /retaliat|complain|angry|投诉|报复|不满/i],
  ['competitive', /competit|rival|cheaper|竞争|对手/i],
  ['fault', /fault|mistake|our error|失误|过失|差错/i],
  ['natural', /natural|moved|relocat|closed|搬迁|倒闭|自然/i],
];

/** The kind a free-text churn reason names, if any. */
export function kindInReason(reason: string): ChurnKind | undefined {
  return REASON_WORDS.find(([, words]) => words.test(reason))?.[0];
}

export interface KindEvidence {
  /** Signals recorded since the customer's previous churn, newest first. */
  readonly signals: readonly SignalKind[];
  /** Whether a complaint opened before the churn was still unresolved at the churn. */
  readonly openComplaint: boolean;
  /** The reason a person gave for the churn; null when detection or an order moved them. */
  readonly repReason: string | null;
}

/**
 * A churn's kind, by precedence: a fraud signal (malicious: never retained) over an
 * unresolved complaint (retaliatory) over the newest other signal over a kind the rep's
 * reason names; otherwise natural.
 */
export function deriveKind(evidence: KindEvidence): { kind: ChurnKind; source: KindSource } {
  if (evidence.signals.includes('fraud')) return { kind: 'malicious', source: 'signal' };
  if (evidence.openComplaint) return { kind: 'retaliatory', source: 'complaint' };
  const [newest] = evidence.signals;
  if (newest !== undefined) return { kind: KIND_OF_SIGNAL[newest], source: 'signal' };
  const named = evidence.repReason === null ? undefined : kindInReason(evidence.repReason);
  if (named !== undefined) return { kind: named, source: 'reason' };
  return { kind: 'natural', source: 'default' };
}
