import type { Kysely } from 'kysely';
import type { CoreRuntime } from '../core-runtime';
import { Customers, type IdentityLookup, normaliseLookup } from '../customers/customers';
import { companyDomainOf } from '../customers/identities';
import { Facts } from '../facts/facts';
import { withinBudget } from '../hooks/hook-runner';
import { Interactions } from '../interactions/interactions';
import { Orders } from '../orders/orders';
import { type CardSlots, LOCALES, type Locale, type PanelInput } from '../plugins/define-plugin';
import { PreparedQuery } from '../storage/prepared-query';
import type { CoreTables, IdentityKind } from '../storage/schema';
import type { CardPanel, CustomerCard } from './customer-card';
import { localise, STAGE_ACTIONS, STAGE_LABELS } from './labels';

export type CardLookup = IdentityLookup | { customerId: number };

/** `exact`: the identity's own customer; `company`: an unknown person at a known company. */
export type CardMatch = 'exact' | 'company';

export interface CardResult {
  readonly match: CardMatch;
  readonly card: CustomerCard;
}

/** A card as the JSON text the API sends: kept ready, it is served without parsing. */
export interface CardText {
  readonly match: CardMatch;
  readonly json: string;
}

export interface RefreshOptions {
  /** The language to keep every card ready in; the team's own by default. */
  readonly locale?: Locale;
  /** Where to go on: the `next` of the page before. */
  readonly after?: number;
  /** Awaited between two cards, to let other work through (a server yields its event loop). */
  readonly pause?: () => Promise<void>;
}

export interface RefreshPage {
  /** Cards built on this page. */
  readonly built: number;
  /** The `after` of the next page, or null when this page ended the team. */
  readonly next: number | null;
}

/** The versions a card is built from. */
interface Versions {
  readonly card_version: number;
  readonly settings_version: number;
}

/** What a stored card was built from, and until when it holds. */
interface StoredVersions {
  readonly card_version: number | null;
  readonly settings_version: number | null;
  readonly valid_until: string | null;
}

/** The versions a card is built from, and the stored card, if any, with its versions. */
interface CardRow {
  readonly customer_id: number;
  readonly card_version: number;
  readonly settings_version: number;
  readonly stored_card_version: number | null;
  readonly stored_settings_version: number | null;
  readonly valid_until: string | null;
  readonly body: string | null;
}

// Facts (f), team (t) and stored card (c) columns of a CardRow.
const VERSIONS_AND_STORED_CARD = [
  'f.version as card_version',
  't.settings_version',
  'c.card_version as stored_card_version',
  'c.settings_version as stored_settings_version',
  'c.valid_until',
  'c.body',
] as const;

// One indexed read resolves the identity, the versions the card must match and the stored card.
const cardByIdentity = new PreparedQuery<
  { teamId: number; kind: IdentityKind; value: string; locale: Locale },
  CardRow
>((db, param) =>
  db
    .selectFrom('customer_identities as i')
    .innerJoin('customer_facts as f', 'f.customer_id', 'i.customer_id')
    .innerJoin('teams as t', 't.id', 'i.team_id')
    .leftJoin('customer_cards as c', (join) =>
      join.onRef('c.customer_id', '=', 'i.customer_id').on('c.locale', '=', param('locale')),
    )
    .select(['i.customer_id', ...VERSIONS_AND_STORED_CARD])
    .where('i.team_id', '=', param('teamId'))
    .where('i.kind', '=', param('kind'))
    .where('i.value', '=', param('value')),
);

const cardById = new PreparedQuery<{ teamId: number; id: number; locale: Locale }, CardRow>(
  (db, param) =>
    db
      .selectFrom('customer_facts as f')
      .innerJoin('teams as t', 't.id', 'f.team_id')
      .leftJoin('customer_cards as c', (join) =>
        join.onRef('c.customer_id', '=', 'f.customer_id').on('c.locale', '=', param('locale')),
      )
      .select(['f.customer_id', ...VERSIONS_AND_STORED_CARD])
      .where('f.team_id', '=', param('teamId'))
      .where('f.customer_id', '=', param('id')),
);

