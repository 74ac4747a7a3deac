/** @jsxImportSource hono/jsx */
import {
  type DeliveryLogEntry,
  DISABLE_AFTER_MS,
  RETRY_FOR_MS,
  ROTATION_WINDOW_MS,
  type Team,
  type Webhook,
  type WebhookWithSecret,
} from '@guanxi/core';
import type { AdminSession } from '../env';
import { useMessages } from '../i18n';
import type { FieldErrors } from '../issues';
import { TeamLayout } from '../layout';
import type { Notice } from '../messages';
import { teamPath } from '../paths';
import { ActionButton, CsrfField, FieldError, Time } from '../ui';

export interface WebhookView {
  readonly webhook: Webhook;
  /** Its delivery attempts, newest first. */
  readonly deliveries: readonly DeliveryLogEntry[];
}

/** The add form sent back with errors, showing what was submitted. */
export interface WebhookForm {
  readonly values: { readonly url: string; readonly events: readonly string[] };
  readonly errors: FieldErrors;
}

const DAY_MS = 86_400_000;

/** A secret's only appearance, on the page answering the form that made it. */
function NewSecret({ shown, rotated }: { shown: WebhookWithSecret; rotated: boolean }) {
  const t = useMessages();
  return (
    <section class="card secret" data-new-webhook={shown.id}>
      <h2>{rotated ? t.rotatedSecretTitle(shown.url) : t.newSecretTitle(shown.url)}</h2>
      <p class="hint">
        {rotated ? t.rotatedSecretNote(ROTATION_WINDOW_MS / 3_600_000) : t.newSecretNote}
      </p>
      <input type="text" readonly value={shown.secret} aria-label={t.signingSecret} />
    </section>
  );
}

/** One attempt; the newest attempt of each message offers to send that message again. */
function DeliveryRow(props: { entry: DeliveryLogEntry; resend?: string; csrf: string }) {
  const t = useMessages();
  const { entry } = props;
  const ok = entry.status !== null && entry.status >= 200 && entry.status < 300;
  return (
    <tr data-delivery={entry.outboxId}>
      <td>
        <Time iso={entry.at} />
      </td>
      <td>
        <code>{entry.messageId}</code>
      </td>
      <td class="num">{entry.attempt}</td>
      <td class="error">
        {entry.status === null ? null : (
          <span class={ok ? 'pill on' : 'pill warn'}>{`HTTP ${entry.status}`}</span>
        )}{' '}
        {entry.error}
      </td>
      <td class="num">{t.milliseconds(entry.durationMs)}</td>
      <td>
        {props.resend === undefined ? null : (
          <ActionButton
            action={props.resend}
            csrf={props.csrf}
            label={t.resend}
            variant="secondary"
          />
        )}
      </td>
    </tr>
  );
}

function WebhookState({ webhook }: { webhook: Webhook }) {
  const t = useMessages();
  const failing = webhook.disabledReason === 'failing';
  return (
    <>
      {failing ? (
        <p class="notice warn" data-disabled-reason="failing">
          {t.disabledFailing(DISABLE_AFTER_MS / DAY_MS)}
        </p>
      ) : null}
      {webhook.failingSince === null ? null : (
        <p class="hint">
          {t.failingSince} <Time iso={webhook.failingSince} />
        </p>
      )}
      {failing && webhook.disabledAt !== null ? (
        <p class="hint">
          {t.disabledAt} <Time iso={webhook.disabledAt} />
        </p>
      ) : null}
      {webhook.previousSecretExpiresAt === null ? null : (
        <p class="hint">
          {t.previousSecretUntil} <Time iso={webhook.previousSecretExpiresAt} />
        </p>
      )}
    </>
  );
}

