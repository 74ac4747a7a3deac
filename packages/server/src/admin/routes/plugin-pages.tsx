/** @jsxImportSource hono/jsx */
import { type Cell, isGuanxiError, labelText, type PageInput } from '@guanxi/core';
import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FormDraft } from '../blocks/action-form';
import { CSRF_FIELD } from '../csrf';
import { csvDownload, csvLine } from '../csv';
import type { AdminEnv } from '../env';
import { errorsByPath } from '../issues';
import { PluginPage } from '../pages/plugin-page';
import { pluginPagePath } from '../paths';
import { render } from '../render';
import { teamOf, viewerOf } from '../team-access';

/**
 * The path's plugin page, if the team has the plugin on and the viewer's role may open it:
 * a page only other roles may open is a 403, one the team does not have a 404.
 */
async function pageOf(c: Context<AdminEnv>) {
  const view = teamOf(c);
  const pluginId = c.req.param('pluginId') ?? '';
  const path = c.req.param('path') ?? '';
  const page = view.pages.find((each) => each.pluginId === pluginId && each.path === path);
  if (page !== undefined) return { view, page };
  const exists = (await c.var.core.console.pages(view.team.id)).some(
    (each) => each.pluginId === pluginId && each.path === path,
  );
  throw new HTTPException(exists ? 403 : 404, { message: exists ? 'role' : `No page ${path}` });
}

function inputOf(c: Context<AdminEnv>, purpose: PageInput['purpose']): PageInput {
  return { locale: c.var.locale, viewer: viewerOf(c), query: c.req.query(), purpose };
}

async function pluginPage(
  c: Context<AdminEnv>,
  extra: { failed?: { action: string; draft: FormDraft } } = {},
  status: ContentfulStatusCode = 200,
) {
  const { view, page } = await pageOf(c);
  const content = await c.var.core.console.render(
    view.team.id,
    page.pluginId,
    page.path,
    inputOf(c, 'page'),
  );
  const done = c.req.query('done');
  const scope = {
    team: view.team,
    pluginId: page.pluginId,
    page: page.path,
    query: c.req.query(),
    csrf: c.var.admin.csrf,
    ...extra,
  };
  const action =
    done !== undefined && Object.hasOwn(page.actions, done) ? page.actions[done] : undefined;
  const said = action === undefined ? undefined : labelText(action.done, c.var.locale);
  return render(
    c,
    <PluginPage
      session={c.var.admin}
      view={view}
      page={page}
      content={content}
      scope={scope}
      done={said}
    />,
    status,
  );
}

/** A cell as the text a spreadsheet shows; buttons are left out. */
function cellText(cell: Cell | undefined): string | number | null {
  if (cell === undefined || cell === null) return null;
  if (typeof cell === 'string' || typeof cell === 'number') return cell;
  return 'text' in cell ? cell.text : null;
}

/**
 * Pages the team's plugins add, rendered by the core with the plugin's context in one
 * transaction; every table of a page as CSV; and the forms that run a page's actions.
 */
export function pluginPageRoutes() {
  return new Hono<AdminEnv>()
    .get('/teams/:teamId/plugins/:pluginId/:path', (c) => pluginPage(c))
    .get('/teams/:teamId/plugins/:pluginId/:path/tables/:table', async (c) => {
      const { view, page } = await pageOf(c);
      const content = await c.var.core.console.render(
        view.team.id,
        page.pluginId,
        page.path,
        inputOf(c, 'csv'),
      );
      const id = c.req.param('table');
      const table = content.blocks.find((block) => block.kind === 'table' && block.id === id);
      if (table?.kind !== 'table') throw new HTTPException(404, { message: `No table ${id}` });
      const lines = [
        csvLine(table.columns.map((column) => column.label)),
        ...table.rows.map((row) =>
          csvLine(table.columns.map((column) => cellText(row[column.key]))),
        ),
      ];
      return csvDownload(c, `${view.team.slug}-${page.pluginId}-${table.id}.csv`, [lines.join('')]);
    })
    .post('/teams/:teamId/plugins/:pluginId/:path/actions/:action', async (c) => {
      const { view, page } = await pageOf(c);
      const action = c.req.param('action');
      const form = await c.req.parseBody();
      const values: Record<string, string> = {};
      for (const [name, value] of Object.entries(form)) {
        if (name !== CSRF_FIELD && typeof value === 'string' && value.trim() !== '')
          values[name] = value;
      }
      try {
        await c.var.core.console.run(view.team.id, page.pluginId, page.path, action, values, {
          locale: c.var.locale,
          viewer: viewerOf(c),
        });
      } catch (error) {
        if (!isGuanxiError(error, 'GX_ERR_VALIDATION')) throw error;
        const draft = { values, errors: errorsByPath(error.issues) };
        return pluginPage(c, { failed: { action, draft } }, 400);
      }
      const back = pluginPagePath(view.team.id, page.pluginId, page.path);
      return c.redirect(`${back}?done=${encodeURIComponent(action)}`, 303);
    });
}
