/** @jsxImportSource hono/jsx */
import type { Field } from '@guanxi/core';
import type { FieldErrors } from '../issues';
import { CsrfField, FieldError } from '../ui';
import { FieldControl } from './field-control';

/** A posted form, after a refusal: what was sent and what was wrong with it. */
export interface FormDraft {
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
}

/** A card holding one form that posts to `action`, its fields and their errors. */
export function ActionForm(props: {
  action: string;
  csrf: string;
  title?: string | undefined;
  caption?: string | undefined;
  fields: readonly Field[];
  submit: string;
  draft?: FormDraft | undefined;
  name?: string;
  /** A file field, sent as multipart/form-data. */
  upload?: { name: string; label: string; error: string | undefined };
}) {
  const { upload } = props;
  const { draft } = props;
  const formError = draft?.errors.get('(root)');
  return (
    <section class="card">
      {props.title === undefined ? null : <h2>{props.title}</h2>}
      {props.caption === undefined ? null : <p class="caption">{props.caption}</p>}
      {formError === undefined ? null : <p class="notice warn">{formError}</p>}
      <form
        method="post"
        action={props.action}
        class="stack"
        data-form={props.name}
        enctype={upload === undefined ? undefined : 'multipart/form-data'}
      >
        <CsrfField token={props.csrf} />
        {props.fields.map((field) => (
          <FieldControl
            field={field}
            value={draft?.values[field.name]}
            error={draft?.errors.get(field.name)}
          />
        ))}
        {upload === undefined ? null : (
          <label class={upload.error === undefined ? undefined : 'invalid'}>
            {upload.label}
            <input type="file" name={upload.name} accept=".csv,text/csv" required />
            <FieldError message={upload.error} />
          </label>
        )}
        <div>
          <button type="submit">{props.submit}</button>
        </div>
      </form>
    </section>
  );
}
