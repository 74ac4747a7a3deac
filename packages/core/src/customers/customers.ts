import {
  type Expression,
  expressionBuilder,
  type Insertable,
  type Kysely,
  type RawBuilder,
  type Selectable,
  sql,
} from 'kysely';
import { z } from 'zod';
import { addTo } from '../collections';
import type { CoreRuntime } from '../core-runtime';
import { type FieldIssue, GuanxiError, notFound, validationError } from '../errors';
import { touchCards } from '../facts/facts-writer';
import { type Stage, stageSchema } from '../lifecycle/stages';
import { ownerScope, type Viewer } from '../plugins/console';
import { PreparedQuery } from '../storage/prepared-query';
import type {
  CoreTables,
  CustomerIdentitiesTable,
  CustomersTable,
  IdentityKind,
} from '../storage/schema';
import { chunked, inTransaction } from '../storage/transaction';
import { requireTeam } from '../teams/teams';
import { parseBatch, parseInput } from '../validation';
import type { AttributeFact, Customer, CustomerWithIdentities } from './customer';
import {
  type CustomerInput,
  type CustomerPatch,
  customerInputSchema,
  customerPatchSchema,
  type IdentitiesInput,
  identitiesInputSchema,
  type ParsedCustomerInput,
} from './customer-input';
import { toCustomer, toIdentity } from './customer-rows';
import { matchingCustomerIds, refreshSearchText } from './customer-search';
import {
  companyDomainOf,
  domainSchema,
  emailDomain,
  emailSchema,
  normaliseEmail,
  phoneSchema,
} from './identities';
import { PUBLIC_MAIL_DOMAINS } from './public-mail-domains';
import { requireCustomers } from './require-customers';

const CHUNK = 200;

const byIdentity = new PreparedQuery<
  { teamId: number; kind: IdentityKind; value: string },
  Selectable<CustomersTable>
>((db, param) =>
  db
    .selectFrom('customer_identities as i')
    .innerJoin('customers as c', 'c.id', 'i.customer_id')
    .selectAll('c')
    .where('i.team_id', '=', param('teamId'))
    .where('i.kind', '=', param('kind'))
    .where('i.value', '=', param('value')),
);

const byId = new PreparedQuery<{ teamId: number; id: number }, Selectable<CustomersTable>>(
  (db, param) =>
    db
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', param('id'))
      .where('team_id', '=', param('teamId')),
);

const identitiesByCustomer = new PreparedQuery<{ id: number }, Selectable<CustomerIdentitiesTable>>(
  (db, param) =>
    db
      .selectFrom('customer_identities')
      .selectAll()
      .where('customer_id', '=', param('id'))
      .orderBy('id'),
);

export const customerListSchema = z.strictObject({
  q: z.string().trim().min(1).max(200).optional(),
  stage: stageSchema.optional(),
  kind: z.enum(['person', 'company']).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  after: z.number().int().nonnegative().default(0),
});

export type CustomerListOptions = z.input<typeof customerListSchema>;

export interface CustomerPage {
  readonly items: readonly Customer[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly next: number | null;
}

export type IdentityLookup = { email: string } | { domain: string } | { phone: string };

interface NewIdentity {
  readonly kind: IdentityKind;
  readonly value: string;
  readonly path: string;
}

/** People and companies, their identities (e-mails, domains, phones) and sourced facts. */
export class Customers {
  readonly #rt: CoreRuntime;
  readonly #db: Kysely<CoreTables>;

  constructor(rt: CoreRuntime, db: Kysely<CoreTables>) {
    this.#rt = rt;
    this.#db = db;
  }

  async create(teamId: number, input: CustomerInput): Promise<CustomerWithIdentities> {
    const [created] = await this.createMany(teamId, [input]);
    return created as CustomerWithIdentities;
  }

