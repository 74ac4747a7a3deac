import { nulIssues, toFieldIssues, validationError } from '@guanxi/core';
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';

/** zod validation of one part of the request; failures become 400s naming each field. */
export function validate<T extends keyof ValidationTargets, S extends z.ZodType>(
  target: T,
  schema: S,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw validationError(toFieldIssues(result.error));
    const issues = nulIssues(result.data);
    if (issues.length > 0) throw validationError(issues);
  });
}
