import {
  type FieldIssue,
  ownerScope,
  RELATIONSHIP_STAGES,
  STAGES,
  type TeamCustomerFilter,
  toFieldIssues,
} from '@guanxi/core';
import { z } from 'zod';
import { CUSTOMER_SORTS, type CustomerFilter, type CustomerSort } from './data/customer-list';
import { dayRange, daySchema } from './days';
import type { TeamView } from './env';

const listQuerySchema = z.object({
  q: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  stage: z.enum(STAGES).optional(),
  relationship: z.enum(RELATIONSHIP_STAGES).optional(),
  owner: z
    .union([z.literal('none'), z.coerce.number().int().positive()], {
      error: 'must be a member of the team',
    })
    .optional(),
  from: daySchema.optional(),
  to: daySchema.optional(),
  sort: z.enum(CUSTOMER_SORTS).default('name'),
  after: z.string().max(1_000).optional(),
});

/** The list's query as the filter bar shows it again, field by field. */
export type ListValues = Readonly<Record<string, string>>;

export interface ListQuery {
  readonly values: ListValues;
  readonly filter: CustomerFilter;
  readonly sort: CustomerSort;
  readonly after: string | undefined;
  /** Fields whose value was refused, with why; the list is then empty. */
  readonly issues: readonly FieldIssue[];
}

/**
 * Reads the customer list's query: the core's filters and search, the plugins' filters (by
 * `<plugin>.<filter>`), the order and the page. A rep's list is always their own customers.
 */
export async function readListQuery(
  query: Readonly<Record<string, string>>,
  view: TeamView,
  viewerId: number,
  pluginFilters: readonly TeamCustomerFilter[],
  search: (q: string) => Promise<CustomerFilter['search']>,
): Promise<ListQuery> {
  const given = Object.fromEntries(
    Object.entries(query).filter(([, value]) => value.trim() !== ''),
  );
  const parsed = listQuerySchema.safeParse(given);
  const issues: FieldIssue[] = parsed.success ? [] : toFieldIssues(parsed.error);
  const core = parsed.success ? parsed.data : listQuerySchema.parse({});
  if (core.from !== undefined && core.to !== undefined && core.to < core.from) {
    issues.push({ path: 'to', message: 'must not be before the first day' });
  }
  const plugins = pluginFilters.flatMap((filter) => {
    const value = given[filter.key];
    if (value === undefined) return [];
    if (!filter.options.some((option) => option.value === value)) {
      issues.push({ path: filter.key, message: 'is not one of the choices' });
      return [];
    }
    return [filter.ids(value) ?? null];
  });
  const owner = ownerScope({ userId: viewerId, role: view.role }) ?? core.owner;
  const lastOrder = dayRange(core, view.team.timeZone);
  const filter: CustomerFilter = {
    ...(core.q === undefined || core.q === '' ? {} : { search: await search(core.q) }),
    ...(core.stage === undefined ? {} : { stage: core.stage }),
    ...(core.relationship === undefined ? {} : { relationshipStage: core.relationship }),
    ...(owner === undefined ? {} : { owner }),
    ...(lastOrder.from === undefined ? {} : { lastOrderFrom: lastOrder.from }),
    ...(lastOrder.to === undefined ? {} : { lastOrderBefore: lastOrder.to }),
    plugins,
  };
  return { values: given, filter, sort: core.sort, after: core.after, issues };
}
