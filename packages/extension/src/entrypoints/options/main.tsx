import { render } from 'preact';
import { CACHE_SECONDS, send } from '../../lib/messages';
import { Options } from '../../pages/options';
import '../../ui/card.css';
import '../../ui/page.css';

const app = document.getElementById('app');
if (app !== null) {
  void send('settings:get', null).then((reply) => {
    const initial = reply.ok
      ? reply.value
      : {
          serverUrl: '',
          hasKey: false,
          language: 'browser' as const,
          neverLog: [],
          cacheSeconds: CACHE_SECONDS.fallback,
        };
    render(<Options initial={initial} />, app);
  });
}
