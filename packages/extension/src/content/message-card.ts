import { h } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Session } from '../lib/messages';
import { Card, type CardProps } from '../ui/card';
import type { MailContext } from '../ui/log-email';
import { type Mounted, mountShadow } from './mount';

/**
 * The card beside the opened message: docked to the mail client's message view, or floating
 * in the corner when the view's selector no longer matches. Showing the same message again
 * changes nothing; a card the rep closed stays closed for that message.
 */
export class MessageCard {
  readonly #ctx: ContentScriptContext;
  readonly #session: Session;
  #shown: { key: string; anchor: Element | undefined; ui: Mounted<CardProps> } | undefined;
  #closed: string | undefined;
  #queue: Promise<void> = Promise.resolve();

  constructor(ctx: ContentScriptContext, session: Session) {
    this.#ctx = ctx;
    this.#session = session;
  }

  /** Shows the card for this message, one change at a time; a failed one does not stop the next. */
  show(mail: MailContext | undefined, anchor: Element | undefined): void {
    this.#queue = this.#queue
      .then(() => this.#show(mail, anchor))
      .catch((error: unknown) => console.warn('Guanxi: the card could not be shown', error));
  }

  async #show(mail: MailContext | undefined, anchor: Element | undefined): Promise<void> {
    if (mail === undefined) {
      this.#remove();
      return;
    }
    const key = `${mail.email}\n${mail.subject}\n${mail.occurredAt}`;
    if (key === this.#closed) return;
    const shown = this.#shown;
    if (shown?.key === key && shown.anchor === anchor && shown.ui.host.isConnected) return;
    const props: CardProps = {
      query: { email: mail.email },
      session: this.#session,
      layout: anchor === undefined ? 'float' : 'dock',
      mail,
      person: { email: mail.email, name: mail.name },
      onClose: () => {
        this.#closed = key;
        this.#remove();
      },
    };
    if (shown !== undefined && shown.anchor === anchor && shown.ui.host.isConnected) {
      shown.ui.update(props);
      this.#shown = { ...shown, key };
      return;
    }
    this.#remove();
    const ui = await mountShadow(this.#ctx, {
      name: 'guanxi-card',
      anchor: anchor ?? document.body,
      append: 'last',
      view: (next: CardProps) => h(Card, next),
      props,
    });
    this.#shown = { key, anchor, ui };
  }

  #remove(): void {
    this.#shown?.ui.remove();
    this.#shown = undefined;
  }
}
