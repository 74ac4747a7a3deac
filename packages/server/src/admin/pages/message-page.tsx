/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { useMessages } from '../i18n';
import { CenteredLayout } from '../layout';
import { ADMIN } from '../paths';

/** A page that only explains something: a refusal, a missing page, an error. */
export function MessagePage(props: { title: string; body: string; children?: Child }) {
  const t = useMessages();
  return (
    <CenteredLayout title={props.title} path={ADMIN}>
      <h2>{props.title}</h2>
      <p>{props.body}</p>
      {props.children ?? <a href={ADMIN}>{t.backToConsole}</a>}
    </CenteredLayout>
  );
}
