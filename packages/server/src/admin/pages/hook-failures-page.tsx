/** @jsxImportSource hono/jsx */
import type { HookFailure, Team } from '@guanxi/core';
import type { AdminSession } from '../env';
import { useMessages } from '../i18n';
import { TeamLayout } from '../layout';
import type { Notice } from '../messages';
import { teamPath } from '../paths';
import { ActionButton, Time } from '../ui';

function FailureRow({ team, csrf, failure }: { team: Team; csrf: string; failure: HookFailure }) {
  const t = useMessages();
  const [summary, ...trace] = failure.error.split('\n');
  return (
    <tr data-failure={failure.id}>
      <td>
        <code>{failure.pluginId}</code>
      </td>
      <td>
        <code>{failure.hook}</code>
      </td>
      <td class="error">
        {failure.kind === 'timeout' ? <span class="pill warn">{t.timeout}</span> : null} {summary}
        {trace.length === 0 ? null : (
          <details>
            <summary>{t.stackTrace}</summary>
            <pre>{trace.join('\n')}</pre>
          </details>
        )}
      </td>
      <td class="num">{failure.attempts}</td>
      <td>
        <Time iso={failure.createdAt} />
      </td>
      <td>
        {failure.replayedAt === null ? (
          <ActionButton
            action={`${teamPath(team.id, 'hook-failures')}/${failure.id}/replay`}
            csrf={csrf}
            label={t.replay}
          />
        ) : (
          <span class="pill on">{t.replayed}</span>
        )}
      </td>
    </tr>
  );
}

/** Handlers that threw or overran, newest first, each with a button to run it again. */
export function HookFailuresPage(props: {
  session: AdminSession;
  team: Team;
  failures: readonly HookFailure[];
  notice?: Notice | undefined;
}) {
  const t = useMessages();
  const { team, session } = props;
  return (
    <TeamLayout session={session} team={team} tab="hook-failures" notice={props.notice}>
      <section class="card flush">
        <h2>{t.tabs['hook-failures']}</h2>
        <p class="caption">{t.failuresCaption}</p>
        {props.failures.length === 0 ? (
          <p class="empty">{t.noFailures}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t.plugin}</th>
                <th>{t.hook}</th>
                <th>{t.error}</th>
                <th class="num">{t.attempts}</th>
                <th>{t.time}</th>
                <th>{t.status}</th>
              </tr>
            </thead>
            <tbody>
              {props.failures.map((failure) => (
                <FailureRow team={team} csrf={session.csrf} failure={failure} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </TeamLayout>
  );
}