  /** Creates a batch: all or nothing, one `customer:created` event for the batch. */
  async createMany(
    teamId: number,
    inputs: readonly CustomerInput[],
  ): Promise<CustomerWithIdentities[]> {
    const parsed = parseBatch(customerInputSchema, inputs, 'customers');
    return inTransaction(this.#db, async (trx) => {
      await requireTeam(trx, teamId);
      const identities = parsed.map((input, index) => newIdentities(input, `customers.${index}.`));
      await assertIdentitiesFree(trx, teamId, identities.flat());
      await assertExternalRefsFree(trx, teamId, parsed);
      await assertMembers(trx, teamId, parsed);
      const now = this.#rt.now();
      const rows: Selectable<CustomersTable>[] = [];
      for (const chunk of chunked(parsed, CHUNK)) {
        const inserted = await trx
          .insertInto('customers')
          .values(chunk.map((input) => customerRow(teamId, input, now)))
          .returningAll()
          .execute();
        // Ids are drawn in VALUES order; RETURNING's own order is not promised.
        rows.push(...inserted.sort((a, b) => a.id - b.id));
      }
      const identityRows = rows.flatMap((row, index) =>
        (identities[index] ?? []).map((identity) => identityRow(teamId, row.id, identity, now)),
      );
      for (const chunk of chunked(identityRows, CHUNK)) {
        await trx.insertInto('customer_identities').values(chunk).execute();
      }
      for (const chunk of chunked(rows, CHUNK)) {
        await trx
          .insertInto('customer_facts')
          .values(chunk.map((row) => emptyFacts(row, now)))
          .execute();
        await trx
          .insertInto('stage_events')
          .values(
            chunk.map((row) => ({
              team_id: teamId,
              customer_id: row.id,
              from_stage: null,
              to_stage: row.stage,
              reason: 'created',
              actor: 'system',
              cause: 'created' as const,
              occurred_at: now,
            })),
          )
          .execute();
      }
      const links = await linkToCompanies(trx, teamId, rows, identityRows, now);
      const customers = rows.map((row) =>
        toCustomer({ ...row, company_id: links.companyOf.get(row.id) ?? row.company_id }),
      );
      await this.#rt.hooks.emit(trx, 'customer:created', teamId, customers);
      const created = new Set(rows.map((row) => row.id));
      const relinked = links.relinked.filter((customer) => !created.has(customer.id));
      await refreshSearchText(trx, [...created, ...relinked.map((c) => c.id)]);
      await touchCards(
        trx,
        relinked.map((c) => c.id),
      );
      await this.#emitUpdated(trx, teamId, relinked, ['companyId']);
      const identitiesByCustomer = new Map<number, ReturnType<typeof toIdentity>[]>();
      for (const row of identityRows) addTo(identitiesByCustomer, row.customer_id, toIdentity(row));
      return customers.map((customer) => ({
        ...customer,
        identities: identitiesByCustomer.get(customer.id) ?? [],
      }));
    });
  }

