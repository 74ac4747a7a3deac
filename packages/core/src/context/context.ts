import type { Kysely } from 'kysely';
import type { CoreRuntime } from '../core-runtime';
import { Customers, type IdentityLookup } from '../customers/customers';
import { companyDomainOf, emailSchema } from '../customers/identities';
import { Facts } from '../facts/facts';
import { withinBudget } from '../hooks/hook-runner';
import { Interactions } from '../interactions/interactions';
import { Orders } from '../orders/orders';
import type { Locale, PanelInput } from '../plugins/define-plugin';
import { PreparedQuery } from '../storage/prepared-query';
import type { CoreTables } from '../storage/schema';
import type { CardPanel, CustomerCard } from './customer-card';
import { localise, STAGE_ACTIONS, STAGE_LABELS } from './labels';

export type CardLookup = IdentityLookup | { customerId: number };

export interface CardResult {
  /** `exact`: the identity's own customer; `company`: an unknown person at a known company. */
  readonly match: 'exact' | 'company';
  readonly card: CustomerCard;
}

const cardVersion = new PreparedQuery<{ teamId: number; id: number }, { version: number }>(
  (db, param) =>
    db
      .selectFrom('customer_facts')
      .select('version')
      .where('customer_id', '=', param('id'))
      .where('team_id', '=', param('teamId')),
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
    return { match: found.match, card: await this.#cardOf(teamId, found.customerId, locale) };
  }

  async #resolve(teamId: number, lookup: CardLookup) {
    const customers = new Customers(this.#rt, this.#db);
    if ('customerId' in lookup) {
      const customer = await customers.find(teamId, lookup.customerId);
      return customer && { match: 'exact' as const, customerId: customer.id };
    }
    const customer = await customers.findByIdentity(teamId, lookup);
    if (customer !== undefined) return { match: 'exact' as const, customerId: customer.id };
    if (!('email' in lookup)) return undefined;
    const domain = companyDomainOf(emailSchema.parse(lookup.email));
    const company = domain && (await customers.findByIdentity(teamId, { domain }));
    return company ? { match: 'company' as const, customerId: company.id } : undefined;
  }

  async #cardOf(teamId: number, customerId: number, locale: Locale): Promise<CustomerCard> {
    const settings = await this.#rt.settings.forTeam(this.#db, teamId);
    const facts = await cardVersion.first(this.#db, { teamId, id: customerId });
    const version = `${settings.version}.${facts?.version ?? 0}`;
    const key = `${teamId}:${customerId}:${locale}`;
    const cached = this.#rt.cards.get(key);
    if (cached !== undefined && cached.version === version) return cached;
    const card = await this.#build(teamId, customerId, locale, version);
    this.#rt.cards.delete(key);
    this.#rt.cards.set(key, card);
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
  async #panels(
    teamId: number,
    input: Parameters<
      NonNullable<CoreRuntime['registry']['plugins'][number]['panels']>[number]['render']
    >[0],
  ): Promise<CardPanel[]> {
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
