import type { Kysely } from 'kysely';
import type { CoreRuntime } from '../core-runtime';
import { Customers, type IdentityLookup, normaliseLookup } from '../customers/customers';
import { companyDomainOf } from '../customers/identities';
import { Facts } from '../facts/facts';
import { withinBudget } from '../hooks/hook-runner';
import { Interactions } from '../interactions/interactions';
import { Orders } from '../orders/orders';
import type { Locale, PanelInput } from '../plugins/define-plugin';
import { PreparedQuery } from '../storage/prepared-query';
import type { CoreTables, IdentityKind } from '../storage/schema';
import type { CardPanel, CustomerCard } from './customer-card';
import { localise, STAGE_ACTIONS, STAGE_LABELS } from './labels';

export type CardLookup = IdentityLookup | { customerId: number };

export interface CardResult {
  /** `exact`: the identity's own customer; `company`: an unknown person at a known company. */
  readonly match: 'exact' | 'company';
  readonly card: CustomerCard;
}

interface CardKey {
  readonly customer_id: number;
  readonly card_version: number;
  readonly settings_version: number;
}

// One indexed read resolves the identity and returns both versions the cached card is checked against.
const cardKeyByIdentity = new PreparedQuery<
  { teamId: number; kind: IdentityKind; value: string },
  CardKey
>((db, param) =>
  db
    .selectFrom('customer_identities as i')
    .innerJoin('customer_facts as f', 'f.customer_id', 'i.customer_id')
    .innerJoin('teams as t', 't.id', 'i.team_id')
    .select(['i.customer_id', 'f.version as card_version', 't.settings_version'])
    .where('i.team_id', '=', param('teamId'))
    .where('i.kind', '=', param('kind'))
    .where('i.value', '=', param('value')),
);

const cardKeyById = new PreparedQuery<{ teamId: number; id: number }, CardKey>((db, param) =>
  db
    .selectFrom('customer_facts as f')
    .innerJoin('teams as t', 't.id', 'f.team_id')
    .select(['f.customer_id', 'f.version as card_version', 't.settings_version'])
    .where('f.team_id', '=', param('teamId'))
    .where('f.customer_id', '=', param('id')),
);

const CACHE_SIZE = 10_000;
const PANEL_BUDGET_MS = 250;

/**
 * Builds customer cards. A built card is cached and served again as long as the
 * customer's card version and the team's settings version are unchanged: one indexed read
 * each, correct with several server processes on one database.
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
    const found = await this.#resolve(teamId, lookup);
    if (found === undefined) return undefined;
    return { match: found.match, card: await this.#cardOf(teamId, found.key, locale) };
  }

  async #resolve(teamId: number, lookup: CardLookup) {
    if ('customerId' in lookup) {
      const key = await cardKeyById.first(this.#db, { teamId, id: lookup.customerId });
      return key && { match: 'exact' as const, key };
    }
    const { kind, value } = normaliseLookup(lookup);
    const key = await cardKeyByIdentity.first(this.#db, { teamId, kind, value });
    if (key !== undefined) return { match: 'exact' as const, key };
    const domain = kind === 'email' ? companyDomainOf(value) : undefined;
    const company =
      domain &&
      (await cardKeyByIdentity.first(this.#db, { teamId, kind: 'domain', value: domain }));
    return company ? { match: 'company' as const, key: company } : undefined;
  }

  async #cardOf(teamId: number, key: CardKey, locale: Locale): Promise<CustomerCard> {
    const version = `${key.settings_version}.${key.card_version}`;
    const cacheKey = `${teamId}:${key.customer_id}:${locale}`;
    const cached = this.#rt.cards.get(cacheKey);
    if (cached !== undefined && cached.version === version) return cached;
    const card = await this.#build(teamId, key.customer_id, locale, version);
    this.#rt.cards.delete(cacheKey);
    this.#rt.cards.set(cacheKey, card);
    if (this.#rt.cards.size > CACHE_SIZE) {
      const oldest = this.#rt.cards.keys().next().value;
      if (oldest !== undefined) this.#rt.cards.delete(oldest);
    }
    return card;
  }

  async #build(
    teamId: number,
    customerId: number,
    locale: Locale,
    version: string,
  ): Promise<CustomerCard> {
    const customers = new Customers(this.#rt, this.#db);
    const customer = await customers.get(teamId, customerId);
    const [company, facts, lastOrders, lastInteractions] = await Promise.all([
      customer.companyId === null ? undefined : customers.find(teamId, customer.companyId),
      new Facts(this.#db).get(teamId, customerId),
      new Orders(this.#rt, this.#db).forCustomer(teamId, customerId, 5),
      new Interactions(this.#rt, this.#db).forCustomer(teamId, customerId, 5),
    ]);
    const panels = await this.#panels(teamId, { customer, facts, locale });
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
    return {
      customer,
      company: company ? { id: company.id, name: company.name } : null,
      stage: { value: customer.stage, label: localise(STAGE_LABELS[customer.stage], locale) },
      facts,
      lastOrders,
      lastInteractions,
      slots: Object.assign({}, ...panels.map((p) => p.slots ?? {})),
      panels,
      nextBestAction,
      locale,
      version,
    };
  }

  /** Each enabled plugin's panels; one that fails or overruns is left out, not fatal. */
  async #panels(teamId: number, input: PanelInput): Promise<CardPanel[]> {
    const team = await this.#rt.settings.forTeam(this.#db, teamId);
    const panels: CardPanel[] = [];
    for (const plugin of this.#rt.registry.plugins) {
      const setting = team.get(plugin.id);
      if (!setting.enabled || plugin.panels === undefined) continue;
      const ctx = this.#rt.context(plugin.id, teamId, setting.config, this.#db);
      for (const definition of plugin.panels) {
        try {
          const panel = await withinBudget(() => definition.render(input, ctx), PANEL_BUDGET_MS);
          if (panel !== null) panels.push({ ...panel, plugin: plugin.id, id: definition.id });
        } catch (error) {
          this.#rt.logger.warn(
            { plugin: plugin.id, panel: definition.id, teamId, error: String(error) },
            'panel left out of the card',
          );
        }
      }
    }
    return panels;
  }
}
