/** @jsxImportSource hono/jsx */
import { useMessages } from '../i18n';
import type { FieldErrors } from '../issues';
import { CsrfField, FieldError } from '../ui';
import type { ConfigField } from './config-fields';

type Values = Readonly<Record<string, unknown>>;

interface FieldProps {
  /** Makes element ids unique when several forms share a page. */
  readonly scope: string;
  readonly errors: FieldErrors;
}

function childOf(values: unknown, key: string): unknown {
  return typeof values === 'object' && values !== null ? (values as Values)[key] : undefined;
}

function display(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function namesOf(fields: readonly ConfigField[]): string[] {
  return fields.flatMap((f) => (f.kind === 'group' ? [f.name, ...namesOf(f.fields)] : [f.name]));
}

function Input({ field, value, id }: { field: ConfigField; value: unknown; id: string }) {
  switch (field.kind) {
    case 'number':
      return (
        <input
          type="number"
          id={id}
          name={field.name}
          value={display(value)}
          step={field.integer ? '1' : 'any'}
          min={field.min}
          max={field.max}
          required={!field.optional && !field.nullable}
        />
      );
    case 'text':
      return (
        <input
          type="text"
          id={id}
          name={field.name}
          value={display(value)}
          maxlength={field.maxLength}
        />
      );
    case 'select':
      return (
        <select id={id} name={field.name}>
          {field.optional || field.nullable ? <option value="">—</option> : null}
          {field.options.map((option) => (
            <option
              value={String(option)}
              selected={value !== undefined && String(option) === String(value)}
            >
              {String(option)}
            </option>
          ))}
        </select>
      );
    default:
      return (
        <textarea id={id} name={field.name} rows={3}>
          {display(value)}
        </textarea>
      );
  }
}

function Field(props: FieldProps & { field: ConfigField; value: unknown }) {
  const t = useMessages();
  const { field, value, errors } = props;
  const id = `${props.scope}:${field.name}`;
  const error = errors.get(field.name);
  const invalid = error === undefined ? undefined : 'invalid';
  const hintText = field.hint ?? (field.kind === 'json' ? t.jsonHint : undefined);
  const hint = hintText === undefined ? null : <span class="hint">{hintText}</span>;
  if (field.kind === 'group') {
    return (
      <fieldset class={invalid}>
        <legend>{field.label}</legend>
        {hint}
        <FieldError message={error} />
        <Fields scope={props.scope} fields={field.fields} values={value} errors={errors} />
      </fieldset>
    );
  }
  if (field.kind === 'checkbox') {
    return (
      <div class={invalid}>
        <label class="check">
          <input type="checkbox" name={field.name} checked={value === true} />
          {field.label}
        </label>
        {hint}
        <FieldError message={error} />
      </div>
    );
  }
  return (
    <label class={invalid} for={id}>
      {field.label}
      <Input field={field} value={value} id={id} />
      {hint}
      <FieldError message={error} />
    </label>
  );
}

function Fields(props: FieldProps & { fields: readonly ConfigField[]; values: unknown }) {
  return (
    <>
      {props.fields.map((field) => (
        <Field
          scope={props.scope}
          field={field}
          value={childOf(props.values, field.key)}
          errors={props.errors}
        />
      ))}
    </>
  );
}

/**
 * A plugin's config form, generated from its schema. `values` are the saved config, or the
 * submitted ones when `errors` (by `config.<path>`) sends the form back.
 */
export function ConfigForm(
  props: FieldProps & {
    action: string;
    csrf: string;
    fields: readonly ConfigField[];
    values: unknown;
  },
) {
  const t = useMessages();
  const named = new Set(namesOf(props.fields));
  const unplaced = [...props.errors].filter(([path]) => !named.has(path));
  return (
    <form method="post" action={props.action} class="config">
      <CsrfField token={props.csrf} />
      {props.errors.size === 0 ? null : (
        <p class="notice warn" role="alert">
          {t.configInvalid}
        </p>
      )}
      {unplaced.map(([path, message]) => (
        <FieldError message={`${path}: ${message}`} />
      ))}
      <Fields
        scope={props.scope}
        fields={props.fields}
        values={props.values}
        errors={props.errors}
      />
      <div>
        <button type="submit">{t.save}</button>
      </div>
    </form>
  );
}
