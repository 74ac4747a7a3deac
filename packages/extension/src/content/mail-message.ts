import { normaliseEmail } from '../lib/emails';
import type { Direction } from '../lib/messages';

export interface Address {
  readonly email: string;
  readonly name: string;
}

/** The address of a Gmail-style `span[email][name]`. */
export function addressOf(element: Element): Address | undefined {
  const email = element.getAttribute('email');
  if (email === null || email.trim() === '') return undefined;
  return { email: normaliseEmail(email), name: (element.getAttribute('name') ?? '').trim() };
}

/**
 * The customer's side of a message: its sender when someone else sent it; when the rep sent
 * it, the first recipient who is not the rep.
 */
export function counterpart(
  from: Address | undefined,
  others: readonly Address[],
  ownEmail: string | null,
): { readonly address: Address; readonly direction: Direction } | undefined {
  if (from !== undefined && from.email !== ownEmail) return { address: from, direction: 'inbound' };
  const other = others.find((address) => address.email !== ownEmail);
  if (other === undefined) return undefined;
  return { address: other, direction: from === undefined ? 'inbound' : 'outbound' };
}

/** A time as a mail client shows it, as ISO 8601; now when it cannot be read. */
export function parseTime(text: string | null | undefined): string {
  const time = text ? Date.parse(text) : Number.NaN;
  return new Date(Number.isNaN(time) ? Date.now() : time).toISOString();
}

/** The text of an element as the rep sees it, line breaks kept. */
export function textOf(element: Element | null): string {
  if (element === null) return '';
  // biome-ignore lint/performance/useDomNodeTextContent: the rep's line breaks are kept
  return element instanceof HTMLElement ? element.innerText : (element.textContent ?? '');
}