  /** The customer with its identities, or GX_ERR_NOT_FOUND if it is not in this team. */
  async get(teamId: number, customerId: number): Promise<CustomerWithIdentities> {
    const row = await byId.first(this.#db, { teamId, id: customerId });
    if (row === undefined) throw notFound('customer', 'customerId', customerId);
    const identities = await identitiesByCustomer.execute(this.#db, { id: customerId });
    return { ...toCustomer(row), identities: identities.map(toIdentity) };
  }

  async find(teamId: number, customerId: number): Promise<Customer | undefined> {
    const row = await byId.first(this.#db, { teamId, id: customerId });
    return row === undefined ? undefined : toCustomer(row);
  }

  /** The team's customer if the viewer's pages show them (`ownerScope`: a rep, their own). */
  async findFor(
    teamId: number,
    viewer: Pick<Viewer, 'userId' | 'role'>,
    customerId: number,
  ): Promise<Customer | undefined> {
    const customer = await this.find(teamId, customerId);
    const owner = ownerScope(viewer);
    return owner === undefined || customer?.ownerUserId === owner ? customer : undefined;
  }

  /** The team's customers among these ids, in no order; ids outside the team are left out. */
  async many(teamId: number, customerIds: readonly number[]): Promise<Customer[]> {
    const customers: Customer[] = [];
    for (const ids of chunked([...new Set(customerIds)], 500)) {
      const rows = await this.#db
        .selectFrom('customers')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('id', 'in', ids)
        .execute();
      customers.push(...rows.map(toCustomer));
    }
    return customers;
  }

  /** The names of the team's customers among these ids, for a page that lists them. */
  async names(teamId: number, customerIds: readonly number[]): Promise<Map<number, string>> {
    const customers = await this.many(teamId, customerIds);
    return new Map(customers.map((customer) => [customer.id, customer.name]));
  }

  /** Those of these customers of the team who are in `stage` (read by id: cheap on a batch's ids). */
  async inStage(
    teamId: number,
    stage: Stage,
    customerIds: readonly number[],
  ): Promise<Set<number>> {
    const found = new Set<number>();
    for (const ids of chunked([...new Set(customerIds)], 500)) {
      const rows = await this.#db
        .selectFrom('customers')
        .select('id')
        .where('team_id', '=', teamId)
        .where('id', 'in', ids)
        .where('stage', '=', stage)
        .execute();
      for (const row of rows) found.add(row.id);
    }
    return found;
  }

  /**
   * The ids (column `id`) of the team's customers a user owns, as a subquery read by the
   * (team, owner) index, for a caller that keeps a rep's pages to their own customers.
   */
  ownedBy(teamId: number, userId: number): Expression<{ id: number }> {
    return this.#db
      .selectFrom('customers')
      .select('id')
      .where('team_id', '=', teamId)
      .where('owner_user_id', '=', userId);
  }

  /** Customer ids by external reference, for those of `refs` the team has. */
  async idsByExternalRef(teamId: number, refs: readonly string[]): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    for (const chunk of chunked([...new Set(refs)], 500)) {
      const rows = await this.#db
        .selectFrom('customers')
        .select(['id', 'external_ref'])
        .where('team_id', '=', teamId)
        .where('external_ref', 'in', chunk)
        .execute();
      for (const row of rows) if (row.external_ref !== null) ids.set(row.external_ref, row.id);
    }
    return ids;
  }

  /** The customer owning an e-mail, domain or phone in this team; the input is normalised first. */
  async findByIdentity(teamId: number, lookup: IdentityLookup): Promise<Customer | undefined> {
    const { kind, value } = normaliseLookup(lookup);
    const row = await byIdentity.first(this.#db, { teamId, kind, value });
    return row === undefined ? undefined : toCustomer(row);
  }

  async update(teamId: number, customerId: number, patch: CustomerPatch): Promise<Customer> {
    const change = parseInput(customerPatchSchema, patch);
    return inTransaction(this.#db, async (trx) => {
      const before = await new Customers(this.#rt, trx).get(teamId, customerId);
      const now = this.#rt.now();
      const changed = Object.keys(change).filter(
        (key) => change[key as keyof typeof change] !== undefined,
      );
      if (change.externalRef) {
        await assertExternalRefsFree(
          trx,
          teamId,
          [{ externalRef: change.externalRef }],
          customerId,
        );
      }
      if (change.ownerUserId)
        await assertMembers(trx, teamId, [{ ownerUserId: change.ownerUserId }]);
      const row = await trx
        .updateTable('customers')
        .set({
          ...(change.name === undefined ? {} : { name: change.name }),
          ...(change.relationshipStage === undefined
            ? {}
            : { relationship_stage: change.relationshipStage }),
          ...(change.externalRef === undefined ? {} : { external_ref: change.externalRef }),
          ...(change.ownerUserId === undefined ? {} : { owner_user_id: change.ownerUserId }),
          ...(change.attributes === undefined
            ? {}
            : {
                attributes: JSON.stringify(
                  mergeAttributes(before.attributes, change.attributes, now),
                ),
              }),
          updated_at: now,
          version: before.version + 1,
        })
        .where('id', '=', customerId)
        .returningAll()
        .executeTakeFirstOrThrow();
      const customer = toCustomer(row);
      await touchCards(trx, [customerId]);
      if (change.name !== undefined)
        await refreshSearchText(trx, [customerId, ...(await peopleOf(trx, customer))]);
      await this.#rt.hooks.emit(trx, 'customer:updated', teamId, [{ customer, changed }]);
      return customer;
    });
  }

  /** Adds e-mails, domains and phones to a customer, linking a person to their company. */
  async addIdentities(
    teamId: number,
    customerId: number,
    input: IdentitiesInput,
  ): Promise<CustomerWithIdentities> {
    const parsed = parseInput(identitiesInputSchema, input);
    return inTransaction(this.#db, async (trx) => {
      const customers = new Customers(this.#rt, trx);
      const customer = await customers.get(teamId, customerId);
      const identities = newIdentities({ ...parsed, kind: customer.kind }, '').filter(
        (i) => !customer.identities.some((own) => own.kind === i.kind && own.value === i.value),
      );
      await assertIdentitiesFree(trx, teamId, identities);
      const now = this.#rt.now();
      const rows = identities.map((identity) => identityRow(teamId, customerId, identity, now));
      if (rows.length > 0) await trx.insertInto('customer_identities').values(rows).execute();
      const current = await trx
        .selectFrom('customers')
        .selectAll()
        .where('id', '=', customerId)
        .executeTakeFirstOrThrow();
      const links = await linkToCompanies(trx, teamId, [current], rows, now);
      await refreshSearchText(trx, [customerId, ...links.relinked.map((c) => c.id)]);
      await touchCards(trx, [customerId, ...links.relinked.map((c) => c.id)]);
      await this.#emitUpdated(trx, teamId, links.relinked, ['companyId']);
      return customers.get(teamId, customerId);
    });
  }

  async removeIdentity(teamId: number, lookup: IdentityLookup): Promise<void> {
    const { kind, value } = normaliseLookup(lookup);
    await inTransaction(this.#db, async (trx) => {
      const removed = await trx
        .deleteFrom('customer_identities')
        .where('team_id', '=', teamId)
        .where('kind', '=', kind)
        .where('value', '=', value)
        .returning('customer_id')
        .executeTakeFirst();
      if (removed === undefined) throw notFound('identity', kind, value);
      await refreshSearchText(trx, [removed.customer_id]);
      await touchCards(trx, [removed.customer_id]);
    });
  }

  /**
   * A page of the team's customers, oldest first, optionally narrowed by stage, kind and a
   * search over names, e-mails, phones, domains and company names. `after` is the last id
   * of the previous page (0, the default: from the first).
   */
  async list(teamId: number, options: CustomerListOptions = {}): Promise<CustomerPage> {
    const { q, stage, kind, limit, after } = parseInput(customerListSchema, options);
    const eb = expressionBuilder<CoreTables, 'customers'>();
    const narrowed = eb.and([
      eb('customers.team_id', '=', teamId),
      ...(stage === undefined ? [] : [eb('customers.stage', '=', stage)]),
      ...(kind === undefined ? [] : [eb('customers.kind', '=', kind)]),
    ]);
    // A search walks the matches in id order from the search index itself and joins each
    // to its customer, so a page stops at its last row: a word most customers share
    // ("customer", a surname) no longer gathers every match before the first page is cut.
    const rows =
      q === undefined
        ? await this.#db
            .selectFrom('customers')
            .selectAll()
            .where(narrowed)
            .where('id', '>', after)
            .orderBy('id')
            .limit(limit + 1)
            .execute()
        : await this.#db
            .selectFrom(
              sql<{ id: number }>`(${await matchingCustomerIds(this.#db, teamId, q)})`.as('hit'),
            )
            .crossJoin('customers')
            .selectAll('customers')
            .whereRef('customers.id', '=', 'hit.id')
            .where(narrowed)
            .where('hit.id', '>', after)
            .orderBy('hit.id')
            .limit(limit + 1)
            .execute();
    const items = rows.slice(0, limit).map(toCustomer);
    return { items, next: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
  }

  /**
   * The search of `list` as a subquery of the team's customer ids (column `id`) whose names,
   * identities or company names hold every word of `q`, for a caller that composes it with
   * filters and orders of its own (the console's customer list).
   */
  matching(teamId: number, q: string): Promise<Expression<{ id: number }>> {
    return matchingCustomerIds(this.#db, teamId, q);
  }

  /** How many of the team's customers each member owns (null: nobody), by the owner index. */
  async countByOwner(teamId: number): Promise<Map<number | null, number>> {
    const rows = await this.#db
      .selectFrom('customers')
      .select((eb) => ['owner_user_id', eb.fn.countAll<number>().as('n')])
      .where('team_id', '=', teamId)
      .groupBy('owner_user_id')
      .execute();
    return new Map(
      rows.map((row) => [
        row.owner_user_id === null ? null : Number(row.owner_user_id),
        Number(row.n),
      ]),
    );
  }

  /**
   * The owner of the customer a plugin's row names, as a scalar subquery of the customer's
   * primary key (`customerId` is the row's column, qualified): a plugin groups its own rows
   * by owner in one query, one key lookup a row, whatever the planner knows of the tables.
   */
  ownerOf(teamId: number, customerId: Expression<number>): RawBuilder<number | null> {
    return sql<number | null>`(select c.owner_user_id from customers c
      where c.id = ${customerId} and c.team_id = ${teamId})`;
  }

  /**
   * Tells cached cards of these customers that something they show has changed; for
   * plugins whose own data (points, tiers, complaints) appears on the card. An id outside
   * the team is GX_ERR_VALIDATION and touches nothing.
   */
  async touch(teamId: number, customerIds: readonly number[]): Promise<void> {
    await inTransaction(this.#db, async (trx) => {
      for (const chunk of chunked([...new Set(customerIds)], 500)) {
        const touched = await touchCards(trx, chunk, teamId);
        if (touched < chunk.length) {
          await requireCustomers(
            trx,
            teamId,
            customerIds.map((customerId) => ({ customerId })),
            'customerIds',
          );
        }
      }
    });
  }

  /** Tells every cached card of the team that it is stale: for changes to most of a book. */
  async touchAll(teamId: number): Promise<void> {
    await inTransaction(this.#db, async (trx) => {
      await requireTeam(trx, teamId);
      await this.#rt.settings.changed(trx, teamId);
    });
  }

  async #emitUpdated(
    trx: Kysely<CoreTables>,
    teamId: number,
    customers: readonly Customer[],
    changed: readonly string[],
  ): Promise<void> {
    await this.#rt.hooks.emit(
      trx,
      'customer:updated',
      teamId,
      customers.map((customer) => ({ customer, changed })),
    );
  }
}