function WebhookCard({ team, csrf, view }: { team: Team; csrf: string; view: WebhookView }) {
  const t = useMessages();
  const { webhook, deliveries } = view;
  const path = `${teamPath(team.id, 'webhooks')}/${webhook.id}`;
  const failing = webhook.disabledReason === 'failing';
  // The log is newest first, so a message's first row is its newest attempt.
  const newest = new Set(
    deliveries.filter(
      (entry, i) => deliveries.findIndex((other) => other.outboxId === entry.outboxId) === i,
    ),
  );
  return (
    <section class="card webhook" id={`webhook-${webhook.id}`} data-webhook={webhook.id}>
      <div class="webhook-head">
        <div>
          <h2>
            <span class="url">{webhook.url}</span>
            <span class={webhook.active ? 'pill on' : failing ? 'pill warn' : 'pill'}>
              {webhook.active ? t.active : failing ? t.disabled : t.inactive}
            </span>
          </h2>
          <p class="tags">
            {webhook.events.map((event) => (
              <code>{event}</code>
            ))}
          </p>
          <p class="hint">
            {t.created} <Time iso={webhook.createdAt} />
          </p>
          <WebhookState webhook={webhook} />
        </div>
        <div class="actions">
          <ActionButton
            action={`${path}/rotate-secret`}
            csrf={csrf}
            label={t.rotateSecret}
            variant="secondary"
          />
          {webhook.active ? (
            <ActionButton
              action={`${path}/deactivate`}
              csrf={csrf}
              label={t.deactivate}
              variant="secondary"
            />
          ) : (
            <ActionButton action={`${path}/enable`} csrf={csrf} label={t.enable} />
          )}
        </div>
      </div>
      <h3 class="hint">{t.deliveryLog}</h3>
      {deliveries.length === 0 ? (
        <p class="hint">{t.noDeliveries}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t.time}</th>
              <th>{t.message}</th>
              <th class="num">{t.attempt}</th>
              <th>{t.result}</th>
              <th class="num">{t.duration}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {deliveries.map((entry) => (
              <DeliveryRow
                entry={entry}
                csrf={csrf}
                {...(webhook.active && newest.has(entry)
                  ? { resend: `${path}/deliveries/${entry.outboxId}/resend` }
                  : {})}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function AddWebhook(props: {
  team: Team;
  csrf: string;
  events: readonly string[];
  form?: WebhookForm;
}) {
  const t = useMessages();
  const { form } = props;
  const urlError = form?.errors.get('url');
  // `events` itself (none chosen) or `events.N`, the Nth event submitted.
  const eventErrors = [...(form?.errors ?? [])].filter(
    ([path]) => path === 'events' || path.startsWith('events.'),
  );
  const checked = new Set(form?.values.events);
  return (
    <section class="card">
      <h2>{t.addWebhook}</h2>
      <p class="caption">{t.addWebhookHint(RETRY_FOR_MS / DAY_MS, DISABLE_AFTER_MS / DAY_MS)}</p>
      <form method="post" action={teamPath(props.team.id, 'webhooks')} class="config">
        <CsrfField token={props.csrf} />
        <label class={urlError === undefined ? undefined : 'invalid'}>
          {t.url}
          <input type="url" name="url" required maxlength={2000} value={form?.values.url} />
          <FieldError message={urlError} />
        </label>
        <fieldset class={eventErrors.length === 0 ? 'checks' : 'checks invalid'}>
          <legend>{t.events}</legend>
          {eventErrors.map(([, message]) => (
            <FieldError message={message} />
          ))}
          {props.events.map((event) => (
            <label class="check">
              <input type="checkbox" name="events" value={event} checked={checked.has(event)} />
              <code>{event}</code>
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit">{t.add}</button>
        </div>
      </form>
    </section>
  );
}

/** The team's webhooks, each with its delivery log, and a form to add one. */
export function WebhooksPage(props: {
  session: AdminSession;
  team: Team;
  webhooks: readonly WebhookView[];
  /** The event hooks a webhook can subscribe to. */
  events: readonly string[];
  form?: WebhookForm;
  created?: WebhookWithSecret;
  /** A webhook whose secret was just rotated, with the new secret. */
  rotated?: WebhookWithSecret;
  notice?: Notice | undefined;
}) {
  const t = useMessages();
  const { team, session } = props;
  return (
    <TeamLayout session={session} team={team} tab="webhooks" notice={props.notice}>
      {props.created === undefined ? null : <NewSecret shown={props.created} rotated={false} />}
      {props.rotated === undefined ? null : <NewSecret shown={props.rotated} rotated={true} />}
      {props.webhooks.length === 0 ? <p class="card empty">{t.noWebhooks}</p> : null}
      {props.webhooks.map((view) => (
        <WebhookCard team={team} csrf={session.csrf} view={view} />
      ))}
      <AddWebhook team={team} csrf={session.csrf} events={props.events} form={props.form} />
    </TeamLayout>
  );
}
