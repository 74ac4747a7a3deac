import type { ColumnType, Generated } from 'kysely';

/** ISO-8601 UTC text (`2024-05-01T08:00:00.000Z`) on both dialects, so it sorts as it reads. */
export type IsoTime = string;
/** JSON stored as text on both dialects. */
export type JsonText = string;

export type Role = 'admin' | 'manager' | 'rep';
export type CustomerKind = 'person' | 'company';
export type Stage = 'potential' | 'target' | 'active' | 'churned' | 'non_customer';
export type IdentityKind = 'email' | 'domain' | 'phone';

export interface TeamsTable {
  id: Generated<number>;
  name: string;
  slug: string;
  currency: string;
  locale: string;
  /** IANA time zone; days and dates without a time are read in it. */
  time_zone: string;
  settings_version: Generated<number>;
  created_at: IsoTime;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  created_at: IsoTime;
}

export interface TeamMembersTable {
  team_id: number;
  user_id: number;
  role: Role;
  created_at: IsoTime;
}

export interface ApiKeysTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  prefix: string;
  hash: string;
  created_at: IsoTime;
  last_used_at: IsoTime | null;
  revoked_at: IsoTime | null;
}

export interface CustomersTable {
  id: Generated<number>;
  team_id: number;
  kind: CustomerKind;
  name: string;
  stage: Stage;
  relationship_stage: string | null;
  company_id: number | null;
  owner_user_id: number | null;
  external_ref: string | null;
  attributes: JsonText;
  version: Generated<number>;
  created_at: IsoTime;
  updated_at: IsoTime;
  stage_changed_at: IsoTime;
}

export interface CustomerIdentitiesTable {
  id: Generated<number>;
  team_id: number;
  customer_id: number;
  kind: IdentityKind;
  value: string;
  email_domain: string | null;
  created_at: IsoTime;
}

export interface OrdersTable {
  id: Generated<number>;
  team_id: number;
  customer_id: number;
  external_id: string | null;
  amount: number;
  cost: number | null;
  currency: string;
  placed_at: IsoTime;
  created_at: IsoTime;
}

export interface InteractionsTable {
  id: Generated<number>;
  team_id: number;
  customer_id: number;
  channel: string;
  direction: 'inbound' | 'outbound';
  summary: string;
  occurred_at: IsoTime;
  actor: string;
  created_at: IsoTime;
}

export interface StageEventsTable {
  id: Generated<number>;
  team_id: number;
  customer_id: number;
  from_stage: Stage | null;
  to_stage: Stage;
  reason: string;
  actor: string;
  cause: 'manual' | 'order' | 'created';
  occurred_at: IsoTime;
}

export interface CustomerFactsTable {
  customer_id: number;
  team_id: number;
  first_order_at: IsoTime | null;
  last_order_at: IsoTime | null;
  order_count: number;
  revenue: number;
  margin: number;
  last_interaction_at: IsoTime | null;
  interaction_count: number;
  /** Bumped by every write that changes what the customer's card shows. */
  version: Generated<number>;
  updated_at: IsoTime;
}

/** A rendered customer card, kept ready; see Context. */
export interface CustomerCardsTable {
  customer_id: number;
  locale: string;
  card_version: number;
  settings_version: number;
  valid_until: IsoTime;
  body: string;
}

export interface PluginSettingsTable {
  team_id: number;
  plugin_id: string;
  enabled: number;
  config: JsonText;
  updated_at: IsoTime;
}

export interface AuditLogTable {
  id: Generated<number>;
  team_id: number | null;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: JsonText | null;
  after: JsonText | null;
  occurred_at: IsoTime;
}

export interface HookFailuresTable {
  id: Generated<number>;
  team_id: number;
  plugin_id: string;
  hook: string;
  payload: JsonText;
  error: string;
  kind: 'error' | 'timeout';
  attempts: ColumnType<number, number | undefined, number>;
  created_at: IsoTime;
  replayed_at: IsoTime | null;
}

