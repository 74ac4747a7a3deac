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

/**
 * Paths of strings (values or keys) holding a NUL character: PostgreSQL cannot store one in text, so it is
 * refused for every input on both dialects alike.
 */
export function nulIssues(input: unknown, prefix: Path = []): FieldIssue[] {
  if (typeof input === 'string') {
    return input.includes('\u0000')
      ? [{ path: joinPath(prefix, []), message: 'must not contain the NUL character' }]
      : [];
  }
  if (typeof input !== 'object' || input === null) return [];
  return Object.entries(input).flatMap(([key, value]) =>
    key.includes('\u0000')
      ? [{ path: joinPath([...prefix, key], []), message: 'must not contain the NUL character' }]
      : nulIssues(value, [...prefix, key]),
  );
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
