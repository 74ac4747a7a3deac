import type { Schemas } from '@guanxi/client';
import { domainOf, inDomains, normaliseEmail } from '../lib/emails';
import { resolveLocale } from '../lib/i18n';
import type {
  Badge,
  CardLookup,
  CardQuery,
  Connection,
  CreateRequest,
  LogRequest,
  SearchHit,
  Session,
} from '../lib/messages';
import { ApiError, type ApiTarget, callApi, requireApi } from './api';
import { CardCache, cacheKey } from './card-cache';
import { readSettings, type Settings } from './settings';

const BADGE_CONCURRENCY = 4;
const SUMMARY_LIMIT = 4000;
const SEARCH_LIMIT = 10;

function queryString(query: CardQuery): string {
  const params: Record<string, string> =
    'email' in query
      ? { email: query.email }
      : 'domain' in query
        ? { domain: query.domain }
        : { customerId: String(query.customerId), teamId: String(query.teamId) };
  return new URLSearchParams(params).toString();
}

/** The summary of a logged e-mail: subject and counterpart, then the body if the rep chose. */
function summaryOf(request: LogRequest): string {
  const subject = request.subject.trim() || '(no subject)';
  const counterpart = `${request.direction === 'inbound' ? 'From' : 'To'}: ${request.email}`;
  const body = request.body?.trim();
  const text = body ? `${subject}\n${counterpart}\n\n${body}` : `${subject}\n${counterpart}`;
  return text.length > SUMMARY_LIMIT ? `${text.slice(0, SUMMARY_LIMIT - 1)}…` : text;
}

async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(size, queue.length) }, worker));
}

/** Whether cards fetched under `previous` would now come from elsewhere or in another language. */
function connectionChanged(next: Settings, previous: Settings): boolean {
  return (
    next.serverUrl !== previous.serverUrl ||
    next.apiKey !== previous.apiKey ||
    next.language !== previous.language
  );
}

/**
 * The extension's one client of the Guanxi API: it alone reads the server URL and key, and
 * keeps the settings, the caller (/v1/me) and the cards between requests.
 */
export class Guanxi {
  readonly #cache = new CardCache();
  readonly #pending = new Map<string, Promise<CardLookup>>();
  #settings: Promise<Settings> | undefined;
  #me: Promise<Schemas['Me']> | undefined;
  /** Counts resets, so an answer to a request made before one is not cached after it. */
  #generation = 0;

  /** Forgets everything learnt from the server and the settings read, as when they are saved. */
  reset(): void {
    this.#generation += 1;
    this.#cache.clear();
    this.#pending.clear();
    this.#settings = undefined;
    this.#me = undefined;
  }

  /**
   * The settings changed in storage. Cards are kept unless they would now come from another
   * server, for another key or in another language; a new keeping time applies to them as
   * they are.
   */
  settingsChanged(next: Settings, previous: Settings): void {
    if (connectionChanged(next, previous)) this.reset();
    else this.#settings = undefined;
  }

