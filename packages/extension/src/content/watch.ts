import type { ContentScriptContext } from 'wxt/utils/content-script-context';

const SETTLE_MS = 150;

/**
 * Runs `scan` now and again whenever the page changes: its DOM (mail clients render as they
 * go), its hash (Gmail's navigation) or its history. Changes in a burst run it once.
 */
export function watchPage(ctx: ContentScriptContext, scan: () => void): void {
  let timer: number | undefined;
  const schedule = () => {
    if (timer !== undefined) return;
    timer = ctx.setTimeout(() => {
      timer = undefined;
      scan();
    }, SETTLE_MS);
  };
  const observer = new MutationObserver(schedule);
  observer.observe(document.body, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['email', 'href', 'title', 'aria-label'],
  });
  ctx.onInvalidated(() => observer.disconnect());
  ctx.addEventListener(window, 'hashchange', schedule);
  ctx.addEventListener(window, 'wxt:locationchange', schedule);
  scan();
}