function newIdentities(
  input: Pick<ParsedCustomerInput, 'kind' | 'emails' | 'domains' | 'phones'>,
  prefix: string,
): NewIdentity[] {
  if (input.kind === 'person' && input.domains.length > 0) {
    throw validationError([{ path: `${prefix}domains`, message: 'only a company has domains' }]);
  }
  return [
    ...input.emails.map((value, i) => ({
      kind: 'email' as const,
      value,
      path: `${prefix}emails.${i}`,
    })),
    ...input.domains.map((value, i) => ({
      kind: 'domain' as const,
      value,
      path: `${prefix}domains.${i}`,
    })),
    ...input.phones.map((value, i) => ({
      kind: 'phone' as const,
      value,
      path: `${prefix}phones.${i}`,
    })),
  ];
}

/** One identity belongs to one customer per team: refuses repeats in the batch and taken ones. */
async function assertIdentitiesFree(
  trx: Kysely<CoreTables>,
  teamId: number,
  identities: readonly NewIdentity[],
): Promise<void> {
  const issues: FieldIssue[] = [];
  const seen = new Map<string, string>();
  for (const identity of identities) {
    const key = `${identity.kind}:${identity.value}`;
    const first = seen.get(key);
    if (first !== undefined) issues.push({ path: identity.path, message: `repeats ${first}` });
    else seen.set(key, identity.path);
  }
  const byKind = new Map<IdentityKind, string[]>();
  for (const identity of identities) {
    addTo(byKind, identity.kind, identity.value);
  }
  const lookups = [...byKind].flatMap(([kind, values]) =>
    chunked([...new Set(values)], 500).map((chunk) => ({ kind, chunk })),
  );
  for (const { kind, chunk } of lookups) {
    const taken = await trx
      .selectFrom('customer_identities')
      .select(['kind', 'value', 'customer_id'])
      .where('team_id', '=', teamId)
      .where('kind', '=', kind)
      .where('value', 'in', chunk)
      .execute();
    for (const row of taken) {
      const path = seen.get(`${row.kind}:${row.value}`);
      if (path !== undefined) {
        issues.push({ path, message: `already belongs to customer ${row.customer_id}` });
      }
    }
  }
  if (issues.length > 0) {
    throw new GuanxiError('GX_ERR_CONFLICT', `Identity already in use: ${issues[0]?.path}`, {
      issues,
    });
  }
}

