import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { type CardLookup, type CardQuery, type Problem, send } from '../lib/messages';

export type CardState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly lookup: CardLookup }
  | { readonly status: 'problem'; readonly problem: Problem };

export interface CardHandle {
  readonly state: CardState;
  /** Asks again; `fresh` skips the background's cache, as after the rep's own change. */
  readonly reload: (fresh?: boolean) => void;
  /** Shows a card the caller already has, such as one just created. */
  readonly show: (lookup: CardLookup) => void;
}

/**
 * The card for one query, asked of the background whenever the query changes, as soon as the
 * card is rendered rather than after the next paint, as an effect would be. A reload keeps
 * showing the card it replaces until the new one arrives, so what the rep was doing stays.
 */
export function useCard(query: CardQuery): CardHandle {
  const key = JSON.stringify(query);
  const [state, setState] = useState<CardState>({ status: 'loading' });
  const [round, setRound] = useState({ count: 0, fresh: false });
  const shown = useRef(key);

  useLayoutEffect(() => {
    let current = true;
    const changed = shown.current !== key;
    shown.current = key;
    setState((last) => (last.status === 'ready' && !changed ? last : { status: 'loading' }));
    const asked = JSON.parse(key) as CardQuery;
    void send('card:get', { query: asked, fresh: round.fresh }).then((reply) => {
      if (!current) return;
      setState(
        reply.ok
          ? { status: 'ready', lookup: reply.value }
          : { status: 'problem', problem: reply.problem },
      );
    });
    return () => {
      current = false;
    };
  }, [key, round]);

  const reload = useCallback(
    (fresh = false) => setRound((last) => ({ count: last.count + 1, fresh })),
    [],
  );
  const show = useCallback((lookup: CardLookup) => setState({ status: 'ready', lookup }), []);
  return { state, reload, show };
}
