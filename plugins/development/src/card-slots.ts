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
