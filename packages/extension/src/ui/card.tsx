import { useState } from 'preact/hooks';
import { messagesFor } from '../lib/i18n';
import type { CardQuery, Session } from '../lib/messages';
import { CreateCustomer, type Person } from './create-customer';
import { CustomerView } from './customer-view';
import type { MailContext } from './log-email';
import { ProblemState } from './problem-state';
import { type CardHandle, type CardState, useCard } from './use-card';

/** Where the card sits: beside a message, floating, on hover, or inside the popup. */
export type CardLayout = 'dock' | 'float' | 'hover' | 'inline';

export interface CardProps {
  readonly query: CardQuery;
  readonly session: Session;
  readonly layout: CardLayout;
  /** The e-mail beside which the card is shown, for "log this e-mail". */
  readonly mail?: MailContext;
  /** Who the query is about, for "create customer" when nobody is on file. */
  readonly person?: Person;
  readonly onClose?: () => void;
  /** Where a hover card is placed in the window, in pixels. */
  readonly at?: { readonly left: number; readonly top: number };
}

function stateOf(state: CardState): string {
  if (state.status === 'loading') return 'loading';
  if (state.status === 'problem') return state.problem.kind;
  if (!state.lookup.found) return 'unknown';
  return state.lookup.match === 'company' ? 'company' : 'customer';
}

function Body(props: CardProps & CardHandle) {
  const { session, mail, person, state, reload, show } = props;
  const t = messagesFor(session.locale);
  if (state.status === 'loading') {
    return (
      <p class="gx-state gx-muted" data-state="loading" role="status">
        {t.loading}
      </p>
    );
  }
  if (state.status === 'problem') {
    return <ProblemState problem={state.problem} t={t} onRetry={() => reload(true)} />;
  }
  if (state.lookup.found) {
    return (
      <CustomerView
        lookup={state.lookup}
        session={session}
        t={t}
        mail={mail}
        person={person}
        onChanged={() => reload(true)}
        onCreated={show}
      />
    );
  }
  return (
    <div class="gx-state" data-state="unknown">
      {person && (
        <>
          <h2 class="gx-name" data-field="name">
            {person.name || person.email}
          </h2>
          <p class="gx-sub">{person.email}</p>
        </>
      )}
      <p class="gx-note">{t.unknown}</p>
      {person && (
        <CreateCustomer person={person} teams={state.lookup.teams} t={t} onCreated={show} />
      )}
    </div>
  );
}

/** The customer card in every state: loading, a problem, an unknown sender, or the customer. */
export function Card(props: CardProps) {
  const { query, session, layout, onClose, at } = props;
  const t = messagesFor(session.locale);
  const { state, reload, show } = useCard(query);
  const [collapsed, setCollapsed] = useState(false);
  const name =
    state.status === 'ready' && state.lookup.found ? state.lookup.card.customer.name : '';

  return (
    <section
      class={`gx-card gx-${layout}`}
      data-state={stateOf(state)}
      lang={session.locale}
      style={at && { left: `${at.left}px`, top: `${at.top}px` }}
    >
      <div class="gx-top">
        <span class="gx-brand">Guanxi</span>
        <span>
          {layout === 'float' && (
            <button
              type="button"
              class="gx-close"
              aria-expanded={!collapsed}
              data-action="collapse"
              onClick={() => setCollapsed(!collapsed)}
            >
              {collapsed ? '▴' : '▾'}
            </button>
          )}
          {onClose && (
            <button
              type="button"
              class="gx-close"
              title={t.close}
              aria-label={t.close}
              data-action="close"
              onClick={onClose}
            >
              ×
            </button>
          )}
        </span>
      </div>
      {collapsed ? (
        <p class="gx-sub">{name}</p>
      ) : (
        <Body {...props} state={state} reload={reload} show={show} />
      )}
    </section>
  );
}
