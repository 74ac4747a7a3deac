/** @jsxImportSource hono/jsx */
import { useMessages } from '../i18n';
import { ADMIN } from '../paths';
import { ActionButton } from '../ui';
import { MessagePage } from './message-page';

/** Shown with a 403 to a user who belongs to no team; `csrf` when a session exists. */
export function NoTeamPage(props: { name: string; csrf?: string }) {
  const t = useMessages();
  return (
    <MessagePage title={t.noTeamTitle} body={t.noTeamBody(props.name)}>
      {props.csrf === undefined ? (
        <a href={`${ADMIN}/sign-in`}>{t.signInAgain}</a>
      ) : (
        <ActionButton action={`${ADMIN}/sign-out`} csrf={props.csrf} label={t.signOut} />
      )}
    </MessagePage>
  );
}
