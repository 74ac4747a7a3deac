import type { ComponentChildren } from 'preact';

/** A titled part of the card. */
export function Section(props: {
  readonly title: string;
  readonly field: string;
  readonly children: ComponentChildren;
}) {
  return (
    <div class="gx-section" data-field={props.field}>
      <h3>{props.title}</h3>
      {props.children}
    </div>
  );
}

/** One label and value of a definition list. */
export function Row(props: {
  readonly label: string;
  readonly field: string;
  readonly value: string;
}) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd data-field={props.field}>{props.value}</dd>
    </>
  );
}
