/** @jsxImportSource hono/jsx */
import {
  type Field,
  formatMoney,
  RELATIONSHIP_STAGES,
  STAGE_LABELS,
  STAGES,
  type Team,
  type TeamCustomerFilter,
  type User,
} from '@guanxi/core';
import { FieldControl } from '../blocks/field-control';
import type { ListQuery } from '../customer-query';
import { CUSTOMER_SORTS, type CustomerListPage } from '../data/customer-list';
import type { AdminSession, TeamView } from '../env';
import { useMessages } from '../i18n';
import type { FieldErrors } from '../issues';
import { TeamLayout } from '../layout';
import { customerPath, teamPath, withQuery } from '../paths';
import { Day } from '../ui';

export interface CustomersData {
  readonly query: ListQuery;
  readonly errors: FieldErrors;
  readonly page: CustomerListPage;
  readonly count: number;
  readonly members: readonly User[];
  readonly pluginFilters: readonly TeamCustomerFilter[];
}

/** The filter bar: a GET form, so a filtered list is an address to keep or share. */
function Filters({ view, data }: { view: TeamView; data: CustomersData }) {
  const t = useMessages();
  const { values } = data.query;
  const fields: Field[] = [
    { type: 'text', name: 'q', label: t.customers.search, hint: t.customers.searchHint },
    {
      type: 'select',
      name: 'stage',
      label: t.stage,
      options: STAGES.map((stage) => ({ value: stage, label: STAGE_LABELS[stage][t.locale] })),
    },
    ...data.pluginFilters.map(
      (filter): Field => ({
        type: 'select',
        name: filter.key,
        label: filter.label,
        options: filter.options,
      }),
    ),
    ...(view.role === 'rep'
      ? []
      : [
          {
            type: 'select',
            name: 'owner',
            label: t.customers.owner,
            options: [
              { value: 'none', label: t.customers.nobody },
              ...data.members.map((member) => ({ value: String(member.id), label: member.name })),
            ],
          } satisfies Field,
        ]),
    {
      type: 'select',
      name: 'relationship',
      label: t.customers.relationship,
      options: RELATIONSHIP_STAGES.map((stage) => ({
        value: stage,
        label: t.customers.relationshipStages[stage],
      })),
    },
    { type: 'date', name: 'from', label: t.customers.lastOrderFrom },
    { type: 'date', name: 'to', label: t.customers.lastOrderTo },
  ];
  const sort: Field = {
    type: 'select',
    name: 'sort',
    label: t.customers.sort,
    required: true,
    options: CUSTOMER_SORTS.map((each) => ({ value: each, label: t.customers.sorts[each] })),
  };
  const exportQuery = { ...values, after: undefined };
  return (
    <section class="card">
      <form
        method="get"
        action={teamPath(view.team.id, 'customers')}
        class="row"
        data-form="filters"
      >
        {fields.map((field) => (
          <FieldControl
            field={field}
            value={values[field.name]}
            error={data.errors.get(field.name)}
            emptyLabel={t.customers.anyone}
          />
        ))}
        <FieldControl field={sort} value={data.query.sort} error={data.errors.get('sort')} />
        <div class="submit inline">
          <button type="submit">{t.customers.apply}</button>
          <a href={teamPath(view.team.id, 'customers')}>{t.customers.reset}</a>
          <a
            href={withQuery(`${teamPath(view.team.id, 'customers')}/export`, exportQuery)}
            data-action="download"
          >
            {t.customers.download}
          </a>
        </div>
      </form>
    </section>
  );
}

function Rows({ team, data }: { team: Team; data: CustomersData }) {
  const t = useMessages();
  const { rows, next } = data.page;
  if (rows.length === 0) return <p class="empty">{t.customers.none}</p>;
  return (
    <table data-table="customers">
      <thead>
        <tr>
          <th>{t.name}</th>
          <th>{t.customers.company}</th>
          <th>{t.stage}</th>
          <th>{t.customers.relationship}</th>
          <th>{t.customers.owner}</th>
          <th class="num">{t.orders}</th>
          <th class="num">{t.revenue}</th>
          <th>{t.customers.lastOrder}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr data-customer={row.id}>
            <td>
              <a href={customerPath(team.id, row.id)}>{row.name}</a>
            </td>
            <td>{row.company ?? ''}</td>
            <td>{STAGE_LABELS[row.stage][t.locale]}</td>
            <td>
              {row.relationshipStage === null
                ? ''
                : t.customers.relationshipStages[row.relationshipStage]}
            </td>
            <td>{row.owner ?? ''}</td>
            <td class="num">{row.orderCount}</td>
            <td class="num">{formatMoney(row.revenue, team.currency, t.locale)}</td>
            <td>
              <Day iso={row.lastOrderAt} />
            </td>
          </tr>
        ))}
      </tbody>
      {next === null ? null : (
        <tfoot>
          <tr>
            <td colspan={8}>
              <a
                href={withQuery(teamPath(team.id, 'customers'), {
                  ...data.query.values,
                  after: next,
                })}
                rel="next"
              >
                {t.customers.next}
              </a>
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}

/** The team's customers (a rep's own), searched, filtered, sorted and paged. */
export function CustomersPage(props: {
  session: AdminSession;
  view: TeamView;
  data: CustomersData;
}) {
  const t = useMessages();
  const { view, data } = props;
  const { team } = view;
  const refused = data.query.issues.length > 0;
  return (
    <TeamLayout
      session={props.session}
      team={team}
      tab="customers"
      title={t.tabs.customers}
      path={withQuery(teamPath(team.id, 'customers'), { ...data.query.values, after: undefined })}
    >
      <Filters view={view} data={data} />
      <section class="card flush">
        <p class="caption" data-count={data.count}>
          {refused ? t.customers.refused : t.customers.count(data.count.toLocaleString(t.locale))}
          {data.query.after === undefined ? null : (
            <>
              {' · '}
              <a
                href={withQuery(teamPath(team.id, 'customers'), {
                  ...data.query.values,
                  after: undefined,
                })}
              >
                {t.customers.first}
              </a>
            </>
          )}
        </p>
        <Rows team={team} data={data} />
      </section>
    </TeamLayout>
  );
}
