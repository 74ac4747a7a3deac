/** @jsxImportSource hono/jsx */
import {
  formatMoney,
  type RenderedWidget,
  STAGE_LABELS,
  STAGES,
  type Stage,
  type Team,
} from '@guanxi/core';
import { Blocks } from '../blocks/page-blocks';
import { FunnelChart } from '../charts/funnel-chart';
import type { TopCustomer } from '../data/top-customers';
import type { AdminSession, TeamView } from '../env';
import { useMessages } from '../i18n';
import { ConsoleLayout } from '../layout';
import { customerPath, pluginPagePath, teamPath } from '../paths';

export interface OverviewData {
  readonly stages: Readonly<Record<Stage, number>>;
  readonly top: readonly TopCustomer[];
  readonly widgets: readonly RenderedWidget[];
  /** A manager's and an admin's figures. */
  readonly members?: number;
  /** A rep's own figures. */
  readonly own?: { readonly orders: number; readonly revenue: number };
  /** An admin's figures. */
  readonly modulesOn?: number;
  readonly pendingFailures?: number;
}

function Stat({ label, value }: { label: string; value: string | number | undefined }) {
  if (value === undefined) return null;
  return (
    <div class="card stat">
      <span>{label}</span>
      <b>{value}</b>
    </div>
  );
}

function TopCustomers({
  team,
  top,
  mine,
}: {
  team: Team;
  top: readonly TopCustomer[];
  mine: boolean;
}) {
  const t = useMessages();
  return (
    <section class="card flush">
      <h2>{t.topCustomers}</h2>
      <p class="caption">{mine ? t.myTopCustomersCaption : t.topCustomersCaption}</p>
      {top.length === 0 ? (
        <p class="empty">{t.noCustomers}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t.name}</th>
              <th>{t.stage}</th>
              <th class="num">{t.orders}</th>
              <th class="num">{t.revenue}</th>
            </tr>
          </thead>
          <tbody>
            {top.map((customer) => (
              <tr>
                <td>
                  <a href={customerPath(team.id, customer.id)}>{customer.name}</a>
                </td>
                <td>{STAGE_LABELS[customer.stage][t.locale]}</td>
                <td class="num">{customer.orderCount}</td>
                <td class="num">{formatMoney(customer.revenue, team.currency, t.locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Widget({ team, widget, csrf }: { team: Team; widget: RenderedWidget; csrf: string }) {
  const t = useMessages();
  return (
    <section class="widget" data-widget={`${widget.pluginId}/${widget.id}`}>
      <div class="widget-head">
        <h2>{widget.title}</h2>
        {widget.page === undefined ? null : (
          <a href={pluginPagePath(team.id, widget.pluginId, widget.page)}>{t.more}</a>
        )}
      </div>
      <Blocks blocks={widget.blocks} scope={{ team, pluginId: widget.pluginId, query: {}, csrf }} />
    </section>
  );
}

/** A team at a glance: counts, the lifecycle funnel, the best customers, the plugins' widgets. */
export function OverviewPage(props: { session: AdminSession; view: TeamView; data: OverviewData }) {
  const t = useMessages();
  const { view, data } = props;
  const { team } = view;
  const mine = data.own !== undefined;
  const customers = Object.values(data.stages).reduce((sum, n) => sum + n, 0);
  const money = (minor: number) => formatMoney(minor, team.currency, t.locale);
  return (
    <ConsoleLayout
      session={props.session}
      path={teamPath(team.id)}
      title={team.name}
      team={team}
      tab="overview"
    >
      <div class="stats">
        <Stat label={mine ? t.stats.myCustomers : t.stats.customers} value={customers} />
        <Stat label={t.stats.orders} value={data.own?.orders} />
        <Stat
          label={t.stats.revenue}
          value={data.own === undefined ? undefined : money(data.own.revenue)}
        />
        <Stat label={t.stats.members} value={data.members} />
        <Stat label={t.stats.modulesOn} value={data.modulesOn} />
        <Stat label={t.stats.pendingFailures} value={data.pendingFailures} />
      </div>
      <div class="grid">
        <section class="card">
          <h2>{t.funnelTitle}</h2>
          <p class="caption">{mine ? t.myFunnelCaption : t.funnelCaption}</p>
          <FunnelChart
            id="funnel"
            title={`${t.funnelTitle}: ${t.customersCount(customers)}`}
            bands={STAGES.map((stage) => ({
              key: stage,
              label: STAGE_LABELS[stage][t.locale],
              value: data.stages[stage],
            }))}
          />
        </section>
        <TopCustomers team={team} top={data.top} mine={mine} />
      </div>
      {data.widgets.map((widget) => (
        <Widget team={team} widget={widget} csrf={props.session.csrf} />
      ))}
    </ConsoleLayout>
  );
}
