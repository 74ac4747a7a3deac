import { useEffect, useState } from 'preact/hooks';
import {
  type SourceChoice,
  type SourceFields,
  type SourceParty,
  sourceFor,
  type Vocabulary,
} from '../lib/development';
import type { Messages } from '../lib/i18n';
import { type SearchHit, send } from '../lib/messages';

/** The source picked so far: none, one to send, or a kind still missing whom it names. */
export type SourcePick =
  | { readonly state: 'none' }
  | { readonly state: 'ready'; readonly source: SourceChoice }
  | { readonly state: 'incomplete' };

/**
 * Where a new customer came from, for a team with the development plugin on: the kind, and the
 * referring customer (found by search in the team), the agent or the competitor it names.
 * Shows nothing for a team without the plugin.
 */
export function SourcePicker(props: {
  readonly teamId: number;
  readonly t: Messages;
  readonly onPick: (pick: SourcePick) => void;
}) {
  const { teamId, onPick } = props;
  const t = props.t.development;
  const [sources, setSources] = useState<Vocabulary['sources']>([]);
  const [kind, setKind] = useState('');
  const [fields, setFields] = useState<SourceFields>({});
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<readonly SearchHit[] | undefined>();

  useEffect(() => {
    let current = true;
    setSources([]);
    setKind('');
    void send('development:vocabulary', { teamId }).then((reply) => {
      if (current) setSources(reply.ok ? (reply.value?.sources ?? []) : []);
    });
    return () => {
      current = false;
    };
  }, [teamId]);

  const party: SourceParty | null = sources.find((s) => s.kind === kind)?.party ?? null;
  useEffect(() => {
    if (kind === '') onPick({ state: 'none' });
    else {
      const source = sourceFor(kind, party, fields);
      onPick(source === undefined ? { state: 'incomplete' } : { state: 'ready', source });
    }
  }, [kind, party, fields, onPick]);

  if (sources.length === 0) return null;

  const find = async () => {
    const reply = await send('customers:search', { q: query });
    setHits(reply.ok ? reply.value.filter((hit) => hit.teamId === teamId) : []);
  };

  return (
    <fieldset class="gx-source" data-field="source-picker">
      <label>
        {t.sourcePick}
        <select
          name="source"
          value={kind}
          onChange={(event) => {
            setKind(event.currentTarget.value);
            setFields({});
            setHits(undefined);
          }}
        >
          <option value="">{t.sourceNone}</option>
          {sources.map((source) => (
            <option key={source.kind} value={source.kind}>
              {source.label}
            </option>
          ))}
        </select>
      </label>
      {party === 'referrer' && (
        <>
          <label>
            {t.referrer}
            <span class="gx-inline-field">
              <input
                type="search"
                name="referrer"
                value={query}
                onInput={(event) => setQuery(event.currentTarget.value)}
              />
              <button
                type="button"
                class="gx-button"
                data-action="find-referrer"
                disabled={query.trim() === ''}
                onClick={() => void find()}
              >
                {t.findReferrer}
              </button>
            </span>
          </label>
          {hits !== undefined &&
            (hits.length === 0 ? (
              <p class="gx-muted">{t.noReferrer}</p>
            ) : (
              <select
                name="referrerId"
                value={fields.referrerId === undefined ? '' : String(fields.referrerId)}
                onChange={(event) => {
                  const id = Number(event.currentTarget.value);
                  setFields(id > 0 ? { referrerId: id } : {});
                }}
              >
                <option value="">{t.pickReferrer}</option>
                {hits.map((hit) => (
                  <option key={hit.customer.id} value={String(hit.customer.id)}>
                    {hit.customer.name}
                  </option>
                ))}
              </select>
            ))}
        </>
      )}
      {(party === 'agent' || party === 'competitor') && (
        <label>
          {party === 'agent' ? t.agent : t.competitor}
          <input
            type="text"
            name={party}
            maxLength={200}
            value={fields[party] ?? ''}
            onInput={(event) => setFields({ [party]: event.currentTarget.value })}
          />
        </label>
      )}
    </fieldset>
  );
}
