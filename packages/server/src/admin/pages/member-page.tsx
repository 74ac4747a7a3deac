/** @jsxImportSource hono/jsx */
import type { ApiKeyInfo, CreatedApiKey, Team } from '@guanxi/core';
import type { AdminSession } from '../env';
import { useMessages } from '../i18n';
import { ConsoleLayout } from '../layout';
import type { Notice } from '../messages';
import { memberPath, teamPath } from '../paths';
import { ActionButton, CsrfField, FieldError, Time } from '../ui';
import type { Member } from './members-page';

/** A key just created: its only appearance, on the page that answers the create form. */
function NewKey({ member, created }: { member: Member; created: CreatedApiKey }) {
  const t = useMessages();
  return (
    <section class="card secret" data-new-key={created.id}>
      <h2>{t.newKeyTitle(member.name)}</h2>
      <p class="hint">{t.newKeyNote}</p>
      <input type="text" readonly value={created.key} aria-label={t.apiKey} />
    </section>
  );
}

function KeyRow(props: { team: Team; csrf: string; apiKey: ApiKeyInfo }) {
  const t = useMessages();
  const { apiKey } = props;
  return (
    <tr data-key={apiKey.id}>
      <td>{apiKey.name}</td>
      <td>
        <code>{`${apiKey.prefix}…`}</code>
      </td>
      <td>
        <Time iso={apiKey.createdAt} />
      </td>
      <td>
        <Time iso={apiKey.lastUsedAt} />
      </td>
      <td>
        {apiKey.revokedAt === null ? (
          <span class="pill on">{t.active}</span>
        ) : (
          <span class="pill">{t.revoked}</span>
        )}
      </td>
      <td>
        {apiKey.revokedAt === null ? (
          <ActionButton
            action={`${teamPath(props.team.id)}/keys/${apiKey.id}/revoke`}
            csrf={props.csrf}
            label={t.revoke}
            variant="secondary"
          />
        ) : null}
      </td>
    </tr>
  );
}

/** One member's API keys: create one (shown once) or revoke any. */
export function MemberPage(props: {
  session: AdminSession;
  team: Team;
  member: Member;
  keys: readonly ApiKeyInfo[];
  created?: CreatedApiKey;
  keyNameError?: string;
  notice?: Notice | undefined;
}) {
  const t = useMessages();
  const { team, member, session } = props;
  return (
    <ConsoleLayout
      session={session}
      path={memberPath(team.id, member.id)}
      title={team.name}
      team={team}
      tab="members"
      notice={props.notice}
    >
      <p>
        <a href={teamPath(team.id, 'members')}>← {t.allMembers}</a>
      </p>
      {props.created === undefined ? null : <NewKey member={member} created={props.created} />}
      <section class="card flush">
        <h2>
          {member.name} <span class="pill">{t.roles[member.role]}</span>
        </h2>
        <p class="caption">{member.email}</p>
        {props.keys.length === 0 ? (
          <p class="empty">{t.noKeys}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t.keyName}</th>
                <th>{t.prefix}</th>
                <th>{t.created}</th>
                <th>{t.lastUsed}</th>
                <th>{t.status}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {props.keys.map((apiKey) => (
                <KeyRow team={team} csrf={session.csrf} apiKey={apiKey} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section class="card">
        <h2>{t.createKey}</h2>
        <form method="post" action={`${memberPath(team.id, member.id)}/keys`} class="row">
          <CsrfField token={session.csrf} />
          <label class={props.keyNameError === undefined ? undefined : 'invalid'}>
            {t.keyName}
            <input type="text" name="name" required maxlength={100} />
            <FieldError message={props.keyNameError} />
          </label>
          <div class="submit">
            <button type="submit">{t.createKey}</button>
          </div>
        </form>
      </section>
    </ConsoleLayout>
  );
}
