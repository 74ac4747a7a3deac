import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** The least time between two scans while the page keeps changing. */
const MIN_GAP_MS = 150;

/**
 * Runs `scan` now and again whenever the page changes: its DOM (mail clients render as they
 * go), its hash (Gmail's navigation) or its history. The first change after a quiet spell is
 * scanned at once, so a message the rep opens gets its card without waiting; the changes of
 * a burst that follow are scanned together, at most once every MIN_GAP_MS.
 */
export function watchPage(ctx: ContentScriptContext, scan: () => void): void {
  let timer: number | undefined;
  let lastScan = Number.NEGATIVE_INFINITY;
  const schedule = () => {
    if (timer !== undefined) return;
    const wait = Math.max(0, lastScan + MIN_GAP_MS - performance.now());
    timer = ctx.setTimeout(() => {
      timer = undefined;
      lastScan = performance.now();
      scan();
    }, wait);
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
  lastScan = performance.now();
  scan();
}
