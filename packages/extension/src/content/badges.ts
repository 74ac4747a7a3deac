import { h } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { type Badge, send } from '../lib/messages';
import { TierBadge } from '../ui/tier-badge';
import { type Mounted, mountShadow } from './mount';

const RETRY_AFTER_MS = 30_000;

interface Shown {
  readonly email: string;
  ui?: Mounted<{ badge: Badge }>;
}

/**
 * Tier badges beside the senders of a thread list. Each sender element is looked up once for
 * the address it carries; it is looked at again only when the mail client gives it another.
 */
export class Badges {
  readonly #ctx: ContentScriptContext;
  readonly #shown = new WeakMap<Element, Shown>();
  #retryAt = 0;

  constructor(ctx: ContentScriptContext) {
    this.#ctx = ctx;
  }

  async update(senders: readonly { element: Element; email: string }[]): Promise<void> {
    if (Date.now() < this.#retryAt) return;
    const fresh = senders.filter(({ element, email }) => {
      const shown = this.#shown.get(element);
      if (shown?.email === email) return false;
      shown?.ui?.remove();
      this.#shown.set(element, { email });
      return true;
    });
    if (fresh.length === 0) return;
    const reply = await send('badges:get', { emails: fresh.map(({ email }) => email) });
    if (!reply.ok) {
      for (const { element } of fresh) this.#shown.delete(element);
      this.#retryAt = Date.now() + RETRY_AFTER_MS;
      return;
    }
    for (const { element, email } of fresh) {
      const badge = reply.value[email];
      const shown = this.#shown.get(element);
      if (badge === undefined || shown?.email !== email || !element.isConnected) continue;
      const ui = await mountShadow(this.#ctx, {
        name: 'guanxi-badge',
        anchor: element,
        append: 'after',
        view: (props: { badge: Badge }) => h(TierBadge, props),
        props: { badge },
      });
      if (this.#shown.get(element) === shown) shown.ui = ui;
      else ui.remove();
    }
  }
}
