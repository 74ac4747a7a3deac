import { z } from 'zod';
import { partyOf, REFERRING_KINDS } from './kinds';

const name = z.string().trim().min(1, 'must not be empty').max(200);

/** Fields that belong to one kind only, with the kinds they belong to. */
const FIELDS_OF_KIND: Readonly<Record<string, readonly string[]>> = {
  referrerId: REFERRING_KINDS,
  referrerRef: REFERRING_KINDS,
  agent: ['agent'],
  fee: ['agent'],
  feeRate: ['agent'],
  competitor: ['competitor'],
};

/**
 * Where a customer came from. `kind` is a built-in kind or one of the team's own sources
 * (checked against the team's config when recorded). A referral names its referrer by id or
 * by external reference; an agent's fee is fixed (`fee`, minor units) or a share of the
 * first order (`feeRate`, else the team's default).
 */
export const sourceObjectSchema = z
  .strictObject({
    kind: z
      .string()
      .regex(/^[a-z][a-z0-9_-]*$/, 'must be a source kind such as referral')
      .max(40),
    referrerId: z.number().int().positive().optional(),
    referrerRef: name.optional().describe('The referring customer’s external reference'),
    agent: name.optional().describe('The commissioned agent'),
    fee: z
      .number()
      .int('must be a whole number of minor units')
      .min(0, 'must not be negative')
      .max(Number.MAX_SAFE_INTEGER)
      .optional(),
    feeRate: z.number().min(0, 'must be 0 or more').max(1, 'must be 1 or less').optional(),
    competitor: name.optional().describe('The competitor the customer was taken from'),
    detail: z.string().trim().min(1, 'must not be empty').max(500).optional(),
  })
  .superRefine((source, check) => {
    const issue = (path: string, message: string) =>
      check.addIssue({ code: 'custom', path: [path], message });
    for (const [field, kinds] of Object.entries(FIELDS_OF_KIND)) {
      if (source[field as keyof typeof source] !== undefined && !kinds.includes(source.kind)) {
        issue(field, `only for ${kinds.join(' or ')}`);
      }
    }
    const party = partyOf(source.kind);
    if (party === 'referrer') {
      if ((source.referrerId === undefined) === (source.referrerRef === undefined)) {
        issue('referrerId', 'name the referring customer by referrerId or referrerRef');
      }
    }
    if (party === 'agent') {
      if (source.agent === undefined) issue('agent', 'an agent source names the agent');
      if (source.fee !== undefined && source.feeRate !== undefined) {
        issue('fee', 'give a fee or a feeRate, not both');
      }
    }
    if (party === 'competitor' && source.competitor === undefined) {
      issue('competitor', 'name the competitor');
    }
  });

export type SourceInput = z.output<typeof sourceObjectSchema>;

/**
 * The short text form a CSV cell or a form field holds: `meeting`, or `kind:detail`, where
 * the detail is the referrer (`#12` for an id, else an external reference), the agent, the
 * competitor, or for other kinds a free note (`meeting:Canton Fair`).
 */
export function fromShorthand(text: string): Record<string, unknown> {
  const colon = text.indexOf(':');
  const kind = (colon < 0 ? text : text.slice(0, colon)).trim().toLowerCase();
  const detail = colon < 0 ? '' : text.slice(colon + 1).trim();
  if (detail === '') return { kind };
  const party = partyOf(kind);
  if (party === 'referrer') {
    return /^#\d+$/.test(detail)
      ? { kind, referrerId: Number(detail.slice(1)) }
      : { kind, referrerRef: detail };
  }
  if (party === null) return { kind, detail };
  return { kind, [party]: detail };
}

/** A source as an object or in its short text form. */
export const sourceInputSchema = z.preprocess(
  (value) => (typeof value === 'string' ? fromShorthand(value) : value),
  sourceObjectSchema,
);

/** Input of `setSource`: a customer's source, given or changed by a rep. */
export const setSourceInputSchema = z.strictObject({
  customerId: z.number().int().positive(),
  source: sourceInputSchema,
});

export type SetSourceInput = z.input<typeof setSourceInputSchema>;
