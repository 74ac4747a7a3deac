import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Messages } from '../lib/i18n';
import { send, type TabMessage } from '../lib/messages';

const MAIL_HOSTS = ['mail.google.com', 'outlook.office.com', 'outlook.live.com'];

interface Site {
  readonly tabId: number;
  readonly origin: string;
  readonly mail: boolean;
}

async function currentSite(): Promise<Site | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined || tab.url === undefined) return undefined;
  const url = new URL(tab.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return { tabId: tab.id, origin: url.origin, mail: MAIL_HOSTS.includes(url.hostname) };
}

/** Turns Guanxi on or off for the site of the current tab, and tells that tab at once. */
export function SiteToggle({ t }: { readonly t: Messages }) {
  const [site, setSite] = useState<Site | null>();
  const [enabled, setEnabled] = useState(false);

  useEffect(() => {
    void currentSite().then(async (found) => {
      setSite(found ?? null);
      if (found === undefined || found.mail) return;
      const reply = await send('site:get', { origin: found.origin });
      setEnabled(reply.ok && reply.value);
    });
  }, []);

  if (site === undefined) return null;
  if (site === null) return <p class="gx-site gx-muted">{t.siteNotApplicable}</p>;
  if (site.mail) return <p class="gx-site gx-muted">{t.siteMail}</p>;

  const toggle = async () => {
    const reply = await send('site:set', { origin: site.origin, enabled: !enabled });
    if (!reply.ok) return;
    setEnabled(reply.value);
    const message: TabMessage = { type: 'site:changed', enabled: reply.value };
    await browser.tabs.sendMessage(site.tabId, message).catch(() => undefined);
  };

  return (
    <div class="gx-site">
      <span>
        {t.thisSite}
        <br />
        <span class="gx-muted">{site.origin}</span>
      </span>
      <button
        type="button"
        class="gx-button"
        role="switch"
        aria-checked={enabled}
        data-action="toggle-site"
        onClick={() => void toggle()}
      >
        {enabled ? t.siteOn : t.siteOff}
      </button>
    </div>
  );
}
