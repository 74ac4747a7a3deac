export type { AuditEntry, AuditRecord } from './audit/audit';
export type { ApiKeyInfo, CreatedApiKey, Principal } from './auth/api-keys';
export {
  DEFAULT_SESSION_LIMITS,
  type NewSession,
  type Session,
  type SessionLimits,
} from './auth/sessions';
export { type Clock, systemClock } from './clock';
export type {
  CardLookup,
  CardMatch,
  CardResult,
  CardText,
  RefreshOptions,
  RefreshPage,
} from './context/context';
export type { CardPanel, CustomerCard } from './context/customer-card';
export { CHANNEL_LABELS, STAGE_LABELS } from './context/labels';
export { type Core, type CoreOptions, createCore } from './core';
export type { CoreApi } from './core-api';
export type { WebhookOptions } from './core-runtime';
export * from './customers/customer';
export type { CustomerInput, CustomerPatch, IdentitiesInput } from './customers/customer-input';
export {
  customerInputSchema,
  customerPatchSchema,
  identitiesInputSchema,
} from './customers/customer-input';
export type { CustomerListOptions, CustomerPage, IdentityLookup } from './customers/customers';
export { customerListSchema } from './customers/customers';
export {
  companyDomainOf,
  domainSchema,
  emailSchema,
  normaliseDomain,
  normalisePhone,
  phoneSchema,
} from './customers/identities';
export { PUBLIC_MAIL_DOMAINS } from './customers/public-mail-domains';
export type {
  Deferred,
  DeferredBacklog,
  DeferredRun,
  DrainOptions,
  DrainSummary,
} from './deferred/deferred';
export {
  type ErrorCode,
  type FieldIssue,
  GuanxiError,
  isGuanxiError,
  notFound,
  validationError,
} from './errors';
export type { CustomerFacts } from './facts/customer-facts';
export type { HookFailure, ReplayResult } from './hooks/hook-failures';
export * from './hooks/hook-types';
export {
  IMPORT_KINDS,
  type ImportKind,
  type ImportOutcome,
  type ImportProgressUpdate,
  type ImportRun,
  type ImportStart,
  type ImportStatus,
} from './imports/import-runs';
export * from './interactions/interaction';
export type { InteractionInput } from './interactions/interactions';
export { interactionInputSchema } from './interactions/interactions';
export type { JobInfo, RunJobOptions } from './jobs/jobs';
export type { TransitionInput } from './lifecycle/lifecycle';
export { transitionInputSchema } from './lifecycle/lifecycle';
export type { ProposedTransition, StageCause, StageEvent } from './lifecycle/stage-event';
export * from './lifecycle/stages';
export {
  addDays,
  canonicalTimeZone,
  dayOf,
  daysBetween,
  daysFromDayTo,
  defaultTimeZone,
  localTimeText,
  startOfDay,
  startOfDayFrom,
  timeZoneSchema,
  wallClockOf,
} from './local-days';
export { type Logger, silentLogger } from './logger';
export { formatAmount, formatMoney, majorUnits, minorDigits } from './money';
export type { Order } from './orders/order';
export type { OrderInput } from './orders/order-input';
export { orderInputSchema } from './orders/order-input';
export { addSummaries, NO_ORDERS, type OrderSummary } from './orders/order-summary';
export type { DayTotal, RecordOrdersOptions, RecordOrdersResult } from './orders/orders';
export * from './plugins/console';
export type {
  PluginTimelineEntry,
  RenderedWidget,
  TeamCustomerFilter,
  TeamPage,
} from './plugins/console-parts';
export * from './plugins/define-plugin';
export * from './plugins/plugin-route';
export type { PluginSetting } from './plugins/plugin-settings';
export type {
  PluginCaller,
  PluginChange,
  PluginInfo,
  PluginRequest,
  TeamScorer,
} from './plugins/plugins';
export * from './plugins/report-blocks';
export * from './plugins/report-range';
export {
  defineService,
  provide,
  type ServiceProvision,
  type ServiceRef,
} from './plugins/services';
export { type CoreExport, ERASED_TEXT, erasedName } from './privacy/core-part';
export type { HookFailureEntry, WebhookEventEntry } from './privacy/event-payloads';
export type { CustomerExport, ErasureSummary, ExportOptions } from './privacy/privacy';
export { dialectOf, withIdColumn } from './storage/columns';
export {
  type Database,
  DEFAULT_DATABASE_FILE,
  type Dialect,
  isPostgresUrl,
  type OpenDatabaseOptions,
  openDatabase,
} from './storage/database';
export type { MigrationReport, Migrations } from './storage/migrate';
export {
  type CustomerKey,
  customerKeys,
  type PackedResult,
  packedCustomerRows,
  packRows,
  unpackRows,
} from './storage/packed-rows';
export { PreparedBatch } from './storage/prepared-batch';
export { PreparedQuery } from './storage/prepared-query';
export type { CoreTables } from './storage/schema';
export { chunked } from './storage/transaction';
export { ROLES, roleAtLeast, roleSchema } from './teams/roles';
export type { Membership, Role, Team, User } from './teams/team';
export type { TeamInput, TeamPatch } from './teams/teams';
export { teamInputSchema, teamPatchSchema } from './teams/teams';
export type { UserInput } from './teams/users';
export { userInputSchema } from './teams/users';
export { instantIn, isCalendarDay, isoTimeSchema, normaliseTime } from './time';
export { nulIssues, parseInput, readJsonBody, toFieldIssues } from './validation';
export {
  DISABLE_AFTER_MS,
  RETRY_FOR_MS,
  RETRY_STEPS_MS,
  retryDelayMs,
  retryStepMs,
} from './webhooks/schedule';
export { ROTATION_WINDOW_MS, SECRET_PREFIX, secretKey } from './webhooks/signing';
export { isPublicAddress, WebhookTargets } from './webhooks/targets';
export {
  type DeliveryAttempt,
  type DeliveryLogEntry,
  type DueDelivery,
  type ResentDelivery,
  type Webhook,
  type WebhookDisabledReason,
  type WebhookInput,
  type WebhookWithSecret,
  webhookInputSchema,
} from './webhooks/webhooks';
