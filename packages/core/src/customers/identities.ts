import { z } from 'zod';
import { PUBLIC_MAIL_DOMAINS } from './public-mail-domains';

/** Trimmed and lower-cased, then checked. */
/**
 * The normalised address, checked with the same pattern as emailSchema; undefined if it is
 * not one. For hot lookups, where a zod parse per call costs more than the read itself.
 */
export function normaliseEmail(input: string): string | undefined {
  const email = input.trim().toLowerCase();
  return email.length <= 254 && z.regexes.email.test(email) ? email : undefined;
}

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'must be an e-mail address' }));

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+(xn--[a-z0-9-]+|[a-z]{2,63})$/;

/** `https://www.Acme.com/about` → `acme.com`; internationalised names become punycode. */
export function normaliseDomain(input: string): string | undefined {
  const trimmed = input.trim().toLowerCase();
  if (trimmed === '') return undefined;
  try {
    const host = new URL(trimmed.includes('://') ? trimmed : `http://${trimmed}`).hostname;
    const domain = host.replace(/^www\./, '').replace(/\.$/, '');
    return DOMAIN.test(domain) ? domain : undefined;
  } catch {
    return undefined;
  }
}

export const domainSchema = z.string().transform((input, ctx) => {
  const domain = normaliseDomain(input);
  if (domain === undefined) {
    ctx.addIssue({ code: 'custom', message: 'must be a domain name such as acme.com' });
    return z.NEVER;
  }
  return domain;
});

/** Keeps a leading + and the digits: `+86 138-0013-8000` → `+8613800138000`. */
export function normalisePhone(input: string): string | undefined {
  const compact = input.trim().replace(/[\s().\-/]/g, '');
  return /^\+?[0-9]{5,20}$/.test(compact) ? compact : undefined;
}

export const phoneSchema = z.string().transform((input, ctx) => {
  const phone = normalisePhone(input);
  if (phone === undefined) {
    ctx.addIssue({ code: 'custom', message: 'must be a phone number of 5 to 20 digits' });
    return z.NEVER;
  }
  return phone;
});

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

/** The domain of a company a person's address links them to, or undefined for free mail. */
export function companyDomainOf(email: string): string | undefined {
  const domain = emailDomain(email);
  return PUBLIC_MAIL_DOMAINS.has(domain) ? undefined : domain;
}