  settings(): Promise<Settings> {
    if (this.#settings === undefined) {
      const settings = readSettings();
      settings.catch(() => {
        if (this.#settings === settings) this.#settings = undefined;
      });
      this.#settings = settings;
    }
    return this.#settings;
  }

  async target(): Promise<ApiTarget> {
    const settings = await this.settings();
    if (settings.serverUrl === '' || settings.apiKey === '') {
      throw new ApiError({ kind: 'unconfigured' });
    }
    return {
      serverUrl: settings.serverUrl,
      apiKey: settings.apiKey,
      locale: resolveLocale(settings.language, navigator.language),
    };
  }

  me(): Promise<Schemas['Me']> {
    if (this.#me === undefined) {
      const me = this.target().then((target) => requireApi<Schemas['Me']>(target, 'GET', '/v1/me'));
      me.catch(() => {
        if (this.#me === me) this.#me = undefined;
      });
      this.#me = me;
    }
    return this.#me;
  }

  async session(): Promise<Session> {
    const settings = await this.settings();
    const configured = settings.serverUrl !== '' && settings.apiKey !== '';
    const me = configured ? await this.me().catch(() => undefined) : undefined;
    return {
      configured,
      locale: resolveLocale(settings.language, navigator.language),
      ownEmail: me === undefined ? null : normaliseEmail(me.user.email),
      neverLog: settings.neverLog,
    };
  }

  async connection(): Promise<Connection> {
    const { user, teams } = await this.me();
    return { name: user.name, email: user.email, teams: teams.map((team) => team.name) };
  }

  async card(query: CardQuery, fresh = false): Promise<CardLookup> {
    const key = cacheKey(query);
    if (!fresh) {
      const { cacheSeconds } = await this.settings();
      const known = this.#cache.get(key, cacheSeconds * 1000) ?? this.#pending.get(key);
      if (known !== undefined) return known;
    }
    const generation = this.#generation;
    const lookup = this.#fetchCard(query).then((value) => {
      if (generation === this.#generation) this.#cache.set(key, value);
      return value;
    });
    this.#pending.set(key, lookup);
    lookup
      .finally(() => {
        if (this.#pending.get(key) === lookup) this.#pending.delete(key);
      })
      .catch(() => undefined);
    return lookup;
  }

  async #fetchCard(query: CardQuery): Promise<CardLookup> {
    const target = await this.target();
    const found = await callApi<Schemas['Context']>(
      target,
      'GET',
      `/v1/context?${queryString(query)}`,
    );
    if (found !== undefined) return { found: true, ...found };
    const { teams } = await this.me();
    return { found: false, teams };
  }

  /** The tier of each sender that is a customer; unknown senders are left out. */
  async badges(emails: readonly string[]): Promise<Record<string, Badge>> {
    const badges: Record<string, Badge> = {};
    await inPool([...new Set(emails.map(normaliseEmail))], BADGE_CONCURRENCY, async (email) => {
      const lookup = await this.card({ email });
      if (!lookup.found) return;
      const { card } = lookup;
      badges[email] = {
        tier: card.slots.tier?.value ?? null,
        label: card.slots.tier?.label ?? card.stage.label,
        why: card.slots.tier?.why ?? '',
        name: card.customer.name,
      };
    });
    return badges;
  }

  async log(request: LogRequest): Promise<void> {
    const settings = await this.settings();
    if (inDomains(domainOf(normaliseEmail(request.email)), settings.neverLog)) {
      throw new ApiError({ kind: 'neverLog' });
    }
    await requireApi<Schemas['Interaction']>(
      await this.target(),
      'POST',
      `/v1/teams/${request.teamId}/interactions`,
      {
        customerId: request.customerId,
        channel: 'email',
        direction: request.direction,
        summary: summaryOf(request),
        occurredAt: request.occurredAt,
      },
    );
    this.#cache.forgetCustomer(request.teamId, request.customerId);
  }

  async create(request: CreateRequest): Promise<CardLookup> {
    const email = normaliseEmail(request.email);
    const customer = await requireApi<Schemas['Customer']>(
      await this.target(),
      'POST',
      `/v1/teams/${request.teamId}/customers`,
      { kind: 'person', name: request.name.trim(), emails: [email] },
    );
    this.#cache.delete(cacheKey({ email }));
    return this.card({ customerId: customer.id, teamId: request.teamId });
  }

  async search(q: string): Promise<SearchHit[]> {
    const target = await this.target();
    const { teams } = await this.me();
    const params = new URLSearchParams({ q: q.trim(), limit: String(SEARCH_LIMIT) });
    const pages = await Promise.all(
      teams.map(async (team) => {
        const page = await requireApi<Schemas['CustomerPage']>(
          target,
          'GET',
          `/v1/teams/${team.id}/customers?${params}`,
        );
        return page.items.map((customer) => ({ teamId: team.id, teamName: team.name, customer }));
      }),
    );
    return pages.flat();
  }

  /** The customer's page in the console; the console asks the rep to sign in if need be. */
  async consoleUrl(teamId: number, customerId: number): Promise<string> {
    const { serverUrl } = await this.target();
    return `${serverUrl}/admin/teams/${teamId}/customers/${customerId}`;
  }
}
