import type { Kysely } from 'kysely';
import { Audit } from './audit/audit';
import { ApiKeys } from './auth/api-keys';
import { Sessions } from './auth/sessions';
import { Context } from './context/context';
import type { CoreRuntime } from './core-runtime';
import { Customers } from './customers/customers';
import { Deferred } from './deferred/deferred';
import { Facts } from './facts/facts';
import { HookFailures } from './hooks/hook-failures';
import { ImportRuns } from './imports/import-runs';
import { Interactions } from './interactions/interactions';
import { Lifecycle } from './lifecycle/lifecycle';
import { Orders } from './orders/orders';
import { ConsoleParts } from './plugins/console-parts';
import { Plugins } from './plugins/plugins';
import { Privacy } from './privacy/privacy';
import type { CoreTables } from './storage/schema';
import { inTransaction } from './storage/transaction';
import { Teams } from './teams/teams';
import { Users } from './teams/users';
import { Webhooks } from './webhooks/webhooks';

/** The core's operations. Plugins get one bound to the transaction they run in. */
export interface CoreApi {
  readonly teams: Teams;
  readonly users: Users;
  readonly customers: Customers;
  readonly orders: Orders;
  readonly interactions: Interactions;
  readonly lifecycle: Lifecycle;
  readonly facts: Facts;
  readonly plugins: Plugins;
  readonly hookFailures: HookFailures;
  readonly audit: Audit;
  readonly apiKeys: ApiKeys;
  readonly context: Context;
  readonly webhooks: Webhooks;
  readonly privacy: Privacy;
  /** Plugins' deferred work: run it, read the backlog. */
  readonly deferred: Deferred;
  /** Console sessions: a token's hash, bound to a user and their key. */
  readonly sessions: Sessions;
  /** CSV imports run in the background, with their progress and outcome. */
  readonly imports: ImportRuns;
  /** What the team's plugins add to the console: pages, widgets, timeline entries, filters. */
  readonly console: ConsoleParts;
  /** Runs `fn` with an API whose every call shares one transaction. */
  transaction<T>(fn: (core: CoreApi) => Promise<T>): Promise<T>;
}

export function createCoreApi(rt: CoreRuntime, db: Kysely<CoreTables>): CoreApi {
  return {
    teams: new Teams(rt, db),
    users: new Users(rt, db),
    customers: new Customers(rt, db),
    orders: new Orders(rt, db),
    interactions: new Interactions(rt, db),
    lifecycle: new Lifecycle(rt, db),
    facts: new Facts(db),
    plugins: new Plugins(rt, db),
    hookFailures: new HookFailures(rt, db),
    audit: new Audit(rt, db),
    apiKeys: new ApiKeys(rt, db),
    context: new Context(rt, db),
    webhooks: new Webhooks(rt, db),
    privacy: new Privacy(rt, db),
    deferred: new Deferred(rt, db),
    sessions: new Sessions(rt, db),
    imports: new ImportRuns(rt, db),
    console: new ConsoleParts(rt, db),
    transaction: (fn) => inTransaction(db, (trx) => fn(createCoreApi(rt, trx))),
  };
}
