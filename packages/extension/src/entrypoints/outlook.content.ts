import { defineContentScript } from 'wxt/utils/define-content-script';
import { runOutlook } from '../content/outlook';

export default defineContentScript({
  matches: ['https://outlook.office.com/*', 'https://outlook.live.com/*'],
  runAt: 'document_idle',
  main: (ctx) => runOutlook(ctx),
});