// How many rows of plugins' deferred work are queued for the customer.
const queuedWork = new PreparedQuery<{ id: number }, { queued: number }>((db, param) =>
  db
    .selectFrom('deferred_work')
    .select((eb) => eb.fn.countAll<number>().as('queued'))
    .where('customer_id', '=', param('id')),
);

const PANEL_BUDGET_MS = 250;
/** A card nobody writes to is still built again after a day, whatever its panels say. */
const MAX_CARD_AGE_MS = 86_400_000;
/** A card missing a panel that failed is built again soon, when the plugin may have recovered. */
const RETRY_FAILED_PANELS_MS = 60_000;
/** Customers looked at by one page of `refresh`; few enough for one `in (…)` list. */
const REFRESH_PAGE = 500;

/**
 * Builds customer cards and keeps them ready. A built card is stored as JSON text per
 * customer and language with the customer's card version and the team's settings version;
 * while both match and its `validUntil` has not passed, a request serves the stored text
 * from one indexed read. Every write that changes a card bumps one of the versions, so
 * several server processes on one database always agree. `refresh` builds stale and
 * missing cards ahead of requests.
 */
export class Context {
  readonly #rt: CoreRuntime;
  readonly #db: Kysely<CoreTables>;

  constructor(rt: CoreRuntime, db: Kysely<CoreTables>) {
    this.#rt = rt;
    this.#db = db;
  }

  /** The card for an identity or id in this team, or undefined if nobody matches. */
  async card(teamId: number, lookup: CardLookup, locale: Locale): Promise<CardResult | undefined> {
    const text = await this.cardText(teamId, lookup, locale);
    return text && { match: text.match, card: JSON.parse(text.json) as CustomerCard };
  }

  /** The card as JSON text: what the API sends, with no parsing of a card kept ready. */
  async cardText(
    teamId: number,
    lookup: CardLookup,
    locale: Locale,
  ): Promise<CardText | undefined> {
    const found = await this.#resolve(teamId, lookup, locale);
    if (found === undefined) return undefined;
    const { match, row } = found;
    const stored =
      row.body === null
        ? undefined
        : {
            ...row,
            card_version: row.stored_card_version,
            settings_version: row.stored_settings_version,
          };
    const json = this.#isCurrent(stored, row)
      ? (row.body as string)
      : await this.#rebuild(teamId, row, locale);
    return { match, json };
  }

