import type { Expression } from 'kysely';
import type { z } from 'zod';
import type { PluginContext } from '../hooks/hook-types';
import type { Role } from '../storage/schema';
import type { Locale } from './define-plugin';

/**
 * What plugins add to the console, as data: pages, dashboard widgets, entries of a
 * customer's timeline and filters of the customer list. The server renders it with its own
 * components; a plugin needs no UI or HTTP library.
 */

/** A text in every language the console speaks, or a function of the reader's language. */
export type Label = Readonly<Record<Locale, string>> | ((locale: Locale) => string);

export function labelText(label: Label, locale: Locale): string {
  return typeof label === 'function' ? label(locale) : label[locale];
}

/** Who is looking: a rep's page shows their own customers, queue and figures. */
export interface Viewer {
  readonly userId: number;
  readonly role: Role;
  /** As histories and the audit log record them: `user:12`. */
  readonly actor: string;
}

export interface PageInput {
  readonly locale: Locale;
  readonly viewer: Viewer;
  /** The query string as sent: filters, paging, dates. Check each value before using it. */
  readonly query: Readonly<Record<string, string>>;
  /** `csv` when a table of the page is being downloaded: give every row, not one page. */
  readonly purpose: 'page' | 'csv';
}

/** A link to another page of the same plugin, with its query. */
export interface PageLink {
  readonly page: string;
  readonly query?: Readonly<Record<string, string>>;
}

/** A table cell: text, a number, a link to a customer or a page, or a button running an action. */
export type Cell =
  | string
  | number
  | null
  | { readonly text: string; readonly customerId: number }
  | { readonly text: string; readonly link: PageLink }
  | {
      readonly action: string;
      readonly label: string;
      /** The action's input, sent as the form's fields. */
      readonly fields: Readonly<Record<string, string>>;
    };

export interface TableColumn {
  readonly key: string;
  readonly label: string;
  /** Right-aligned figures. */
  readonly numeric?: boolean;
}

export interface TableBlock {
  readonly kind: 'table';
  /** Names the table in its CSV download's address: unique within the page. */
  readonly id: string;
  readonly title?: string;
  readonly caption?: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly Readonly<Record<string, Cell>>[];
  /** Shown instead of an empty table. */
  readonly empty?: string;
  /** The query of the next page of rows, when there is one. */
  readonly next?: Readonly<Record<string, string>>;
}

/** Bars and lines take any number of series over the labels; a pyramid or funnel the first. */
export interface ChartBlock {
  readonly kind: 'chart';
  readonly chart: 'bar' | 'line' | 'pyramid' | 'funnel';
  readonly title: string;
  readonly caption?: string;
  readonly labels: readonly string[];
  readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
  /** A second line under each band of a pyramid or funnel (a share of revenue, say). */
  readonly notes?: readonly string[];
}

export interface StatsBlock {
  readonly kind: 'stats';
  readonly items: readonly {
    readonly label: string;
    readonly value: string | number;
    readonly hint?: string;
  }[];
}

export interface TextBlock {
  readonly kind: 'heading' | 'text';
  readonly text: string;
}

/** The one line a report shows saying which rule it measures and where the rule comes from. */
export interface RuleBlock {
  readonly kind: 'rule';
  readonly text: string;
}

export interface Option {
  readonly value: string;
  readonly label: string;
}

/** A field of a filter bar (sent as the page's query) or of a form (sent to an action). */
export type Field =
  | {
      /**
       * `datetime` sends a wall-clock time without a zone (`2025-05-01T09:30`): place it on the
       * team's clock with `instantIn(value, ctx.timeZone)`, as the core does its own.
       */
      readonly type: 'text' | 'textarea' | 'number' | 'date' | 'datetime';
      readonly name: string;
      readonly label: string;
      readonly value?: string;
      readonly required?: boolean;
      readonly hint?: string;
    }
  | {
      readonly type: 'select';
      readonly name: string;
      readonly label: string;
      readonly options: readonly Option[];
      readonly value?: string;
      readonly required?: boolean;
      readonly hint?: string;
    }
  | { readonly type: 'hidden'; readonly name: string; readonly value: string };

