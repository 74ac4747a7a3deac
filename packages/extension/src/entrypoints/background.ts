import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { Guanxi } from '../background/guanxi';
import { handlers } from '../background/handlers';
import { watchSettings } from '../background/settings';
import { listen } from '../lib/messages';

/**
 * The only part of the extension that knows the server URL and the API key: content
 * scripts, the popup and the options page ask it through the typed messages of lib/messages.
 */
export default defineBackground(() => {
  // Chromium lets content scripts read local storage unless told otherwise; the key stays here.
  browser.storage.local
    .setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })
    .catch(() => undefined);
  const guanxi = new Guanxi();
  watchSettings((next, previous) => guanxi.settingsChanged(next, previous));
  listen(handlers(guanxi));
});
