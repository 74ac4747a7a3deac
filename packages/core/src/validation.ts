import type { z } from 'zod';
import { type FieldIssue, GuanxiError, validationError } from './errors';

type Path = readonly PropertyKey[];

function joinPath(prefix: Path, path: Path): string {
  const parts = [...prefix, ...path].map(String);
  return parts.length === 0 ? '(root)' : parts.join('.');
}

/** Turns zod's issues into field issues; an unknown key is named as its own path. */
export function toFieldIssues(error: z.core.$ZodError, prefix: Path = []): FieldIssue[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: joinPath(prefix, [...issue.path, key]),
          message: 'unknown field',
        }))
      : [{ path: joinPath(prefix, issue.path), message: issue.message }],
  );
}

/** A key met on the way down, with the one above it: its path is built only when needed. */
interface Step {
  readonly key: string;
  readonly value: unknown;
  readonly parent: Step | undefined;
}

function pathOf(step: Step | undefined, prefix: Path): string {
  const keys: string[] = [];
  for (let at = step; at !== undefined; at = at.parent) keys.push(at.key);
  return joinPath(prefix, keys.reverse());
}

/** The value's entries as steps, last first, so that popping them visits them in order. */
function pushEntries(stack: Step[], value: unknown, parent: Step | undefined): void {
  if (typeof value !== 'object' || value === null) return;
  const entries = Object.entries(value);
  for (let i = entries.length - 1; i >= 0; i--) {
    const [key, child] = entries[i] as [string, unknown];
    stack.push({ key, value: child, parent });
  }
}

/**
 * Paths of strings (values or keys) holding a NUL character: PostgreSQL cannot store one in text, so it is
 * refused for every input on both dialects alike. Walked with a stack of its own, not recursion,
 * so JSON nested as deep as a body can hold is checked in one pass rather than overflowing.
 */
export function nulIssues(input: unknown, prefix: Path = []): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const found = (step: Step | undefined) =>
    issues.push({ path: pathOf(step, prefix), message: 'must not contain the NUL character' });
  if (typeof input === 'string') {
    if (input.includes('\u0000')) found(undefined);
    return issues;
  }
  const stack: Step[] = [];
  pushEntries(stack, input, undefined);
  for (let step = stack.pop(); step !== undefined; step = stack.pop()) {
    if (step.key.includes('\u0000')) found(step);
    else if (typeof step.value === 'string') {
      if (step.value.includes('\u0000')) found(step);
    } else pushEntries(stack, step.value, step);
  }
  return issues;
}

/** Parses `input` or throws GX_ERR_VALIDATION naming each bad field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix: Path = [],
): z.output<S> {
  const nul = nulIssues(input, prefix);
  if (nul.length > 0) throw validationError(nul);
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(toFieldIssues(result.error, prefix));
  return result.data;
}

/** Parses every item of a batch, collecting the issues of all items before throwing. */
export function parseBatch<S extends z.ZodType>(
  schema: S,
  items: readonly unknown[],
  name: string,
): z.output<S>[] {
  const parsed: z.output<S>[] = [];
  const issues: FieldIssue[] = [];
  items.forEach((item, index) => {
    const nul = nulIssues(item, [name, index]);
    if (nul.length > 0) {
      issues.push(...nul);
      return;
    }
    const result = schema.safeParse(item);
    if (result.success) parsed.push(result.data);
    else issues.push(...toFieldIssues(result.error, [name, index]));
  });
  if (issues.length > 0) throw validationError(issues);
  return parsed;
}

/**
 * A request's JSON body, for plugin routes. A body that is not JSON is GX_ERR_VALIDATION at
 * `(root)`; a blank body is `options.empty` when given (a route whose fields are all optional).
 */
export async function readJsonBody(
  request: Request,
  options: { readonly empty?: unknown } = {},
): Promise<unknown> {
  const text = await request.text();
  if ('empty' in options && text.trim() === '') return options.empty;
  try {
    return JSON.parse(text);
  } catch {
    throw new GuanxiError('GX_ERR_VALIDATION', 'The body must be JSON', {
      issues: [{ path: '(root)', message: 'not JSON' }],
    });
  }
}