async function assertExternalRefsFree(
  trx: Kysely<CoreTables>,
  teamId: number,
  inputs: readonly { externalRef?: string | null | undefined }[],
  exceptCustomerId?: number,
): Promise<void> {
  const refs = inputs.flatMap((input, index) =>
    input.externalRef ? [{ ref: input.externalRef, index }] : [],
  );
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const { ref, index } of refs) {
    if (seen.has(ref)) issues.push({ path: `customers.${index}.externalRef`, message: 'repeated' });
    seen.add(ref);
  }
  for (const chunk of chunked([...seen], 500)) {
    const taken = await trx
      .selectFrom('customers')
      .select(['id', 'external_ref'])
      .where('team_id', '=', teamId)
      .where('external_ref', 'in', chunk)
      .execute();
    for (const row of taken) {
      if (row.id === exceptCustomerId) continue;
      const hit = refs.find((r) => r.ref === row.external_ref);
      const path = inputs.length === 1 ? 'externalRef' : `customers.${hit?.index}.externalRef`;
      issues.push({ path, message: `already used by customer ${row.id}` });
    }
  }
  if (issues.length > 0) {
    throw new GuanxiError('GX_ERR_CONFLICT', `External reference already in use`, { issues });
  }
}

async function assertMembers(
  trx: Kysely<CoreTables>,
  teamId: number,
  inputs: readonly { ownerUserId?: number | null | undefined }[],
): Promise<void> {
  const owners = [...new Set(inputs.flatMap((i) => (i.ownerUserId ? [i.ownerUserId] : [])))];
  if (owners.length === 0) return;
  const members = await trx
    .selectFrom('team_members')
    .select('user_id')
    .where('team_id', '=', teamId)
    .where('user_id', 'in', owners)
    .execute();
  const known = new Set(members.map((m) => m.user_id));
  const issues = inputs.flatMap((input, index) =>
    input.ownerUserId && !known.has(input.ownerUserId)
      ? [
          {
            path: inputs.length === 1 ? 'ownerUserId' : `customers.${index}.ownerUserId`,
            message: 'is not a member of this team',
          },
        ]
      : [],
  );
  if (issues.length > 0) throw validationError(issues);
}