  /**
   * One page of keeping the team's cards ready: of the next customers after `after` (by id),
   * builds the cards that are stale in any language (written to, settings changed, expired)
   * or missing in `locale`, but for customers with deferred work queued, whose cards are not
   * stored until it is done. Go on from `next` until it is null to have every card ready.
   */
  async refresh(teamId: number, options: RefreshOptions = {}): Promise<RefreshPage> {
    const team = await this.#db
      .selectFrom('teams')
      .select(['locale', 'settings_version'])
      .where('id', '=', teamId)
      .executeTakeFirst();
    if (team === undefined) return { built: 0, next: null };
    const keep = options.locale ?? (team.locale as Locale);
    const page = await this.#db
      .selectFrom('customer_facts')
      .select(['customer_id', 'version'])
      .where('team_id', '=', teamId)
      .where('customer_id', '>', options.after ?? 0)
      .orderBy('customer_id')
      .limit(REFRESH_PAGE)
      .execute();
    const last = page.at(-1);
    if (last === undefined) return { built: 0, next: null };
    let built = 0;
    for (const locale of LOCALES) {
      const stored = await this.#storedVersions(page, locale);
      for (const { customer_id, version } of page) {
        const card = stored.get(Number(customer_id));
        const wanted = {
          customer_id,
          card_version: version,
          settings_version: team.settings_version,
        };
        if (card === undefined ? locale !== keep : this.#isCurrent(card, wanted)) continue;
        // Not stored until the customer's deferred work is done: built when asked for.
        if ((await this.#queued(customer_id)) > 0) continue;
        await options.pause?.();
        await this.#rebuild(teamId, wanted, locale);
        built += 1;
      }
    }
    return { built, next: page.length < REFRESH_PAGE ? null : Number(last.customer_id) };
  }

  /**
   * Every page of `refresh` for the team, one after the other; returns how many cards were
   * built. Stops after the page in progress once `signal` is aborted.
   */
  async refreshAll(
    teamId: number,
    options: Omit<RefreshOptions, 'after'> & { readonly signal?: AbortSignal } = {},
  ): Promise<number> {
    const { signal, ...pageOptions } = options;
    let built = 0;
    for (let after: number | null = 0; after !== null && !signal?.aborted; ) {
      const page = await this.refresh(teamId, { ...pageOptions, after });
      built += page.built;
      after = page.next;
      await pageOptions.pause?.();
    }
    return built;
  }

  /** The versions and expiry of these customers' stored cards in `locale`, by customer. */
  async #storedVersions(page: readonly { customer_id: number }[], locale: Locale) {
    const rows = await this.#db
      .selectFrom('customer_cards')
      .select(['customer_id', 'card_version', 'settings_version', 'valid_until'])
      .where('locale', '=', locale)
      .where(
        'customer_id',
        'in',
        page.map((row) => row.customer_id),
      )
      .execute();
    return new Map(rows.map((row) => [Number(row.customer_id), row]));
  }

  async #resolve(teamId: number, lookup: CardLookup, locale: Locale) {
    if ('customerId' in lookup) {
      const row = await cardById.first(this.#db, { teamId, id: lookup.customerId, locale });
      return row && { match: 'exact' as const, row };
    }
    const { kind, value } = normaliseLookup(lookup);
    const row = await cardByIdentity.first(this.#db, { teamId, kind, value, locale });
    if (row !== undefined) return { match: 'exact' as const, row };
    const domain = kind === 'email' ? companyDomainOf(value) : undefined;
    const company =
      domain &&
      (await cardByIdentity.first(this.#db, { teamId, kind: 'domain', value: domain, locale }));
    return company ? { match: 'company' as const, row: company } : undefined;
  }

  /** Whether a stored card still shows what a card built from `wanted` would show now. */
  #isCurrent(stored: StoredVersions | undefined, wanted: Versions): boolean {
    return (
      stored !== undefined &&
      Number(stored.card_version) === Number(wanted.card_version) &&
      Number(stored.settings_version) === Number(wanted.settings_version) &&
      (stored.valid_until as string) > this.#rt.now()
    );
  }

  /**
   * Builds the card from the versions read with it, and stores it for the next request unless
   * plugins' deferred work is queued for the customer. A run of that work changes the card
   * without a new card version (queuing it bumped the version), so a card showing it pending
   * is built for each request until the work is done. The queue is read after the versions and
   * before the card: work queued up to those versions and done by then is on the card.
   */
  async #rebuild(
    teamId: number,
    row: Pick<CardRow, 'customer_id' | 'card_version' | 'settings_version'>,
    locale: Locale,
  ): Promise<string> {
    const cardVersion = Number(row.card_version);
    const settingsVersion = Number(row.settings_version);
    const queued = await this.#queued(row.customer_id);
    // Runs only take rows away until the next version: the count tells the card's states apart.
    const pending = queued > 0 ? `+${queued}` : '';
    const card = await this.#build(
      teamId,
      row.customer_id,
      locale,
      `${settingsVersion}.${cardVersion}${pending}`,
    );
    const json = JSON.stringify(card);
    if (queued > 0) return json;
    const stored = {
      card_version: cardVersion,
      settings_version: settingsVersion,
      valid_until: card.validUntil,
      body: json,
    };
    await this.#db
      .insertInto('customer_cards')
      .values({ customer_id: row.customer_id, locale, ...stored })
      .onConflict((oc) => oc.columns(['customer_id', 'locale']).doUpdateSet(stored))
      .execute();
    return json;
  }

  /** How many rows of plugins' deferred work are queued for the customer. */
  async #queued(customerId: number): Promise<number> {
    return Number((await queuedWork.first(this.#db, { id: customerId }))?.queued ?? 0);
  }

  async #build(
    teamId: number,
    customerId: number,
    locale: Locale,
    version: string,
  ): Promise<CustomerCard> {
    const builtAt = this.#rt.clock.now().getTime();
    const customers = new Customers(this.#rt, this.#db);
    const customer = await customers.get(teamId, customerId);
    const [company, facts, lastOrders, lastInteractions] = await Promise.all([
      customer.companyId === null ? undefined : customers.find(teamId, customer.companyId),
      new Facts(this.#db).get(teamId, customerId),
      new Orders(this.#rt, this.#db).forCustomer(teamId, customerId, 5),
      new Interactions(this.#rt, this.#db).forCustomer(teamId, customerId, 5),
    ]);
    const { panels, slots, complete } = await this.#panels(teamId, { customer, facts, locale });
    const fallback = STAGE_ACTIONS[customer.stage];
    const suggestions = [
      {
        label: localise(fallback.label, locale),
        reason: localise(fallback.reason, locale),
        priority: 10,
        plugin: null as string | null,
      },
      ...panels.flatMap((p) =>
        p.nextBestAction ? [{ ...p.nextBestAction, plugin: p.plugin }] : [],
      ),
    ];
    const nextBestAction = suggestions.reduce((best, s) => (s.priority > best.priority ? s : best));
    const validUntil = panels.reduce(
      (earliest, p) =>
        p.validUntil === undefined ? earliest : Math.min(earliest, Date.parse(p.validUntil)),
      builtAt + (complete ? MAX_CARD_AGE_MS : RETRY_FAILED_PANELS_MS),
    );
    return {
      customer,
      company: company ? { id: company.id, name: company.name } : null,
      stage: { value: customer.stage, label: localise(STAGE_LABELS[customer.stage], locale) },
      facts,
      lastOrders,
      lastInteractions,
      slots,
      panels,
      nextBestAction,
      locale,
      version,
      validUntil: new Date(validUntil).toISOString(),
    };
  }

  /**
   * Each enabled plugin's panels and the slots they fill; one that fails or overruns is left
   * out, not fatal, and the card is then not `complete`.
   */
  async #panels(
    teamId: number,
    input: PanelInput,
  ): Promise<{ panels: CardPanel[]; slots: Partial<CardSlots>; complete: boolean }> {
    const team = await this.#rt.settings.forTeam(this.#db, teamId);
    const panels: CardPanel[] = [];
    const slots: Partial<CardSlots> = {};
    let complete = true;
    for (const plugin of this.#rt.registry.plugins) {
      const setting = team.get(plugin.id);
      if (!setting.enabled || plugin.panels === undefined) continue;
      const ctx = this.#rt.context(plugin.id, teamId, team, this.#db);
      for (const definition of plugin.panels) {
        try {
          const panel = await withinBudget(() => definition.render(input, ctx), PANEL_BUDGET_MS);
          if (panel === null) continue;
          const { slots: filled, ...shown } = panel;
          Object.assign(slots, filled);
          panels.push({ ...shown, plugin: plugin.id, id: definition.id });
        } catch (error) {
          complete = false;
          this.#rt.logger.warn(
            { plugin: plugin.id, panel: definition.id, teamId, error: String(error) },
            'panel left out of the card',
          );
        }
      }
    }
    return { panels, slots, complete };
  }
}
