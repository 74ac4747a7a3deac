import { nulIssues, toFieldIssues, validationError } from '@guanxi/core';
import { type Hook, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env';

/** Validation of every route's input: failures become 400s naming each field. */
export const validationHook: Hook<unknown, AppEnv, string, undefined> = (result) => {
  if (!result.success) throw validationError(toFieldIssues(result.error));
  const issues = nulIssues(result.data);
  if (issues.length > 0) throw validationError(issues);
};

/** An app of routes defined with `defineRoute`, validating with `validationHook`. */
export function routesApp() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
