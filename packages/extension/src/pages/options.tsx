import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { messagesFor, resolveLocale } from '../lib/i18n';
import {
  CACHE_SECONDS,
  type Connection,
  type LanguageChoice,
  type Problem,
  type SettingsView,
  send,
} from '../lib/messages';
import { problemText } from '../ui/problem-state';

type Outcome =
  | { readonly kind: 'connected'; readonly connection: Connection }
  | { readonly kind: 'problem'; readonly problem: Problem }
  | { readonly kind: 'invalidUrl' }
  | { readonly kind: 'denied' };

/** The host permission for a server: its scheme and host, any port (as match patterns go). */
function originPattern(serverUrl: string): string | undefined {
  try {
    const url = new URL(serverUrl.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return `${url.protocol}//${url.hostname}/*`;
  } catch {
    return undefined;
  }
}

/**
 * The options page: server URL, API key, language and never-log domains, and under "Advanced"
 * how long cards are kept. A server that is not on this machine needs a host permission,
 * asked for here when the rep saves.
 */
export function Options({ initial }: { readonly initial: SettingsView }) {
  const [serverUrl, setServerUrl] = useState(initial.serverUrl);
  const [apiKey, setApiKey] = useState('');
  const [hasKey, setHasKey] = useState(initial.hasKey);
  const [language, setLanguage] = useState<LanguageChoice>(initial.language);
  const [neverLog, setNeverLog] = useState(initial.neverLog.join('\n'));
  const [cacheSeconds, setCacheSeconds] = useState(String(initial.cacheSeconds));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const locale = resolveLocale(language, navigator.language);
  const t = messagesFor(locale);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t.optionsTitle;
  }, [locale, t]);

  const save = async (event: Event) => {
    event.preventDefault();
    const pattern = originPattern(serverUrl);
    if (pattern === undefined) {
      setOutcome({ kind: 'invalidUrl' });
      return;
    }
    // Asked first, while the click still counts as the rep's gesture; granted ones just pass.
    const granted = await browser.permissions.request({ origins: [pattern] }).catch(() => false);
    if (!granted) {
      setOutcome({ kind: 'denied' });
      return;
    }
    setBusy(true);
    const reply = await send('settings:save', {
      serverUrl,
      apiKey,
      language,
      neverLog: neverLog.split(/[\s,]+/).filter(Boolean),
      cacheSeconds: Number(cacheSeconds),
    });
    setBusy(false);
    if (apiKey.trim() !== '') setHasKey(true);
    setApiKey('');
    setOutcome(
      reply.ok
        ? { kind: 'connected', connection: reply.value }
        : { kind: 'problem', problem: reply.problem },
    );
  };

  return (
    <main class="gx-page gx-options" lang={locale}>
      <h1>{t.optionsTitle}</h1>
      <form onSubmit={(event) => void save(event)}>
        <label>
          {t.serverUrl}
          <input
            type="url"
            name="serverUrl"
            required
            placeholder="http://127.0.0.1:3000"
            value={serverUrl}
            onInput={(event) => setServerUrl(event.currentTarget.value)}
          />
        </label>
        <label>
          {t.apiKey}
          <input
            type="password"
            name="apiKey"
            autocomplete="off"
            required={!hasKey}
            value={apiKey}
            onInput={(event) => setApiKey(event.currentTarget.value)}
          />
          {hasKey && <span class="gx-hint">{t.keySaved}</span>}
        </label>
        <label>
          {t.language}
          <select
            name="language"
            value={language}
            onChange={(event) => setLanguage(event.currentTarget.value as LanguageChoice)}
          >
            <option value="browser">{t.browserLanguage}</option>
            <option value="en">English</option>
            <option value="zh-CN">简体中文</option>
          </select>
        </label>
        <label>
          {t.neverLogDomains}
          <textarea
            name="neverLog"
            value={neverLog}
            onInput={(event) => setNeverLog(event.currentTarget.value)}
          />
        </label>
        <details class="gx-advanced">
          <summary>{t.advanced}</summary>
          <label>
            {t.cacheSeconds}
            <input
              type="number"
              name="cacheSeconds"
              required
              min={CACHE_SECONDS.min}
              max={CACHE_SECONDS.max}
              step={1}
              value={cacheSeconds}
              onInput={(event) => setCacheSeconds(event.currentTarget.value)}
            />
            <span class="gx-hint">{t.cacheSecondsHint(CACHE_SECONDS.fallback)}</span>
          </label>
        </details>
        <div>
          <button type="submit" class="gx-button" data-primary disabled={busy}>
            {t.save}
          </button>
        </div>
      </form>
      <div data-field="outcome">
        {outcome?.kind === 'connected' && (
          <p class="gx-note" data-state="connected" role="status">
            {t.connected(
              outcome.connection.name,
              outcome.connection.email,
              outcome.connection.teams.join(', '),
            )}
          </p>
        )}
        {outcome?.kind === 'invalidUrl' && (
          <p class="gx-state" data-state="failed">
            {t.invalidUrl}
          </p>
        )}
        {outcome?.kind === 'denied' && (
          <p class="gx-state" data-state="failed">
            {t.permissionDenied}
          </p>
        )}
        {outcome?.kind === 'problem' && (
          <p class="gx-state" data-state={outcome.problem.kind} role="status">
            {problemText(outcome.problem, t)}
          </p>
        )}
      </div>
    </main>
  );
}
