/** @jsxImportSource hono/jsx */
import {
  CHANNELS,
  type CustomerCard,
  dayOf,
  type Field,
  formatMoney,
  STAGE_LABELS,
  STAGES,
  type Team,
  type User,
} from '@guanxi/core';
import { ActionForm, type FormDraft } from '../blocks/action-form';
import { FieldControl } from '../blocks/field-control';
import type { Person } from '../data/company-people';
import type { TimelineItem } from '../data/timeline';
import type { AdminSession, TeamView } from '../env';
import { useMessages } from '../i18n';
import type { FieldErrors } from '../issues';
import { TeamLayout } from '../layout';
import type { Notice } from '../messages';
import { customerPath, pluginPagePath, teamPath, withQuery } from '../paths';
import { Time } from '../ui';

/** The customer's forms, by the last part of the address they post to. */
export type CustomerAction = 'stage' | 'owner' | 'interactions';

export interface CustomerData {
  readonly card: CustomerCard;
  readonly owner: string | null;
  readonly people: readonly Person[];
  /** The members a manager may make owner; empty for a rep, who may not. */
  readonly members: readonly User[];
  readonly timeline: readonly TimelineItem[];
  /** The timeline's date range as given (YYYY-MM-DD), and what was wrong with it. */
  readonly range: Readonly<Record<'from' | 'to', string | undefined>>;
  readonly rangeErrors: FieldErrors;
  /** The time an interaction form starts at: now on the team's clock, to the minute. */
  readonly now: string;
  readonly failed?: { readonly action: CustomerAction; readonly draft: FormDraft };
  readonly notice?: Notice | undefined;
}

function Summary({ team, data }: { team: Team; data: CustomerData }) {
  const t = useMessages();
  const { card } = data;
  const { customer, facts } = card;
  const money = (minor: number) => formatMoney(minor, team.currency, t.locale);
  const dayOrDash = (iso: string | null) => (iso === null ? '—' : dayOf(iso, team.timeZone));
  return (
    <section class="card" data-section="summary">
      <div class="module-head">
        <div>
          <h2>
            {customer.name} <span class="pill">{card.stage.label}</span>
          </h2>
          <p class="caption">
            {t.customers.kinds[customer.kind]}
            {card.company === null ? null : (
              <>
                {' · '}
                <a href={customerPath(team.id, card.company.id)}>{card.company.name}</a>
              </>
            )}
            {` · ${t.customers.owner}: ${data.owner ?? t.customers.nobody}`}
            {customer.externalRef === null
              ? null
              : ` · ${t.customer.externalRef}: ${customer.externalRef}`}
          </p>
        </div>
        <a href={teamPath(team.id, 'customers')}>{t.customer.back}</a>
      </div>
      <div class="stats compact">
        <Figure label={t.orders} value={String(facts.orderCount)} />
        <Figure label={t.revenue} value={money(facts.revenue)} />
        <Figure label={t.customer.margin} value={money(facts.margin)} />
        <Figure label={t.customer.interactions} value={String(facts.interactionCount)} />
        <Figure label={t.customer.firstOrder} value={dayOrDash(facts.firstOrderAt)} />
        <Figure label={t.customers.lastOrder} value={dayOrDash(facts.lastOrderAt)} />
      </div>
      <p data-field="next-best-action">
        <strong>{t.customer.nextBestAction}:</strong> {card.nextBestAction.label}
        <span class="hint"> · {card.nextBestAction.reason}</span>
      </p>
    </section>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div class="stat">
      <span>{label}</span>
      <b>{value}</b>
    </div>
  );
}

