import { type Browser, browser } from 'wxt/browser';
import { normaliseEmail, siteDomain } from '../lib/emails';
import { fail, type Handlers, ok, type Reply } from '../lib/messages';
import { ApiError } from './api';
import type { Guanxi } from './guanxi';
import {
  normaliseCacheSeconds,
  normaliseServerUrl,
  readSettings,
  sitesItem,
  writeSettings,
} from './settings';

/** Runs one request, turning an ApiError into the reply that names its state. */
async function reply<T>(work: () => Promise<T>): Promise<Reply<T>> {
  try {
    return ok(await work());
  } catch (error) {
    if (error instanceof ApiError) return fail(error.problem);
    throw error;
  }
}

/**
 * Whether a message comes from one of the extension's own pages (popup, options). Settings
 * and the sites list change only from there: a content script runs beside the page, and one
 * able to point the saved key at another server would hand the key to it.
 */
function fromOwnPage(sender: Browser.runtime.MessageSender): boolean {
  return sender.url !== undefined && new URL(sender.url).origin === self.location.origin;
}

const notFromHere = () =>
  new ApiError({ kind: 'failed', detail: 'only the extension’s own pages change its settings' });

function cleanDomains(domains: readonly string[]): string[] {
  return [...new Set(domains.map((domain) => siteDomain(domain.trim())).filter(Boolean))];
}

/** What the background answers to each message of the map. */
export function handlers(guanxi: Guanxi): Handlers {
  return {
    'session:get': () => reply(() => guanxi.session()),
    'card:get': ({ query, fresh }) =>
      reply(() =>
        guanxi.card('email' in query ? { email: normaliseEmail(query.email) } : query, fresh),
      ),
    'badges:get': ({ emails }) => reply(() => guanxi.badges(emails)),
    'interaction:log': (request) =>
      reply(async () => {
        await guanxi.log(request);
        return null;
      }),
    'customer:create': (request) => reply(() => guanxi.create(request)),
    'customers:search': ({ q }) => reply(() => guanxi.search(q)),
    'console:open': ({ teamId, customerId }) =>
      reply(async () => {
        await browser.tabs.create({ url: await guanxi.consoleUrl(teamId, customerId) });
        return null;
      }),
    'options:open': () =>
      reply(async () => {
        await browser.runtime.openOptionsPage();
        return null;
      }),
    'settings:get': () =>
      reply(async () => {
        const settings = await readSettings();
        return {
          serverUrl: settings.serverUrl,
          hasKey: settings.apiKey !== '',
          language: settings.language,
          neverLog: settings.neverLog,
          cacheSeconds: settings.cacheSeconds,
        };
      }),
    'settings:save': (input, sender) =>
      reply(async () => {
        if (!fromOwnPage(sender)) throw notFromHere();
        const serverUrl = normaliseServerUrl(input.serverUrl);
        if (serverUrl === undefined) {
          throw new ApiError({ kind: 'failed', detail: 'the server URL is not http(s)' });
        }
        const before = await readSettings();
        await writeSettings({
          serverUrl,
          apiKey: input.apiKey.trim() || before.apiKey,
          language: input.language,
          neverLog: cleanDomains(input.neverLog),
          cacheSeconds: normaliseCacheSeconds(input.cacheSeconds),
        });
        guanxi.reset();
        return guanxi.connection();
      }),
    'site:get': ({ origin }) => reply(async () => (await sitesItem.getValue()).includes(origin)),
    'site:set': ({ origin, enabled }, sender) =>
      reply(async () => {
        if (!fromOwnPage(sender)) throw notFromHere();
        const sites = new Set(await sitesItem.getValue());
        if (enabled) sites.add(origin);
        else sites.delete(origin);
        await sitesItem.setValue([...sites]);
        return enabled;
      }),
  };
}
