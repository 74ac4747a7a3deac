import { h } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { siteDomain } from '../lib/emails';
import { type Session, send, type TabMessage } from '../lib/messages';
import { loadSession } from '../lib/session';
import { Card, type CardProps } from '../ui/card';
import { type Pointed, pointedAddress } from './hover';
import { type Mounted, mountShadow } from './mount';

const SHOW_AFTER_MS = 300;
const HIDE_AFTER_MS = 400;
const CARD_WIDTH = 320;
const CARD_HEIGHT = 240;

function mountCard(ctx: ContentScriptContext, name: string, props: CardProps) {
  return mountShadow(ctx, {
    name,
    anchor: document.body,
    append: 'last',
    view: (next: CardProps) => h(Card, next),
    props,
  });
}

/** Where the hover card goes: under the address, or above it near the bottom of the window. */
function placeBeside(rect: DOMRect): { left: number; top: number } {
  const left = Math.max(8, Math.min(rect.left, window.innerWidth - CARD_WIDTH - 8));
  const below = rect.bottom + 6;
  return below + CARD_HEIGHT > window.innerHeight
    ? { left, top: Math.max(8, rect.top - CARD_HEIGHT - 6) }
    : { left, top: below };
}

/** The company's card in the corner when the site's own domain belongs to a customer. */
async function showCompanyCard(
  ctx: ContentScriptContext,
  session: Session,
  signal: AbortSignal,
): Promise<void> {
  const domain = siteDomain(location.hostname);
  const company = await send('card:get', { query: { domain } });
  if (!company.ok || !company.value.found || signal.aborted) return;
  const ui = await mountCard(ctx, 'guanxi-card', {
    query: { domain },
    session,
    layout: 'float',
    onClose: () => ui.remove(),
  });
  if (signal.aborted) ui.remove();
  else signal.addEventListener('abort', () => ui.remove());
}

/** A card for the address under the pointer, after a moment; it stays while the pointer is on it. */
function watchHover(ctx: ContentScriptContext, session: Session, signal: AbortSignal): void {
  let hover: { email: string; ui: Mounted<CardProps> } | undefined;
  let showTimer: number | undefined;
  let hideTimer: number | undefined;
  let overCard = false;
  const hide = () => {
    hover?.ui.remove();
    hover = undefined;
    overCard = false;
  };
  const hideSoon = () => {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hide, HIDE_AFTER_MS);
  };
  const show = async (pointed: Pointed) => {
    if (hover?.email === pointed.email) return;
    hide();
    const ui = await mountCard(ctx, 'guanxi-hover-card', {
      query: { email: pointed.email },
      session,
      layout: 'hover',
      person: { email: pointed.email, name: pointed.name },
      at: placeBeside(pointed.rect),
      onClose: hide,
    });
    if (signal.aborted) {
      ui.remove();
      return;
    }
    ui.host.addEventListener('mouseenter', () => {
      overCard = true;
      window.clearTimeout(hideTimer);
    });
    ui.host.addEventListener('mouseleave', () => {
      overCard = false;
      hideSoon();
    });
    hover = { email: pointed.email, ui };
  };
  const onMove = (event: MouseEvent) => {
    if (overCard) return;
    window.clearTimeout(showTimer);
    const pointed = pointedAddress(event);
    if (pointed === undefined || pointed.email === session.ownEmail) {
      if (hover !== undefined) hideSoon();
      return;
    }
    window.clearTimeout(hideTimer);
    showTimer = window.setTimeout(() => void show(pointed), SHOW_AFTER_MS);
  };
  document.addEventListener('mousemove', onMove, { signal, passive: true });
  signal.addEventListener('abort', () => {
    window.clearTimeout(showTimer);
    window.clearTimeout(hideTimer);
    hide();
  });
}

/** Everything Guanxi does on a site that is on; the function it returns undoes it. */
async function start(ctx: ContentScriptContext, session: Session): Promise<() => void> {
  const running = new AbortController();
  ctx.onInvalidated(() => running.abort());
  if (session.configured) {
    watchHover(ctx, session, running.signal);
    await showCompanyCard(ctx, session, running.signal);
  }
  return () => running.abort();
}

function isTabMessage(message: unknown): message is TabMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    'type' in message &&
    message.type === 'site:changed'
  );
}

/**
 * Any other site: nothing at all unless the rep turned Guanxi on for it in the popup. The
 * script asks the background once whether this site is on, then waits to be told.
 */
export async function runWeb(ctx: ContentScriptContext): Promise<void> {
  let running: Promise<() => void> | undefined;
  const turn = (on: boolean) => {
    if (on && running === undefined) {
      running = loadSession().then((session) => start(ctx, session));
    } else if (!on && running !== undefined) {
      void running.then((stop) => stop());
      running = undefined;
    }
  };
  const listener = (message: unknown) => {
    if (isTabMessage(message)) turn(message.enabled);
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
  const enabled = await send('site:get', { origin: location.origin });
  turn(enabled.ok && enabled.value);
}