function Identities({ card }: { card: CustomerCard }) {
  const t = useMessages();
  const { identities } = card.customer;
  return (
    <section class="card">
      <h2>{t.customer.identities}</h2>
      {identities.length === 0 ? (
        <p class="hint">{t.customer.noIdentities}</p>
      ) : (
        <ul class="plain">
          {identities.map((identity) => (
            <li>
              <code>{identity.value}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function People({ team, people }: { team: Team; people: readonly Person[] }) {
  const t = useMessages();
  return (
    <section class="card">
      <h2>{t.customer.people}</h2>
      {people.length === 0 ? (
        <p class="hint">{t.customer.noPeople}</p>
      ) : (
        <ul class="plain">
          {people.map((person) => (
            <li>
              <a href={customerPath(team.id, person.id)}>{person.name}</a>{' '}
              <span class="hint">{STAGE_LABELS[person.stage][t.locale]}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Panels({ card }: { card: CustomerCard }) {
  return (
    <>
      {card.panels.map((panel) => (
        <section class="card" data-panel={panel.plugin}>
          <h2>{panel.title}</h2>
          <dl class="facts">
            {panel.items.map((item) => (
              <>
                <dt>{item.label}</dt>
                <dd>{item.value}</dd>
              </>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}

/** An entry's words, in the reader's language. */
function entryText(item: TimelineItem, t: ReturnType<typeof useMessages>): string {
  switch (item.source) {
    case 'order':
      return t.customer.orderText(
        formatMoney(item.amount, item.currency, t.locale),
        item.externalId,
      );
    case 'interaction':
      return t.customer.interactionText(
        t.channels[item.channel],
        t.customer.directions[item.direction],
        item.summary,
      );
    case 'stage': {
      const to = STAGE_LABELS[item.to][t.locale];
      if (item.from === null) return t.customer.createdText(to);
      return t.customer.stageText(STAGE_LABELS[item.from][t.locale], to, item.reason);
    }
    case 'plugin':
      return item.text;
  }
}

function Timeline({ view, data }: { view: TeamView; data: CustomerData }) {
  const t = useMessages();
  const { team } = view;
  const here = customerPath(team.id, data.card.customer.id);
  const range: Field[] = [
    { type: 'date', name: 'from', label: t.customer.timelineFrom },
    { type: 'date', name: 'to', label: t.customer.timelineTo },
  ];
  return (
    <section class="card flush" data-section="timeline">
      <h2>{t.customer.timeline}</h2>
      <p class="caption">{t.customer.timelineCaption}</p>
      <form method="get" action={here} class="row pad">
        {range.map((field) => (
          <FieldControl
            field={field}
            value={data.range[field.name as 'from' | 'to']}
            error={data.rangeErrors.get(field.name)}
          />
        ))}
        <div class="submit">
          <button type="submit" class="secondary">
            {t.customers.apply}
          </button>
        </div>
      </form>
      {data.timeline.length === 0 ? (
        <p class="empty">{t.customer.noEvents}</p>
      ) : (
        <ol class="timeline">
          {data.timeline.map((item) => {
            const kind = item.source === 'plugin' ? item.kind : item.source;
            const label = item.source === 'plugin' ? item.label : t.customer.kinds[item.source];
            const actor =
              item.source === 'interaction' || item.source === 'stage' ? item.actor : null;
            return (
              <li data-kind={kind} data-source={item.source === 'plugin' ? item.plugin : 'core'}>
                <Time iso={item.at} />
                <span class="pill">{label}</span>
                <span>
                  {item.source === 'plugin' && item.link !== undefined ? (
                    <a
                      href={withQuery(
                        pluginPagePath(team.id, item.plugin, item.link.page),
                        item.link.query ?? {},
                      )}
                    >
                      {entryText(item, t)}
                    </a>
                  ) : (
                    entryText(item, t)
                  )}
                  {actor === null ? null : <span class="hint"> · {t.customer.by(actor)}</span>}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function Actions({
  session,
  view,
  data,
}: {
  session: AdminSession;
  view: TeamView;
  data: CustomerData;
}) {
  const t = useMessages();
  const { team } = view;
  const { customer } = data.card;
  const here = customerPath(team.id, customer.id);
  const draft = (action: CustomerAction) =>
    data.failed?.action === action ? data.failed.draft : undefined;
  const stageFields: Field[] = [
    {
      type: 'select',
      name: 'to',
      label: t.customer.newStage,
      required: true,
      options: STAGES.filter((stage) => stage !== customer.stage).map((stage) => ({
        value: stage,
        label: STAGE_LABELS[stage][t.locale],
      })),
    },
    { type: 'text', name: 'reason', label: t.customer.reason, required: true },
  ];
  const interactionFields: Field[] = [
    {
      type: 'select',
      name: 'channel',
      label: t.customer.channel,
      required: true,
      value: 'phone',
      options: CHANNELS.map((channel) => ({ value: channel, label: t.channels[channel] })),
    },
    {
      type: 'select',
      name: 'direction',
      label: t.customer.direction,
      required: true,
      value: 'outbound',
      options: (['outbound', 'inbound'] as const).map((direction) => ({
        value: direction,
        label: t.customer.directions[direction],
      })),
    },
    { type: 'textarea', name: 'summary', label: t.customer.summary, required: true },
    {
      type: 'datetime',
      name: 'occurredAt',
      label: t.customer.occurredAt(team.timeZone),
      required: true,
      value: data.now,
    },
  ];
  return (
    <div class="stack-cards">
      <ActionForm
        name="stage"
        action={`${here}/stage`}
        csrf={session.csrf}
        title={t.customer.changeStage}
        fields={stageFields}
        submit={t.customer.changeStage}
        draft={draft('stage')}
      />
      {data.members.length === 0 ? null : (
        <ActionForm
          name="owner"
          action={`${here}/owner`}
          csrf={session.csrf}
          title={t.customer.changeOwner}
          fields={[
            {
              type: 'select',
              name: 'ownerUserId',
              label: t.customers.owner,
              value: customer.ownerUserId === null ? '' : String(customer.ownerUserId),
              options: data.members.map((member) => ({
                value: String(member.id),
                label: member.name,
              })),
            },
          ]}
          submit={t.customer.changeOwner}
          draft={draft('owner')}
        />
      )}
      <ActionForm
        name="interaction"
        action={`${here}/interactions`}
        csrf={session.csrf}
        title={t.customer.logInteraction}
        fields={interactionFields}
        submit={t.customer.logInteraction}
        draft={draft('interactions')}
      />
    </div>
  );
}

/** One customer: the card's figures and panels, identities, company and people, timeline, actions. */
export function CustomerPage(props: { session: AdminSession; view: TeamView; data: CustomerData }) {
  const { session, view, data } = props;
  const { team } = view;
  const { card } = data;
  return (
    <TeamLayout
      session={session}
      team={team}
      tab="customers"
      title={card.customer.name}
      path={customerPath(team.id, card.customer.id)}
      notice={data.notice}
    >
      <Summary team={team} data={data} />
      <div class="split">
        <div class="stack-cards">
          <Timeline view={view} data={data} />
          <Panels card={card} />
        </div>
        <div class="stack-cards">
          <Actions session={session} view={view} data={data} />
          <Identities card={card} />
          {card.customer.kind === 'company' ? <People team={team} people={data.people} /> : null}
        </div>
      </div>
    </TeamLayout>
  );
}
