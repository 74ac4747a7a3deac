/** @jsxImportSource hono/jsx */
import { type Field, IMPORT_KINDS, type ImportRun, type Team } from '@guanxi/core';
import { ActionForm, type FormDraft } from '../blocks/action-form';
import type { AdminSession } from '../env';
import { useMessages } from '../i18n';
import { TeamLayout } from '../layout';
import { importPath, teamPath } from '../paths';
import { Time } from '../ui';

/** The encodings the upload form offers: what Excel saves CSV as, here and on Chinese Windows. */
export const UPLOAD_ENCODINGS = ['utf-8', 'gbk'] as const;

function statusClass(run: ImportRun): string {
  if (run.status === 'failed') return 'pill warn';
  return run.status === 'done' ? 'pill on' : 'pill';
}

function Progress({ run }: { run: ImportRun }) {
  const share = run.totalBytes === 0 ? 100 : Math.round((run.bytes / run.totalBytes) * 100);
  return (
    <progress max={100} value={share} data-share={share}>
      {`${share}%`}
    </progress>
  );
}

function Runs({ team, runs }: { team: Team; runs: readonly ImportRun[] }) {
  const t = useMessages();
  return (
    <section class="card flush">
      <h2>{t.imports.recent}</h2>
      {runs.length === 0 ? (
        <p class="empty">{t.imports.none}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t.imports.fileName}</th>
              <th>{t.imports.kind}</th>
              <th>{t.imports.status}</th>
              <th class="num">{t.imports.imported}</th>
              <th class="num">{t.imports.rejected}</th>
              <th>{t.imports.started}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr data-import={run.id}>
                <td>
                  <a href={importPath(team.id, run.id)}>{run.fileName}</a>
                </td>
                <td>{t.imports.kinds[run.kind]}</td>
                <td>
                  <span class={statusClass(run)}>{t.imports.statuses[run.status]}</span>
                </td>
                <td class="num">{run.imported}</td>
                <td class="num">{run.rejected}</td>
                <td>
                  <Time iso={run.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The upload form and the team's recent imports. */
export function ImportsPage(props: {
  session: AdminSession;
  team: Team;
  runs: readonly ImportRun[];
  draft?: FormDraft;
}) {
  const t = useMessages();
  const fields: Field[] = [
    {
      type: 'select',
      name: 'kind',
      label: t.imports.kind,
      required: true,
      options: IMPORT_KINDS.map((kind) => ({ value: kind, label: t.imports.kinds[kind] })),
    },
    {
      type: 'select',
      name: 'encoding',
      label: t.imports.encoding,
      required: true,
      options: UPLOAD_ENCODINGS.map((encoding) => ({
        value: encoding,
        label: encoding.toUpperCase(),
      })),
    },
  ];
  return (
    <TeamLayout session={props.session} team={props.team} tab="import" title={t.imports.title}>
      <section class="card">
        <h2>{t.imports.title}</h2>
        <p class="caption">{t.imports.lead}</p>
        <ul class="plain hint">
          {IMPORT_KINDS.map((kind) => (
            <li>
              <strong>{t.imports.kinds[kind]}:</strong> {t.imports.columns[kind]}
            </li>
          ))}
        </ul>
        <UploadForm
          team={props.team}
          csrf={props.session.csrf}
          fields={fields}
          draft={props.draft}
        />
      </section>
      <Runs team={props.team} runs={props.runs} />
    </TeamLayout>
  );
}

function UploadForm(props: {
  team: Team;
  csrf: string;
  fields: readonly Field[];
  draft?: FormDraft | undefined;
}) {
  const t = useMessages();
  const fileError = props.draft?.errors.get('file');
  return (
    <ActionForm
      name="import"
      action={teamPath(props.team.id, 'import')}
      csrf={props.csrf}
      fields={props.fields}
      submit={t.imports.start}
      draft={props.draft}
      upload={{ name: 'file', label: t.imports.file, error: fileError }}
    />
  );
}

/** One import: its progress while it runs (the page reloads itself), then what it did. */
export function ImportRunPage(props: {
  session: AdminSession;
  team: Team;
  run: ImportRun;
  stalled: boolean;
}) {
  const t = useMessages();
  const { team, run } = props;
  const running = run.status === 'running';
  const figures: [string, number][] = [
    [t.imports.read, run.rows],
    [t.imports.imported, run.imported],
    [t.imports.duplicates, run.duplicates],
    [t.imports.rejected, run.rejected],
    [t.imports.customersCreated, run.customersCreated],
  ];
  return (
    <TeamLayout
      session={props.session}
      team={team}
      tab="import"
      title={run.fileName}
      path={importPath(team.id, run.id)}
      {...(running ? { refreshSeconds: 2 } : {})}
    >
      <section class="card" data-import={run.id} data-status={run.status}>
        <div class="module-head">
          <h2>
            {run.fileName} <span class={statusClass(run)}>{t.imports.statuses[run.status]}</span>
          </h2>
          <a href={teamPath(team.id, 'import')}>{t.imports.recent}</a>
        </div>
        <p class="caption">
          {t.imports.kinds[run.kind]} · {run.encoding.toUpperCase()} · {t.imports.by} {run.actor} ·{' '}
          {t.imports.started} <Time iso={run.createdAt} />
          {run.finishedAt === null ? null : (
            <>
              {' · '}
              {t.imports.finished} <Time iso={run.finishedAt} />
            </>
          )}
        </p>
        {running ? (
          <>
            <Progress run={run} />
            <p class="hint">{props.stalled ? t.imports.stalled : t.imports.refreshing}</p>
          </>
        ) : null}
        {run.error === null ? null : <p class="notice warn">{run.error}</p>}
        <div class="stats">
          {figures.map(([label, value]) => (
            <div class="stat">
              <span>{label}</span>
              <b>{value.toLocaleString(t.locale)}</b>
            </div>
          ))}
        </div>
        {run.ignoredColumns.length === 0 ? null : (
          <p class="hint">
            {t.imports.ignoredColumns}: {run.ignoredColumns.join(', ')}
          </p>
        )}
        {run.hasRejects ? (
          <p>
            <a href={`${importPath(team.id, run.id)}/rejects`} data-action="rejects">
              {t.imports.rejects}
            </a>
          </p>
        ) : null}
      </section>
    </TeamLayout>
  );
}
