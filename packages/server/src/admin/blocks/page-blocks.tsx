/** @jsxImportSource hono/jsx */
import type { Block, Cell, ChartBlock, TableBlock, Team } from '@guanxi/core';
import { FunnelChart } from '../charts/funnel-chart';
import { PyramidChart } from '../charts/pyramid-chart';
import { SeriesChart } from '../charts/series-chart';
import { useMessages } from '../i18n';
import { customerPath, pluginPagePath, withQuery } from '../paths';
import { ActionButton } from '../ui';
import { ActionForm, type FormDraft } from './action-form';
import { FieldControl } from './field-control';

/** Where blocks are shown: on a plugin's page (with its query, forms and downloads) or in a widget. */
export interface BlockScope {
  readonly team: Team;
  readonly pluginId: string;
  /** The page's path; undefined in a widget, which has no forms or downloads of its own. */
  readonly page?: string;
  readonly query: Readonly<Record<string, string>>;
  readonly csrf: string;
  /** An action's form refused on the last post, shown again with its errors. */
  readonly failed?: { readonly action: string; readonly draft: FormDraft };
}

function pagePath(scope: BlockScope, page: string): string {
  return pluginPagePath(scope.team.id, scope.pluginId, page);
}

function CellView({ cell, scope }: { cell: Cell; scope: BlockScope }) {
  if (cell === null) return null;
  if (typeof cell === 'string') return <>{cell}</>;
  if (typeof cell === 'number') return <>{cell.toLocaleString()}</>;
  if ('customerId' in cell)
    return <a href={customerPath(scope.team.id, cell.customerId)}>{cell.text}</a>;
  if ('link' in cell) {
    return (
      <a href={withQuery(pagePath(scope, cell.link.page), cell.link.query ?? {})}>{cell.text}</a>
    );
  }
  if (scope.page === undefined) return <>{cell.label}</>;
  return (
    <ActionButton
      action={`${pagePath(scope, scope.page)}/actions/${cell.action}`}
      csrf={scope.csrf}
      label={cell.label}
      variant="secondary"
      fields={cell.fields}
    />
  );
}

function TableView({ block, scope }: { block: TableBlock; scope: BlockScope }) {
  const t = useMessages();
  const page = scope.page;
  return (
    <section class="card flush" data-block="table" data-table={block.id}>
      {block.title === undefined ? null : <h2>{block.title}</h2>}
      {block.caption === undefined ? null : <p class="caption">{block.caption}</p>}
      {page === undefined ? null : (
        <p class="caption">
          <a
            href={withQuery(`${pagePath(scope, page)}/tables/${block.id}`, {
              ...scope.query,
              after: undefined,
            })}
            data-action="download"
          >
            {t.pages.download}
          </a>
        </p>
      )}
      {block.rows.length === 0 ? (
        <p class="empty">{block.empty ?? '—'}</p>
      ) : (
        <table>
          <thead>
            <tr>
              {block.columns.map((column) => (
                <th class={column.numeric === true ? 'num' : undefined}>{column.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row) => (
              <tr>
                {block.columns.map((column) => (
                  <td class={column.numeric === true ? 'num' : undefined}>
                    <CellView cell={row[column.key] ?? null} scope={scope} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {block.next === undefined || page === undefined ? null : (
        <p class="caption">
          <a href={withQuery(pagePath(scope, page), block.next)} rel="next">
            {t.pages.next}
          </a>
        </p>
      )}
    </section>
  );
}

function ChartView({ block, id }: { block: ChartBlock; id: string }) {
  const first = block.series[0]?.values ?? [];
  const bands = block.labels.map((label, index) => ({
    label,
    value: first[index] ?? 0,
    ...(block.notes?.[index] === undefined ? {} : { note: block.notes[index] }),
  }));
  return (
    <section class="card" data-block="chart">
      <h2>{block.title}</h2>
      {block.caption === undefined ? null : <p class="caption">{block.caption}</p>}
      {block.chart === 'pyramid' ? (
        <PyramidChart id={id} title={block.title} bands={bands} />
      ) : block.chart === 'funnel' ? (
        <FunnelChart id={id} title={block.title} bands={bands} />
      ) : (
        <SeriesChart
          id={id}
          kind={block.chart}
          title={block.title}
          labels={block.labels}
          series={block.series}
        />
      )}
    </section>
  );
}

function BlockView({ block, index, scope }: { block: Block; index: number; scope: BlockScope }) {
  const t = useMessages();
  switch (block.kind) {
    case 'heading':
      return <h2 class="block-heading">{block.text}</h2>;
    case 'text':
      return <p class="block-text">{block.text}</p>;
    case 'rule':
      return (
        <p class="rule" data-block="rule">
          {block.text}
        </p>
      );
    case 'stats':
      return (
        <div class="stats" data-block="stats">
          {block.items.map((item) => (
            <div class="card stat">
              <span>{item.label}</span>
              <b>{typeof item.value === 'number' ? item.value.toLocaleString() : item.value}</b>
              {item.hint === undefined ? null : <span class="hint">{item.hint}</span>}
            </div>
          ))}
        </div>
      );
    case 'chart':
      return (
        <ChartView block={block} id={`${scope.pluginId}-${scope.page ?? 'widget'}-${index}`} />
      );
    case 'table':
      return <TableView block={block} scope={scope} />;
    case 'filters':
      if (scope.page === undefined) return null;
      return (
        <section class="card" data-block="filters">
          <form method="get" action={pagePath(scope, scope.page)} class="row">
            {block.fields.map((field) => (
              <FieldControl field={field} value={scope.query[field.name]} />
            ))}
            <div class="submit">
              <button type="submit">{t.pages.apply}</button>
            </div>
          </form>
        </section>
      );
    case 'form':
      if (scope.page === undefined) return null;
      return (
        <ActionForm
          name={block.action}
          action={`${pagePath(scope, scope.page)}/actions/${block.action}`}
          csrf={scope.csrf}
          title={block.title}
          caption={block.caption}
          fields={block.fields}
          submit={block.submit}
          draft={scope.failed?.action === block.action ? scope.failed.draft : undefined}
        />
      );
  }
}

/** A plugin's blocks, drawn with the console's own components. */
export function Blocks({ blocks, scope }: { blocks: readonly Block[]; scope: BlockScope }) {
  return (
    <>
      {blocks.map((block, index) => (
        <BlockView block={block} index={index} scope={scope} />
      ))}
    </>
  );
}
