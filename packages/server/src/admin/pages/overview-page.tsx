/** @jsxImportSource hono/jsx */
import { formatMoney, STAGE_LABELS, type Stage, type Team } from '@guanxi/core';
import { FunnelChart } from '../charts/funnel-chart';
import { PyramidChart } from '../charts/pyramid-chart';
import type { TierCount } from '../data/revenue-tiers';
import type { TopCustomer } from '../data/top-customers';
import type { AdminSession } from '../env';
import { useMessages } from '../i18n';
import { ConsoleLayout } from '../layout';
import { teamPath } from '../paths';

export interface OverviewData {
  readonly stages: Readonly<Record<Stage, number>>;
  readonly tiers: readonly TierCount[];
  readonly top: readonly TopCustomer[];
  readonly members: number;
  readonly modulesOn: number;
  readonly pendingFailures: number;
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div class="card stat">
      <span>{label}</span>
      <b>{value}</b>
    </div>
  );
}

function TopCustomers({ team, top }: { team: Team; top: readonly TopCustomer[] }) {
  const t = useMessages();
  return (
    <section class="card flush">
      <h2>{t.topCustomers}</h2>
      <p class="caption">{t.topCustomersCaption}</p>
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
                <td>{customer.name}</td>
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

/** A team at a glance: counts, the lifecycle funnel, the pyramid and the best customers. */
export function OverviewPage(props: { session: AdminSession; team: Team; data: OverviewData }) {
  const t = useMessages();
  const { team, data } = props;
  const customers = Object.values(data.stages).reduce((sum, n) => sum + n, 0);
  return (
    <ConsoleLayout
      session={props.session}
      path={teamPath(team.id)}
      title={team.name}
      team={team}
      tab="overview"
    >
      <div class="stats">
        <Stat label={t.stats.customers} value={customers} />
        <Stat label={t.stats.members} value={data.members} />
        <Stat label={t.stats.modulesOn} value={data.modulesOn} />
        <Stat label={t.stats.pendingFailures} value={data.pendingFailures} />
      </div>
      <div class="grid">
        <section class="card">
          <h2>{t.funnelTitle}</h2>
          <p class="caption">{t.funnelCaption}</p>
          <FunnelChart counts={data.stages} />
        </section>
        <section class="card">
          <h2>{t.pyramidTitle}</h2>
          <p class="caption">{t.pyramidCaption}</p>
          <PyramidChart tiers={data.tiers} />
        </section>
      </div>
      <TopCustomers team={team} top={data.top} />
    </ConsoleLayout>
  );
}
