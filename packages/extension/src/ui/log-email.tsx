import { useState } from 'preact/hooks';
import type { Vocabulary } from '../lib/development';
import { domainOf, inDomains } from '../lib/emails';
import { formatDateTime } from '../lib/format';
import type { Messages } from '../lib/i18n';
import { type Direction, type Problem, type Session, send } from '../lib/messages';
import { ProblemState } from './problem-state';

/** The e-mail the card is shown beside, as the content script read it from the page. */
export interface MailContext {
  /** The customer's side of the message: its sender, or its recipient when the rep sent it. */
  readonly email: string;
  readonly name: string;
  readonly subject: string;
  readonly occurredAt: string;
  readonly direction: Direction;
  /** Reads the body from the page, only when the rep asks for it to be logged. */
  readonly readBody: () => string;
}

type Status = 'closed' | 'open' | 'saving' | 'logged';

/**
 * "Log this e-mail": sender, subject, time and direction; the body only if the rep ticks it;
 * and, where the team has the development plugin on, the buying signals the rep saw in it.
 */
export function LogEmail(props: {
  readonly mail: MailContext;
  readonly teamId: number;
  readonly customerId: number;
  /** Whether to offer the buying signals (the card has the development plugin's slot). */
  readonly withSignals: boolean;
  readonly session: Session;
  readonly t: Messages;
  readonly onLogged: () => void;
}) {
  const { mail, teamId, customerId, withSignals, session, t, onLogged } = props;
  const [status, setStatus] = useState<Status>('closed');
  const [withBody, setWithBody] = useState(false);
  const [choices, setChoices] = useState<Vocabulary['signals']>([]);
  const [signals, setSignals] = useState<readonly string[]>([]);
  const [problem, setProblem] = useState<Problem>();

  const open = async () => {
    setStatus('open');
    if (!withSignals) return;
    const reply = await send('development:vocabulary', { teamId });
    if (reply.ok) setChoices(reply.value?.signals ?? []);
    else setProblem(reply.problem);
  };
  const toggle = (signal: string, on: boolean) =>
    setSignals((current) =>
      on ? [...current, signal] : current.filter((chosen) => chosen !== signal),
    );

  if (inDomains(domainOf(mail.email), session.neverLog)) {
    return (
      <p class="gx-muted" data-field="never-log">
        {t.neverLog}
      </p>
    );
  }
  if (status === 'logged') {
    return (
      <p class="gx-note" data-field="logged" role="status">
        {t.logged}
      </p>
    );
  }
  if (status === 'closed') {
    return (
      <button type="button" class="gx-button" data-action="log-email" onClick={() => void open()}>
        {t.logEmail}
      </button>
    );
  }

  const submit = async () => {
    setStatus('saving');
    setProblem(undefined);
    const reply = await send('interaction:log', {
      teamId,
      customerId,
      email: mail.email,
      subject: mail.subject,
      occurredAt: mail.occurredAt,
      direction: mail.direction,
      ...(withBody ? { body: mail.readBody() } : {}),
      // In the vocabulary's order, whatever order they were ticked in.
      signals: choices.map((choice) => choice.signal).filter((id) => signals.includes(id)),
    });
    if (reply.ok) {
      setStatus('logged');
      onLogged();
    } else {
      setStatus('open');
      setProblem(reply.problem);
    }
  };

  return (
    <div class="gx-form" data-form="log-email">
      <p class="gx-sub">
        {t.direction[mail.direction]} · {formatDateTime(mail.occurredAt, session.locale)}
      </p>
      <p>{mail.subject}</p>
      <label class="gx-check">
        <input
          type="checkbox"
          name="body"
          checked={withBody}
          onChange={(event) => setWithBody(event.currentTarget.checked)}
        />
        {t.includeBody}
      </label>
      {choices.length > 0 && (
        <fieldset class="gx-signals" data-field="signals">
          <legend>{t.development.signalsToTag}</legend>
          {choices.map((choice) => (
            <label class="gx-check" key={choice.signal}>
              <input
                type="checkbox"
                name="signal"
                value={choice.signal}
                checked={signals.includes(choice.signal)}
                onChange={(event) => toggle(choice.signal, event.currentTarget.checked)}
              />
              {choice.label}
            </label>
          ))}
        </fieldset>
      )}
      <div class="gx-actions">
        <button
          type="button"
          class="gx-button"
          data-primary
          data-action="log-confirm"
          disabled={status === 'saving'}
          onClick={() => void submit()}
        >
          {t.log}
        </button>
      </div>
      {problem && <ProblemState problem={problem} t={t} onRetry={() => void submit()} />}
    </div>
  );
}
