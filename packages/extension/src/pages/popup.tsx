import { useEffect, useState } from 'preact/hooks';
import { humanise } from '../lib/format';
import { messagesFor } from '../lib/i18n';
import { type Problem, type SearchHit, type Session, send } from '../lib/messages';
import { Card } from '../ui/card';
import { ProblemState } from '../ui/problem-state';
import { SiteToggle } from './site-toggle';

const SEARCH_AFTER_MS = 250;

/** The toolbar popup: the current site on or off, and a customer search that opens a card. */
export function Popup({ session }: { readonly session: Session }) {
  const t = messagesFor(session.locale);
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<readonly SearchHit[]>();
  const [problem, setProblem] = useState<Problem>();
  const [chosen, setChosen] = useState<{ teamId: number; customerId: number }>();
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (q.trim() === '') {
      setHits(undefined);
      return;
    }
    let current = true;
    const timer = window.setTimeout(async () => {
      const reply = await send('customers:search', { q });
      if (!current) return;
      setProblem(reply.ok ? undefined : reply.problem);
      setHits(reply.ok ? reply.value : undefined);
    }, SEARCH_AFTER_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [q, round]);

  return (
    <main class="gx-page gx-popup" lang={session.locale}>
      <SiteToggle t={t} />
      <form onSubmit={(event) => event.preventDefault()}>
        <input
          type="search"
          name="q"
          placeholder={t.search}
          aria-label={t.search}
          value={q}
          onInput={(event) => {
            setChosen(undefined);
            setQ(event.currentTarget.value);
          }}
        />
      </form>
      {problem && <ProblemState problem={problem} t={t} onRetry={() => setRound((n) => n + 1)} />}
      {chosen === undefined && hits !== undefined && (
        <ul class="gx-list gx-result" data-field="results">
          {hits.length === 0 && <li class="gx-muted">{t.noResults}</li>}
          {hits.map((hit) => (
            <li key={`${hit.teamId}:${hit.customer.id}`}>
              <button
                type="button"
                class="gx-hit"
                data-customer={hit.customer.id}
                onClick={() => setChosen({ teamId: hit.teamId, customerId: hit.customer.id })}
              >
                {hit.customer.name}
              </button>{' '}
              <span class="gx-muted">
                {humanise(hit.customer.stage)} · {hit.teamName}
              </span>
            </li>
          ))}
        </ul>
      )}
      {chosen && (
        <div class="gx-result">
          <Card
            query={chosen}
            session={session}
            layout="inline"
            onClose={() => setChosen(undefined)}
          />
        </div>
      )}
    </main>
  );
}
