import type { Schemas } from '@guanxi/client';
import type { ComponentChildren } from 'preact';

type CustomerCard = Schemas['CustomerCard'];

import { formatDate, formatMoney, formatPercent, humanise } from '../lib/format';
import type { Messages } from '../lib/i18n';
import { type CardLookup, type Session, send } from '../lib/messages';
import { CreateCustomer, type Person } from './create-customer';
import { LogEmail, type MailContext } from './log-email';
import { Panels } from './panels';

type Found = Extract<CardLookup, { found: true }>;

function Section(props: {
  readonly title: string;
  readonly field: string;
  readonly children: ComponentChildren;
}) {
  return (
    <div class="gx-section" data-field={props.field}>
      <h3>{props.title}</h3>
      {props.children}
    </div>
  );
}

function Row(props: { readonly label: string; readonly field: string; readonly value: string }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd data-field={props.field}>{props.value}</dd>
    </>
  );
}

function Summary({
  card,
  t,
  locale,
}: {
  card: CustomerCard;
  t: Messages;
  locale: Session['locale'];
}) {
  const { loyalty, winback, scores } = card.slots;
  const currency = card.lastOrders[0]?.currency;
  const winbackText =
    winback === undefined
      ? undefined
      : [
          t.winbackStatus[winback.status] ?? humanise(winback.status),
          winback.kind === null ? '' : (t.churnKinds[winback.kind] ?? humanise(winback.kind)),
        ]
          .filter(Boolean)
          .join(' · ');
  return (
    <dl class="gx-grid gx-section">
      <Row label={t.stage} field="stage" value={card.stage.label} />
      {loyalty && (
        <>
          <Row label={t.points} field="points" value={loyalty.points.toLocaleString(locale)} />
          <Row label={t.level} field="level" value={humanise(loyalty.level)} />
        </>
      )}
      {winbackText !== undefined && <Row label={t.winback} field="winback" value={winbackText} />}
      {scores?.rfm && <Row label={t.rfm} field="rfm" value={scores.rfm.label} />}
      {scores?.pAlive != null && (
        <Row label={t.pAlive} field="p-alive" value={formatPercent(scores.pAlive, locale)} />
      )}
      {scores?.clv != null && (
        <Row label={t.clv} field="clv" value={formatMoney(scores.clv, currency, locale)} />
      )}
    </dl>
  );
}

function Complaints({ card, t }: { card: CustomerCard; t: Messages }) {
  const complaints = card.slots.complaints;
  if (complaints === undefined) return null;
  return (
    <Section title={t.complaints} field="complaints">
      {complaints.open.length === 0 ? (
        <p class="gx-muted">{t.noComplaints}</p>
      ) : (
        <ul class="gx-list">
          {complaints.open.map((complaint) => (
            <li key={complaint.id} data-complaint={complaint.id}>
              {complaint.causeLabel} · {complaint.stepLabel}{' '}
              <span class={complaint.overdue ? 'gx-overdue' : 'gx-muted'}>
                ({complaint.timeLeft})
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function History({
  card,
  t,
  locale,
}: {
  card: CustomerCard;
  t: Messages;
  locale: Session['locale'];
}) {
  return (
    <>
      <Section title={t.lastInteractions} field="interactions">
        {card.lastInteractions.length === 0 ? (
          <p class="gx-muted">{t.nothingYet}</p>
        ) : (
          <ul class="gx-list">
            {card.lastInteractions.map((interaction) => (
              <li key={interaction.id}>
                <span class="gx-muted">
                  {formatDate(interaction.occurredAt, locale)} ·{' '}
                  {t.direction[interaction.direction]}
                </span>{' '}
                {interaction.summary.split('\n')[0]}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={t.lastOrders} field="orders">
        {card.lastOrders.length === 0 ? (
          <p class="gx-muted">{t.nothingYet}</p>
        ) : (
          <ul class="gx-list">
            {card.lastOrders.map((order) => (
              <li key={order.id}>
                <span class="gx-muted">{formatDate(order.placedAt, locale)}</span>{' '}
                {formatMoney(order.amount, order.currency, locale)}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

/** The card of a customer: who, how valuable, what is open, what to do next, and the modules. */
export function CustomerView(props: {
  readonly lookup: Found;
  readonly session: Session;
  readonly t: Messages;
  readonly mail?: MailContext;
  readonly person?: Person;
  readonly onChanged: () => void;
  readonly onCreated: (lookup: CardLookup) => void;
}) {
  const { lookup, session, t, mail, person, onChanged, onCreated } = props;
  const { card } = lookup;
  const tier = card.slots.tier;
  const nba = card.nextBestAction;
  return (
    <div data-customer={card.customer.id}>
      <h2 class="gx-name" data-field="name">
        {card.customer.name}
      </h2>
      {card.company && (
        <p class="gx-sub" data-field="company">
          {t.company}: {card.company.name}
        </p>
      )}
      {tier && (
        <div class="gx-section">
          <span class="gx-tier" data-field="tier" data-tier={tier.value}>
            {tier.label}
          </span>
          <p class="gx-sub" data-field="tier-why">
            {tier.why}
          </p>
        </div>
      )}
      {lookup.match === 'company' && (
        <>
          <p class="gx-note" data-field="company-match">
            {t.companyMatch}
          </p>
          {person && (
            <CreateCustomer
              person={person}
              teams={[{ id: lookup.teamId, name: '' }]}
              t={t}
              onCreated={onCreated}
            />
          )}
        </>
      )}
      <Summary card={card} t={t} locale={session.locale} />
      <Complaints card={card} t={t} />
      <Section title={t.nextBestAction} field="next-best-action">
        <div class="gx-nba">
          <strong>{nba.label}</strong>
          <div class="gx-sub">{nba.reason}</div>
        </div>
      </Section>
      <History card={card} t={t} locale={session.locale} />
      <div class="gx-actions">
        {mail && lookup.match === 'exact' && (
          <LogEmail
            mail={mail}
            teamId={lookup.teamId}
            customerId={card.customer.id}
            session={session}
            t={t}
            onLogged={onChanged}
          />
        )}
        <button
          type="button"
          class="gx-button"
          data-action="open-console"
          onClick={() =>
            void send('console:open', { teamId: lookup.teamId, customerId: card.customer.id })
          }
        >
          {t.openConsole}
        </button>
      </div>
      <Panels panels={card.panels} title={t.modules} />
    </div>
  );
}
