import type { FieldIssue } from '@guanxi/core';

/** Field path → the first message about it, for inline errors beside each field. */
export type FieldErrors = ReadonlyMap<string, string>;

export function errorsByPath(issues: readonly FieldIssue[]): FieldErrors {
  const errors = new Map<string, string>();
  for (const issue of issues) if (!errors.has(issue.path)) errors.set(issue.path, issue.message);
  return errors;
}

/** A text field of a parsed form; files and absent fields read as empty. */
export function textField(form: Readonly<Record<string, unknown>>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

/** A field that may repeat, such as checkboxes sharing a name, from `parseBody({ all: true })`. */
export function listField(form: Readonly<Record<string, unknown>>, name: string): string[] {
  const value = form[name];
  return (Array.isArray(value) ? value : [value]).filter((each) => typeof each === 'string');
}