export interface WebhooksTable {
  id: Generated<number>;
  team_id: number;
  url: string;
  secret: string;
  events: JsonText;
  active: number;
  created_at: IsoTime;
  /** The secret the last rotation replaced; it signs beside the new one until it expires. */
  previous_secret: string | null;
  previous_secret_expires_at: IsoTime | null;
  /** When the first of the failed attempts since the last delivered one was made. */
  failing_since: IsoTime | null;
  /** Why the webhook is inactive: `deactivated` by an admin, or `failing` for too long. */
  disabled_reason: WebhookDisabledReason | null;
  disabled_at: IsoTime | null;
}

export type WebhookDisabledReason = 'deactivated' | 'failing';

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  outbox_id: number;
  webhook_id: number;
  attempt: number;
  status: number | null;
  error: string | null;
  duration_ms: number;
  at: IsoTime;
}

export interface OutboxTable {
  id: Generated<number>;
  team_id: number;
  webhook_id: number;
  /** Sent as `webhook-id`: the same on every attempt, and on a resend of the message. */
  message_id: string;
  event: string;
  payload: JsonText;
  created_at: IsoTime;
  attempts: ColumnType<number, number | undefined, number>;
  first_attempted_at: IsoTime | null;
  next_attempt_at: IsoTime;
  delivered_at: IsoTime | null;
  /** Set when delivery was given up after the last retry. */
  failed_at: IsoTime | null;
}

/** A console session: only the hash of its token is kept. */
export interface SessionsTable {
  id: Generated<number>;
  hash: string;
  user_id: number;
  key_id: number;
  created_at: IsoTime;
  last_seen_at: IsoTime;
  expires_at: IsoTime;
}

export type ImportKind = 'customers' | 'orders';
export type ImportStatus = 'running' | 'done' | 'failed';

/** A CSV import started from the console, with its progress and outcome. */
export interface ImportRunsTable {
  id: Generated<number>;
  team_id: number;
  kind: ImportKind;
  file_name: string;
  encoding: string;
  status: ImportStatus;
  bytes: ColumnType<number, number | undefined, number>;
  total_bytes: number;
  rows: ColumnType<number, number | undefined, number>;
  imported: ColumnType<number, number | undefined, number>;
  duplicates: ColumnType<number, number | undefined, number>;
  rejected: ColumnType<number, number | undefined, number>;
  customers_created: ColumnType<number, number | undefined, number>;
  ignored_columns: ColumnType<JsonText, JsonText | undefined, JsonText>;
  /** The reject report as CSV text (line, field, reason); null when nothing was refused. */
  rejects: string | null;
  error: string | null;
  actor: string;
  created_at: IsoTime;
  updated_at: IsoTime;
  finished_at: IsoTime | null;
}

/** A customer a plugin's deferred handler is to look at again; see core.deferred. */
export interface DeferredWorkTable {
  id: Generated<number>;
  team_id: number;
  plugin_id: string;
  customer_id: number;
  queued_at: IsoTime;
  attempts: ColumnType<number, number | undefined, number>;
  /** Not taken before this time: the queuing time, later after a failed pass. */
  run_after: IsoTime;
}

export interface CoreTables {
  teams: TeamsTable;
  users: UsersTable;
  team_members: TeamMembersTable;
  api_keys: ApiKeysTable;
  customers: CustomersTable;
  customer_identities: CustomerIdentitiesTable;
  orders: OrdersTable;
  interactions: InteractionsTable;
  stage_events: StageEventsTable;
  customer_facts: CustomerFactsTable;
  customer_cards: CustomerCardsTable;
  plugin_settings: PluginSettingsTable;
  audit_log: AuditLogTable;
  hook_failures: HookFailuresTable;
  webhooks: WebhooksTable;
  outbox: OutboxTable;
  webhook_deliveries: WebhookDeliveriesTable;
  deferred_work: DeferredWorkTable;
  sessions: SessionsTable;
  import_runs: ImportRunsTable;
}
