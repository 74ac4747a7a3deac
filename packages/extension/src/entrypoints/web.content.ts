import { defineContentScript } from 'wxt/utils/define-content-script';
import { runWeb } from '../content/web';

/**
 * Declared for every page rather than registered per site at run time: turning a site on in
 * the popup then takes effect at once in its open tabs, asks for no permission per site and
 * works alike in Chromium and Firefox. Until the rep turns the site on, the script only asks
 * the background whether it is on: it reads nothing of the page and calls no server.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  excludeMatches: [
    'https://mail.google.com/*',
    'https://outlook.office.com/*',
    'https://outlook.live.com/*',
  ],
  runAt: 'document_idle',
  main: (ctx) => runWeb(ctx),
});
