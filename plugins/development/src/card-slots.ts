import { z } from 'zod';

/** The customer-development fields of the card, in the caller's language. */
export interface DevelopmentSlot {
  readonly source: {
    readonly status: 'recorded' | 'refused';
    /** A built-in kind or one of the team's own; null when refused. */
    readonly kind: string | null;
    readonly label: string;
    /** Why the source given at creation was refused. */
    readonly issue: string | null;
    readonly referrer: { readonly id: number; readonly name: string } | null;
    readonly agent: string | null;
    readonly competitor: string | null;
  } | null;
  /** Customers this one referred. */
  readonly referrals: number;
  /** Referrals at or above the team's threshold. */
  readonly centreOfInfluence: boolean;
  readonly fit: { readonly score: number; readonly reasons: readonly string[] };
  /** The open opportunity closing first. */
  readonly opportunity: {
    readonly id: number;
    readonly title: string | null;
    readonly stage: string;
    readonly stageLabel: string;
    readonly probability: number;
    /** Minor units of `currency`. */
    readonly amount: number;
    readonly currency: string;
    readonly closeDay: string;
    /** The three points of persuasion: done or not, with their labels. */
    readonly checklist: readonly {
      readonly point: string;
      readonly label: string;
      readonly done: boolean;
    }[];
    /** The Franklin balance, for the rep writing to the customer. */
    readonly balance: { readonly benefits: readonly string[]; readonly losses: readonly string[] };
    /** Open opportunities the customer has in all. */
    readonly open: number;
  } | null;
  readonly customerType: {
    readonly type: string;
    readonly label: string;
    readonly strategy: string;
  } | null;
  /** Buying signals seen since the open opportunity was opened, newest first. */
  readonly signals: readonly {
    readonly signal: string;
    readonly label: string;
    readonly interactionId: number;
    readonly occurredAt: string;
  }[];
  readonly relationship: {
    /** `stranger`, `awareness`, `interest` or `emotion`. */
    readonly step: string;
    readonly label: string;
    /** `stranger`, `familiar` or `relationship`. */
    readonly standing: string;
    readonly standingLabel: string;
    readonly suggestion: {
      readonly to: string;
      readonly label: string;
      readonly reason: string;
    } | null;
  };
  /** Pains (1–3) the library lists for the customer's role and industry. */
  readonly pains: readonly string[];
  /** The reference case that best matches the customer's industry and role. */
  readonly matchingCase: {
    readonly id: number;
    readonly role: string;
    readonly industry: string;
    readonly keyIssue: string;
    readonly provided: string;
    readonly result: string;
  } | null;
}

declare module '@guanxi/core' {
  interface CardSlots {
    development?: DevelopmentSlot;
  }
}

const id = z.number().int().positive();
const text = z.string();

/** The slot as the API document describes it: the same fields, checked in tests. */
export const developmentSlotSchema: z.ZodType<DevelopmentSlot> = z
  .strictObject({
    source: z
      .strictObject({
        status: z.enum(['recorded', 'refused']),
        kind: text
          .nullable()
          .meta({ description: 'A built-in kind or the team’s own; null when refused' }),
        label: text,
        issue: text
          .nullable()
          .meta({ description: 'Why the source given at creation was refused' }),
        referrer: z.strictObject({ id, name: text }).nullable(),
        agent: text.nullable(),
        competitor: text.nullable(),
      })
      .nullable(),
    referrals: z.number().int().meta({ description: 'Customers this one referred' }),
    centreOfInfluence: z.boolean(),
    fit: z.strictObject({
      score: z.number().meta({ description: '0–100' }),
      reasons: z.array(text).meta({ description: 'The strongest effect on the score first' }),
    }),
    opportunity: z
      .strictObject({
        id,
        title: text.nullable(),
        stage: text,
        stageLabel: text,
        probability: z.number(),
        amount: z.number().int().meta({ description: 'Minor units of currency' }),
        currency: text,
        closeDay: text,
        checklist: z.array(z.strictObject({ point: text, label: text, done: z.boolean() })),
        balance: z.strictObject({ benefits: z.array(text), losses: z.array(text) }),
        open: z.number().int().meta({ description: 'Open opportunities the customer has in all' }),
      })
      .nullable()
      .meta({ description: 'The open opportunity closing first' }),
    customerType: z.strictObject({ type: text, label: text, strategy: text }).nullable(),
    signals: z
      .array(z.strictObject({ signal: text, label: text, interactionId: id, occurredAt: text }))
      .meta({ description: 'Buying signals since the open opportunity was opened, newest first' }),
    relationship: z.strictObject({
      step: z.enum(['stranger', 'awareness', 'interest', 'emotion']),
      label: text,
      standing: z.enum(['stranger', 'familiar', 'relationship']),
      standingLabel: text,
      suggestion: z.strictObject({ to: text, label: text, reason: text }).nullable(),
    }),
    pains: z.array(text),
    matchingCase: z
      .strictObject({
        id,
        role: text,
        industry: text,
        keyIssue: text,
        provided: text,
        result: text,
      })
      .nullable(),
  })
  .meta({
    id: 'DevelopmentSlot',
    description: 'Customer development on the card, in the caller’s language',
  });
