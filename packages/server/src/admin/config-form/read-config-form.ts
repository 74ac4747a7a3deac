import type { ConfigField } from './config-fields';

/**
 * The config object a submitted form describes, shaped by the form's fields. Input that
 * is not of the field's type is passed on as typed, so the plugin's schema names the problem
 * and the form can show it again as entered.
 */
export function readConfigForm(
  fields: readonly ConfigField[],
  form: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const field of fields) {
    const value =
      field.kind === 'group' ? readConfigForm(field.fields, form) : readField(field, form);
    if (value !== undefined) config[field.key] = value;
  }
  return config;
}

function readField(field: ConfigField, form: Readonly<Record<string, unknown>>): unknown {
  const raw = form[field.name];
  // A browser leaves an unticked checkbox out; any other field left out was not on the form.
  if (field.kind === 'checkbox') return raw === 'on';
  if (raw === undefined) return undefined;
  const text = typeof raw === 'string' ? raw : '';
  if (text.trim() === '' && field.kind !== 'text') return empty(field);
  switch (field.kind) {
    case 'number':
      return /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text) ? Number(text) : text;
    case 'select':
      return field.options.find((option) => String(option) === text) ?? text;
    case 'json':
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    default:
      return text === '' && (field.optional || field.nullable) ? empty(field) : text;
  }
}

function empty(field: ConfigField): unknown {
  if (field.nullable) return null;
  return field.optional ? undefined : '';
}
