import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { emailOfMailto, emailsIn, normaliseEmail } from '../lib/emails';
import { loadSession } from '../lib/session';
import type { MailContext } from '../ui/log-email';
import { type Address, counterpart, parseTime, textOf } from './mail-message';
import { MessageCard } from './message-card';
import { SELECTORS } from './selectors';
import { watchPage } from './watch';

const S = SELECTORS.outlook;

const NAMED = /(?:^|[,;:])\s*"?([^",;:<>]*?)"?\s*<([^<>\s]+@[^<>\s]+)>/g;

/** The addresses in `Name <address>, …` text, named where the text names them. */
function namedIn(text: string): Address[] {
  const named = [...text.matchAll(NAMED)].map((match) => ({
    email: normaliseEmail(match[2] ?? ''),
    name: (match[1] ?? '').trim(),
  }));
  const bare = emailsIn(text)
    .filter((email) => !named.some((address) => address.email === email))
    .map((email) => ({ email, name: '' }));
  return [...named, ...bare];
}

/** The addresses an element carries in its `mailto:` link, `title` or `aria-label`. */
function addressesOf(element: Element): Address[] {
  const href = element.getAttribute('href');
  const linked = href === null ? undefined : emailOfMailto(href);
  const text = (element.textContent ?? '').trim();
  return [
    ...(linked === undefined ? [] : [{ email: linked, name: text.includes('@') ? '' : text }]),
    ...namedIn(element.getAttribute('title') ?? ''),
    ...namedIn(element.getAttribute('aria-label') ?? ''),
  ];
}

function headerAddresses(header: Element): Address[] {
  const elements = [
    ...(header.matches(S.addresses) ? [header] : []),
    ...header.querySelectorAll(S.addresses),
  ];
  const byEmail = new Map<string, Address>();
  for (const address of elements.flatMap(addressesOf)) {
    const known = byEmail.get(address.email);
    if (known === undefined || (known.name === '' && address.name !== '')) {
      byEmail.set(address.email, address);
    }
  }
  return [...byEmail.values()];
}

/** The message in the reading pane, from the addresses in its header. */
function readingPaneMessage(pane: Element, ownEmail: string | null): MailContext | undefined {
  const header = pane.matches(S.header) ? pane : (pane.querySelector(S.header) ?? pane);
  const fromElement = header.querySelector(S.from);
  const from = fromElement === null ? undefined : headerAddresses(fromElement)[0];
  const side = counterpart(from, headerAddresses(header), ownEmail);
  if (side === undefined) return undefined;
  const time = pane.querySelector(S.time);
  return {
    email: side.address.email,
    name: side.address.name,
    subject: pane.querySelector(S.subject)?.textContent?.trim() ?? '',
    occurredAt: parseTime(time?.getAttribute('title') || time?.textContent),
    direction: side.direction,
    readBody: () => textOf(pane.querySelector(S.body)),
  };
}

/** Outlook on the web: the card for the sender of the message in the reading pane. */
export async function runOutlook(ctx: ContentScriptContext): Promise<void> {
  const session = await loadSession();
  const card = new MessageCard(ctx, session);
  watchPage(ctx, () => {
    // Without its reading pane, a message header alone still gives the card, floating.
    const pane = document.querySelector(S.readingPane);
    const scope = pane ?? document.querySelector(S.header);
    const mail = scope === null ? undefined : readingPaneMessage(scope, session.ownEmail);
    card.show(mail, pane ?? undefined);
  });
}
