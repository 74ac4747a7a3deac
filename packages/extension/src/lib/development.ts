import type { Schemas } from '@guanxi/client';

/** The development plugin's lists in the rep's language: sources, signals, types, stages. */
export type Vocabulary = Schemas['DevelopmentVocabulary'];

/** Whom a source of a kind names: the referring customer, the agent or the competitor. */
export type SourceParty = NonNullable<Vocabulary['sources'][number]['party']>;

/** A customer's source as the rep gives it: its kind, and whom it names where it needs one. */
export interface SourceChoice {
  readonly kind: string;
  readonly referrerId?: number;
  readonly agent?: string;
  readonly competitor?: string;
}

/** What the rep filled in beside the kind; only the field its party needs is kept. */
export interface SourceFields {
  readonly referrerId?: number;
  readonly agent?: string;
  readonly competitor?: string;
}

/**
 * The source to send for a kind and what the rep filled in, or undefined while the party the
 * kind needs (a referrer picked, an agent or a competitor named) is missing.
 */
export function sourceFor(
  kind: string,
  party: SourceParty | null,
  fields: SourceFields,
): SourceChoice | undefined {
  if (party === null) return { kind };
  if (party === 'referrer') {
    return fields.referrerId === undefined ? undefined : { kind, referrerId: fields.referrerId };
  }
  const name = fields[party]?.trim();
  return name ? { kind, [party]: name } : undefined;
}

/**
 * The body of POST /customers for a person from an e-mail. A source goes in the customer's
 * `source` attribute, which the development plugin reads when the customer is created.
 */
export function customerBody(name: string, email: string, source?: SourceChoice) {
  return {
    kind: 'person' as const,
    name: name.trim(),
    emails: [email],
    ...(source === undefined
      ? {}
      : { attributes: { source: { value: source, source: 'sales_rep' as const } } }),
  };
}

/** One e-mail to log: the core's interaction fields, without the actor (the caller). */
export interface LoggedEmail {
  readonly customerId: number;
  readonly direction: 'inbound' | 'outbound';
  readonly summary: string;
  readonly occurredAt: string;
}

/**
 * Where an e-mail is logged: the core's interactions, or, with buying signals, the
 * development plugin's route, which logs the interaction and its signals in one transaction.
 */
export function interactionCall(
  teamId: number,
  email: LoggedEmail,
  signals: readonly string[] = [],
): { readonly path: string; readonly body: unknown } {
  const interaction = { ...email, channel: 'email' as const };
  return signals.length === 0
    ? { path: `/v1/teams/${teamId}/interactions`, body: interaction }
    : {
        path: `/v1/teams/${teamId}/plugins/development/interactions`,
        body: { interaction, signals },
      };
}
