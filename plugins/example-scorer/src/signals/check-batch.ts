import { type FieldIssue, validationError } from '@guanxi/core';
import type { StoreContext } from './store-context';

/**
 * Refuses a batch naming a customer outside the team, or the same reference twice, with
 * GX_ERR_VALIDATION at `<name>.<i>.customerId` or `<name>.<i>.<refField>`.
 */
export async function checkBatch<T extends { readonly customerId: number }>(
  ctx: StoreContext,
  items: readonly T[],
  name: string,
  refField: keyof T & string,
): Promise<void> {
  const ids = [...new Set(items.map((item) => item.customerId))];
  const known = new Set((await ctx.core.facts.many(ctx.teamId, ids)).map((f) => f.customerId));
  const seen = new Set<unknown>();
  const issues: FieldIssue[] = [];
  items.forEach((item, index) => {
    if (!known.has(item.customerId)) {
      issues.push({
        path: `${name}.${index}.customerId`,
        message: 'no such customer in this team',
      });
    }
    if (seen.has(item[refField])) {
      issues.push({ path: `${name}.${index}.${refField}`, message: 'appears twice in this batch' });
    }
    seen.add(item[refField]);
  });
  if (issues.length > 0) throw validationError(issues);
}