function customerRow(
  teamId: number,
  input: ParsedCustomerInput,
  now: string,
): Insertable<CustomersTable> {
  return {
    team_id: teamId,
    kind: input.kind,
    name: input.name,
    stage: input.stage,
    relationship_stage: input.relationshipStage ?? null,
    company_id: null,
    owner_user_id: input.ownerUserId ?? null,
    external_ref: input.externalRef ?? null,
    attributes: JSON.stringify(mergeAttributes({}, input.attributes, now)),
    created_at: now,
    updated_at: now,
    stage_changed_at: now,
  };
}

function identityRow(teamId: number, customerId: number, identity: NewIdentity, now: string) {
  return {
    team_id: teamId,
    customer_id: customerId,
    kind: identity.kind,
    value: identity.value,
    email_domain: identity.kind === 'email' ? emailDomain(identity.value) : null,
    created_at: now,
  };
}

function emptyFacts(row: Selectable<CustomersTable>, now: string) {
  return {
    customer_id: row.id,
    team_id: row.team_id,
    order_count: 0,
    revenue: 0,
    margin: 0,
    interaction_count: 0,
    updated_at: now,
  };
}

/**
 * Links people to the company that owns their e-mail domain (free mail excepted), both
 * ways: new people to known companies, and new company domains to known people.
 */
