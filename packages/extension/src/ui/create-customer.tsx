import { useState } from 'preact/hooks';
import type { Messages } from '../lib/i18n';
import { type CardLookup, type Problem, send } from '../lib/messages';
import { ProblemState } from './problem-state';
import { type SourcePick, SourcePicker } from './source-picker';

export interface Person {
  readonly email: string;
  readonly name: string;
}

/**
 * Creates a customer for a sender nobody has on file, in one of the rep's teams, with where
 * they came from where the team has the development plugin on.
 */
export function CreateCustomer(props: {
  readonly person: Person;
  /** The teams the customer can be created in; a choice is offered when there are several. */
  readonly teams: readonly { readonly id: number; readonly name: string }[];
  readonly t: Messages;
  readonly onCreated: (lookup: CardLookup) => void;
}) {
  const { person, teams, t, onCreated } = props;
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(person.name || person.email.split('@')[0] || person.email);
  const [teamId, setTeamId] = useState(teams[0]?.id);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [pick, setPick] = useState<SourcePick>({ state: 'none' });

  if (teams.length === 0 || teamId === undefined) return null;
  if (!open) {
    return (
      <div class="gx-actions">
        <button
          type="button"
          class="gx-button"
          data-primary
          data-action="create-customer"
          onClick={() => setOpen(true)}
        >
          {t.createCustomer}
        </button>
      </div>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const reply = await send('customer:create', {
      teamId,
      name,
      email: person.email,
      ...(pick.state === 'ready' ? { source: pick.source } : {}),
    });
    setBusy(false);
    if (reply.ok) onCreated(reply.value);
    else setProblem(reply.problem);
  };

  return (
    <form class="gx-form" data-form="create-customer" onSubmit={submit}>
      <label>
        {t.name}
        <input
          type="text"
          name="name"
          value={name}
          required
          maxLength={200}
          onInput={(event) => setName(event.currentTarget.value)}
        />
      </label>
      {teams.length > 1 && (
        <label>
          {t.team}
          <select
            name="team"
            value={String(teamId)}
            onChange={(event) => setTeamId(Number(event.currentTarget.value))}
          >
            {teams.map((team) => (
              <option key={team.id} value={String(team.id)}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <SourcePicker teamId={teamId} t={t} onPick={setPick} />
      {pick.state === 'incomplete' && (
        <p class="gx-muted" data-field="source-incomplete">
          {t.development.needsParty}
        </p>
      )}
      <div class="gx-actions">
        <button
          type="submit"
          class="gx-button"
          data-primary
          data-action="create-confirm"
          disabled={busy || pick.state === 'incomplete'}
        >
          {t.create}
        </button>
      </div>
      {problem && <ProblemState problem={problem} t={t} onRetry={() => setProblem(undefined)} />}
    </form>
  );
}
