import { defineContentScript } from 'wxt/utils/define-content-script';
import { runGmail } from '../content/gmail';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  main: (ctx) => runGmail(ctx),
});
