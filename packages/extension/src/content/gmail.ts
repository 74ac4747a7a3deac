import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { loadSession } from '../lib/session';
import type { MailContext } from '../ui/log-email';
import { Badges } from './badges';
import { type Address, addressOf, counterpart, parseTime, textOf } from './mail-message';
import { MessageCard } from './message-card';
import { SELECTORS } from './selectors';
import { watchPage } from './watch';

const S = SELECTORS.gmail;

function addresses(elements: Iterable<Element>): Address[] {
  return [...elements].flatMap((element) => addressOf(element) ?? []);
}

/** The last opened message of the thread on screen, as the card and "log this e-mail" need it. */
function openedMessage(ownEmail: string | null): MailContext | undefined {
  const sender = [...document.querySelectorAll(S.openedSender)].at(-1);
  if (sender === undefined) return undefined;
  const message = sender.closest(S.message) ?? document.body;
  const side = counterpart(
    addressOf(sender),
    addresses(message.querySelectorAll(S.recipients)),
    ownEmail,
  );
  if (side === undefined) return undefined;
  return {
    email: side.address.email,
    name: side.address.name,
    subject: document.querySelector(S.subject)?.textContent?.trim() ?? '',
    occurredAt: parseTime(message.querySelector(S.time)?.getAttribute('title')),
    direction: side.direction,
    readBody: () => textOf(message.querySelector(S.body)),
  };
}

/** Gmail: tier badges in the thread list, the card beside the opened message. */
export async function runGmail(ctx: ContentScriptContext): Promise<void> {
  const session = await loadSession();
  const badges = new Badges(ctx);
  const card = new MessageCard(ctx, session);
  watchPage(ctx, () => {
    if (session.configured) {
      const senders = [...document.querySelectorAll(S.threadSender)].flatMap((element) => {
        const address = addressOf(element);
        return address === undefined || address.email === session.ownEmail
          ? []
          : [{ element, email: address.email }];
      });
      void badges.update(senders);
    }
    const mail = openedMessage(session.ownEmail);
    card.show(mail, document.querySelector(S.dockAnchor) ?? undefined);
  });
}
