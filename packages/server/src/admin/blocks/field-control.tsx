/** @jsxImportSource hono/jsx */
import type { Field } from '@guanxi/core';
import { FieldError } from '../ui';

type VisibleField = Exclude<Field, { type: 'hidden' }>;

function Control(props: { id: string; field: VisibleField; value: string; emptyLabel?: string }) {
  const { id, field, value } = props;
  const required = field.required === true;
  if (field.type === 'select') {
    return (
      <select id={id} name={field.name} required={required}>
        {required ? null : <option value="">{props.emptyLabel ?? '—'}</option>}
        {field.options.map((option) => (
          <option value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
    );
  }
  if (field.type === 'textarea') {
    return (
      <textarea id={id} name={field.name} rows={3} required={required}>
        {value}
      </textarea>
    );
  }
  return (
    <input
      id={id}
      type={field.type === 'datetime' ? 'datetime-local' : field.type}
      name={field.name}
      value={value}
      required={required}
      step={field.type === 'number' ? 'any' : undefined}
    />
  );
}

/**
 * One field of a filter bar or a form, labelled, with its error beside it. `value` is what
 * was sent last, else the field's own; an optional select offers `emptyLabel` for none.
 */
export function FieldControl(props: {
  field: Field;
  value?: string | undefined;
  error?: string | undefined;
  emptyLabel?: string;
}) {
  const { field } = props;
  if (field.type === 'hidden') return <input type="hidden" name={field.name} value={field.value} />;
  const id = `field-${field.name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <label for={id} class={props.error === undefined ? undefined : 'invalid'}>
      {field.label}
      <Control
        id={id}
        field={field}
        value={props.value ?? field.value ?? ''}
        {...(props.emptyLabel === undefined ? {} : { emptyLabel: props.emptyLabel })}
      />
      <FieldError message={props.error} />
      {field.hint === undefined ? null : <span class="hint">{field.hint}</span>}
    </label>
  );
}