/** Filters of the page: a GET form whose fields become the page's query. */
export interface FiltersBlock {
  readonly kind: 'filters';
  readonly fields: readonly Field[];
}

/** A form whose submission runs one of the page's actions. */
export interface FormBlock {
  readonly kind: 'form';
  readonly action: string;
  readonly title?: string;
  readonly caption?: string;
  readonly fields: readonly Field[];
  readonly submit: string;
}

export type Block =
  | TableBlock
  | ChartBlock
  | StatsBlock
  | TextBlock
  | RuleBlock
  | FiltersBlock
  | FormBlock;

export interface PageContent {
  readonly blocks: readonly Block[];
}

export interface ActionInput {
  readonly locale: Locale;
  readonly viewer: Viewer;
}

/** Something a page's form does; its input is the form's fields, validated by `input`. */
export interface PageActionDefinition<TConfig, TSchema extends z.ZodType = z.ZodType> {
  readonly roles: readonly Role[];
  /** The form's fields, as strings (numbers from number fields): use `z.coerce` where needed. */
  readonly input: TSchema;
  /** Said once the action has run. */
  readonly done: Label;
  run(input: z.output<TSchema>, ctx: PluginContext<TConfig>, caller: ActionInput): Promise<void>;
}

/** Types an action by its input schema; a page's `actions` map holds them side by side. */
export function pageAction<TConfig, TSchema extends z.ZodType>(
  action: PageActionDefinition<TConfig, TSchema>,
): PageActionDefinition<TConfig> {
  return action as unknown as PageActionDefinition<TConfig>;
}

/** A page of the console under the plugin's own path, for the roles it names. */
export interface PageDefinition<TConfig> {
  /** One kebab-case segment: `/admin/teams/<team>/plugins/<plugin>/<path>`. */
  readonly path: string;
  readonly title: Label;
  readonly roles: readonly Role[];
  /** Listed in the console's navigation; false for a page reached by links. Default true. */
  readonly nav?: boolean;
  render(input: PageInput, ctx: PluginContext<TConfig>): Promise<PageContent>;
  readonly actions?: Readonly<Record<string, PageActionDefinition<TConfig>>>;
}

/** A section of a team's overview. */
export interface WidgetDefinition<TConfig> {
  readonly id: string;
  readonly title: Label;
  readonly roles: readonly Role[];
  /** A page of the plugin the widget links to for more. */
  readonly page?: string;
  render(input: PageInput, ctx: PluginContext<TConfig>): Promise<readonly Block[]>;
}

export interface TimelineInput {
  readonly customerId: number;
  /** ISO times; entries at or after `from` and before `to`. */
  readonly from?: string;
  readonly to?: string;
  /** The newest this many entries are enough. */
  readonly limit: number;
  readonly locale: Locale;
}

/** One event in a customer's history, in the reader's language. */
export interface TimelineEntry {
  readonly at: string;
  /** What sort of event, for styling and tests: `tier`, `points`, `complaint`. */
  readonly kind: string;
  /** The sort of event as the reader calls it: "Tier", "积分". */
  readonly label: string;
  readonly text: string;
  readonly link?: PageLink;
}

/**
 * A filter of the console's customer list on state only the plugin keeps (a tier). `query`
 * builds, on the plugin's own tables, a query of the matching customer ids in a column named
 * `customer_id`; the core's list keeps the customers whose id is in it.
 */
export interface CustomerFilterDefinition<TConfig> {
  readonly id: string;
  readonly label: Label;
  options(locale: Locale, ctx: PluginContext<TConfig>): readonly Option[];
  /** Undefined for a value the filter does not know, which matches nobody. */
  query(value: string, ctx: PluginContext<TConfig>): Expression<unknown> | undefined;
}
