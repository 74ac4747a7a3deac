/** @jsxImportSource hono/jsx */
import { type FieldIssue, IMPORT_KINDS, type ImportKind, type Team } from '@guanxi/core';
import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { startImport } from '../../import/background-import';
import { csvDownload } from '../csv';
import type { AdminEnv } from '../env';
import { errorsByPath, textField } from '../issues';
import { MESSAGES } from '../messages';
import { ImportRunPage, ImportsPage, UPLOAD_ENCODINGS } from '../pages/imports-page';
import { importPath } from '../paths';
import { render } from '../render';
import { adminActor, idParamOf, TAB_ROLES, teamFor } from '../team-access';

const RECENT = 20;
/** A running import that has not moved for this long may have lost its server process. */
const STALLED_MS = 5 * 60_000;

async function importsPage(
  c: Context<AdminEnv>,
  team: Team,
  draft?: { values: Record<string, string>; issues: FieldIssue[] },
  status: ContentfulStatusCode = 200,
) {
  const runs = await c.var.core.imports.list(team.id, RECENT);
  const page = (
    <ImportsPage
      session={c.var.admin}
      team={team}
      runs={runs}
      {...(draft === undefined
        ? {}
        : { draft: { values: draft.values, errors: errorsByPath(draft.issues) } })}
    />
  );
  return render(c, page, status);
}

/**
 * CSV imports from the console, for managers and admins: the upload starts the same import
 * as `guanxi import` in the background; its page shows progress, then the reject report.
 */
export function importRoutes() {
  return new Hono<AdminEnv>()
    .get('/teams/:teamId/import', (c) => importsPage(c, teamFor(c, TAB_ROLES.import).team))
    .post('/teams/:teamId/import', async (c) => {
      const { team } = teamFor(c, TAB_ROLES.import);
      const t = MESSAGES[c.var.locale];
      const form = await c.req.parseBody();
      const values = { kind: textField(form, 'kind'), encoding: textField(form, 'encoding') };
      const file = form.file;
      const issues: FieldIssue[] = [];
      if (!IMPORT_KINDS.includes(values.kind as ImportKind)) {
        issues.push({ path: 'kind', message: 'must be customers or orders' });
      }
      if (!(UPLOAD_ENCODINGS as readonly string[]).includes(values.encoding)) {
        issues.push({ path: 'encoding', message: 'must be utf-8 or gbk' });
      }
      if (!(file instanceof File) || file.size === 0) {
        issues.push({ path: 'file', message: t.imports.fileMissing });
      }
      if (issues.length > 0 || !(file instanceof File))
        return importsPage(c, team, { values, issues }, 400);
      const { run } = await startImport(
        c.var.core,
        team.id,
        {
          kind: values.kind as ImportKind,
          fileName: file.name || 'upload.csv',
          encoding: values.encoding,
          bytes: new Uint8Array(await file.arrayBuffer()),
          actor: adminActor(c),
        },
        c.var.logger,
      );
      return c.redirect(importPath(team.id, run.id), 303);
    })
    .get('/teams/:teamId/import/:importId', async (c) => {
      const { team } = teamFor(c, TAB_ROLES.import);
      const run = await c.var.core.imports.get(team.id, idParamOf(c, 'importId'));
      const stalled =
        run.status === 'running' &&
        c.var.core.clock.now().getTime() - Date.parse(run.updatedAt) > STALLED_MS;
      return render(
        c,
        <ImportRunPage session={c.var.admin} team={team} run={run} stalled={stalled} />,
      );
    })
    .get('/teams/:teamId/import/:importId/rejects', async (c) => {
      const { team } = teamFor(c, TAB_ROLES.import);
      const importId = idParamOf(c, 'importId');
      const run = await c.var.core.imports.get(team.id, importId);
      const rejects = await c.var.core.imports.rejects(team.id, importId);
      if (rejects === null) throw new HTTPException(404, { message: 'No rejected rows' });
      const name = run.fileName.replace(/\.csv$/i, '');
      return csvDownload(c, `${name}.rejects.csv`, [rejects]);
    });
}