async function linkToCompanies(
  trx: Kysely<CoreTables>,
  teamId: number,
  customers: readonly Selectable<CustomersTable>[],
  identities: readonly ReturnType<typeof identityRow>[],
  now: string,
): Promise<{ companyOf: Map<number, number>; relinked: Customer[] }> {
  const companyOf = new Map<number, number>();
  const relinked: Customer[] = [];
  const kindOf = new Map(customers.map((c) => [c.id, c]));
  const companyDomains = identities.filter(
    (i) =>
      i.kind === 'domain' &&
      kindOf.get(i.customer_id)?.kind === 'company' &&
      !PUBLIC_MAIL_DOMAINS.has(i.value),
  );
  for (const domain of companyDomains) {
    const rows = await trx
      .updateTable('customers')
      .set({ company_id: domain.customer_id, updated_at: now })
      .where('team_id', '=', teamId)
      .where('kind', '=', 'person')
      .where('company_id', 'is', null)
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('customer_identities')
          .select('customer_id')
          .where('team_id', '=', teamId)
          .where('email_domain', '=', domain.value),
      )
      .returningAll()
      .execute();
    for (const row of rows) {
      companyOf.set(row.id, domain.customer_id);
      relinked.push(toCustomer(row));
    }
  }
  const personEmails = identities.filter(
    (i) =>
      i.kind === 'email' &&
      kindOf.get(i.customer_id)?.kind === 'person' &&
      kindOf.get(i.customer_id)?.company_id === null &&
      !companyOf.has(i.customer_id) &&
      companyDomainOf(i.value) !== undefined,
  );
  const domains = [...new Set(personEmails.map((i) => i.email_domain as string))];
  const owners = new Map<string, number>();
  for (const chunk of chunked(domains, 500)) {
    const rows = await trx
      .selectFrom('customer_identities')
      .select(['value', 'customer_id'])
      .where('team_id', '=', teamId)
      .where('kind', '=', 'domain')
      .where('value', 'in', chunk)
      .execute();
    for (const row of rows) owners.set(row.value, row.customer_id);
  }
  const peopleByCompany = new Map<number, number[]>();
  for (const email of personEmails) {
    const company = owners.get(email.email_domain as string);
    if (company === undefined || companyOf.has(email.customer_id)) continue;
    companyOf.set(email.customer_id, company);
    addTo(peopleByCompany, company, email.customer_id);
  }
  for (const [company, people] of peopleByCompany) {
    for (const chunk of chunked(people, 500)) {
      const rows = await trx
        .updateTable('customers')
        .set({ company_id: company, updated_at: now })
        .where('id', 'in', chunk)
        .returningAll()
        .execute();
      relinked.push(...rows.map(toCustomer));
    }
  }
  return { companyOf, relinked };
}

function mergeAttributes(
  current: Readonly<Record<string, AttributeFact>>,
  changes: Readonly<Record<string, { value: unknown; source: AttributeFact['source'] } | null>>,
  now: string,
): Record<string, AttributeFact> {
  const merged: Record<string, AttributeFact> = { ...current };
  for (const [key, change] of Object.entries(changes)) {
    if (change === null) delete merged[key];
    else
      merged[key] = {
        value: change.value as AttributeFact['value'],
        source: change.source,
        recordedAt: now,
      };
  }
  return merged;
}

/** The kind and normalised value of an identity lookup; a bad value names its field. */
export function normaliseLookup(lookup: IdentityLookup): { kind: IdentityKind; value: string } {
  if ('email' in lookup) {
    const fast = typeof lookup.email === 'string' ? normaliseEmail(lookup.email) : undefined;
    return { kind: 'email', value: fast ?? parseInput(emailSchema, lookup.email, ['email']) };
  }
  if ('domain' in lookup) {
    return { kind: 'domain', value: parseInput(domainSchema, lookup.domain, ['domain']) };
  }
  if ('phone' in lookup)
    return { kind: 'phone', value: parseInput(phoneSchema, lookup.phone, ['phone']) };
  throw validationError([{ path: 'email', message: 'give an email, domain or phone' }]);
}

async function peopleOf(trx: Kysely<CoreTables>, customer: Customer): Promise<number[]> {
  if (customer.kind !== 'company') return [];
  const rows = await trx
    .selectFrom('customers')
    .select('id')
    .where('company_id', '=', customer.id)
    .execute();
  return rows.map((r) => r.id);
}
