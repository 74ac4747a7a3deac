import { type Kysely, sql } from 'kysely';
import { addTo } from '../collections';
import { dialectOf } from '../storage/columns';
import type { CoreTables } from '../storage/schema';
import { chunked } from '../storage/transaction';

/**
 * Rewrites the search text of these customers from their name, identities and company
 * name. Called by every write that changes one of those.
 */
export async function refreshSearchText(
  trx: Kysely<CoreTables>,
  customerIds: Iterable<number>,
): Promise<void> {
  const sqlite = dialectOf(trx) === 'sqlite';
  for (const ids of chunked([...new Set(customerIds)], 500)) {
    const customers = await trx
      .selectFrom('customers as c')
      .leftJoin('customers as co', 'co.id', 'c.company_id')
      .select(['c.id', 'c.team_id', 'c.name', 'co.name as company'])
      .where('c.id', 'in', ids)
      .execute();
    const identities = await trx
      .selectFrom('customer_identities')
      .select(['customer_id', 'value'])
      .where('customer_id', 'in', ids)
      .execute();
    const values = new Map<number, string[]>();
    for (const identity of identities) addTo(values, identity.customer_id, identity.value);
    const rows = customers.map((c) => ({
      id: c.id,
      team: c.team_id,
      text: [c.name, ...(values.get(c.id) ?? []), c.company ?? ''].join(' ').toLowerCase(),
    }));
    if (rows.length === 0) continue;
    if (sqlite) {
      await sql`delete from customer_search where rowid in (${sql.join(ids)})`.execute(trx);
      await sql`insert into customer_search (rowid, text, team_id) values ${sql.join(
        rows.map((r) => sql`(${r.id}, ${r.text}, ${r.team})`),
      )}`.execute(trx);
    } else {
      await sql`insert into customer_search (customer_id, team_id, text) values ${sql.join(
        rows.map((r) => sql`(${r.id}, ${r.team}, ${r.text})`),
      )} on conflict (customer_id) do update set text = excluded.text`.execute(trx);
    }
  }
}

/**
 * Rewrites these customers' search text as refreshSearchText does, and leaves none of the
 * old text behind: SQLite's FTS5 otherwise keeps a deleted row's terms in its index pages
 * until a later merge, so its secure-delete mode is on for these deletes.
 */
export async function scrubSearchText(
  trx: Kysely<CoreTables>,
  customerIds: Iterable<number>,
): Promise<void> {
  const sqlite = dialectOf(trx) === 'sqlite';
  // FTS5 takes the setting as an integer literal; a bound number arrives as a real.
  const secureDelete = (on: 0 | 1) =>
    sql`insert into customer_search (customer_search, rank) values ('secure-delete', ${sql.lit(on)})`;
  if (sqlite) await secureDelete(1).execute(trx);
  await refreshSearchText(trx, customerIds);
  if (sqlite) await secureDelete(0).execute(trx);
}

/** Words the trigram index can look up: shorter ones are checked on each row it finds. */
const INDEXABLE_LENGTH = 3;
/** How many rows a probe counts at most before calling a word common. */
const PROBE_ROWS = 128;
/**
 * A common word whose first PROBE_ROWS texts lie within this many rows of the index's first is
 * in at least half of them: taken as in nearly every text.
 */
const EVERYWHERE_SPAN = 2 * PROBE_ROWS;
/** How long a word a probe found common is taken as common without probing it again. */
const COMMON_FOR_MS = 60_000;
/** The most words remembered as common for one database; past it, the memory starts over. */
const COMMON_WORDS_KEPT = 1_000;

/** A word a probe found common: whether it is in nearly every text, and when that lapses. */
interface CommonWord {
  readonly everywhere: boolean;
  readonly lapses: number;
}

/**
 * Words probes found common, by database. A common word ("customer", a frequent surname)
 * stays common as customers come and go, and a search for it would otherwise probe it every
 * time. The verdict only picks how the search reads the index: a stale one makes a search
 * slower, never wrong.
 */
const commonWords = new WeakMap<object, Map<string, CommonWord>>();

function knownCommon(db: Kysely<CoreTables>, word: string): CommonWord | undefined {
  const known = commonWords.get(db)?.get(word);
  return known !== undefined && known.lapses > performance.now() ? known : undefined;
}

function rememberCommon(db: Kysely<CoreTables>, word: string, everywhere: boolean): void {
  let words = commonWords.get(db);
  if (words === undefined || words.size >= COMMON_WORDS_KEPT) {
    words = new Map();
    commonWords.set(db, words);
  }
  words.set(word, { everywhere, lapses: performance.now() + COMMON_FOR_MS });
}

/**
 * How many texts (in any team) hold `word`, counting at most PROBE_ROWS; a common word is
 * remembered, with whether it is in nearly every text. Costs 0.01–0.07 ms.
 */
async function probe(db: Kysely<CoreTables>, word: string): Promise<number> {
  const phrase = `"${word.replaceAll('"', '""')}"`;
  const found = await sql<{ rows: number; last: number | null; first: number | null }>`
    select count(*) as rows, max(rowid) as last,
      (select rowid from customer_search order by rowid limit 1) as first
    from (select rowid from customer_search where customer_search match ${phrase} limit ${PROBE_ROWS})`
    .execute(db)
    .then((result) => result.rows[0]);
  const rows = Number(found?.rows ?? 0);
  if (rows >= PROBE_ROWS) {
    rememberCommon(db, word, Number(found?.last) - Number(found?.first) < EVERYWHERE_SPAN);
  }
  return rows;
}

/**
 * How a search on SQLite reads the trigram index: a word it walks alone, `scan` to read the
 * texts in order without the index, or `index` to let FTS5 walk every word's matches.
 */
type SearchPlan = { readonly walk: string } | 'scan' | 'index';

/**
 * The cheapest way through the index for these words. A word that fewer than PROBE_ROWS texts
 * hold is walked alone and the other words are checked on each of its rows: FTS5 otherwise
 * reads every word's matches and intersects them, and a word most customers share makes that
 * as costly as reading the table. When every other word is known to be common, the word left
 * is walked without a probe: if it is rare, that is the walk a probe would choose; if it is
 * common, the walk costs at most its own matches. When every word the index can look up is in
 * nearly every text, reading the texts in order without the index is cheaper than walking
 * the index over the same rows (`Customer 12`: "12" is too short for the index, "customer" in
 * every text), and stops at the page as the walk does.
 */
export async function searchPlan(
  db: Kysely<CoreTables>,
  words: readonly string[],
): Promise<SearchPlan> {
  const indexable = words.filter((word) => [...word].length >= INDEXABLE_LENGTH);
  if (indexable.length === 0) return 'index';
  const unknown = indexable.filter((word) => knownCommon(db, word) === undefined);
  if (indexable.length > 1 && unknown.length === 1) return { walk: unknown[0] as string };
  let rarest: { word: string; rows: number } | undefined;
  for (const word of unknown) {
    const rows = await probe(db, word);
    if (rarest === undefined || rows < rarest.rows) rarest = { word, rows };
  }
  if (rarest !== undefined && rarest.rows < PROBE_ROWS) return { walk: rarest.word };
  return indexable.every((word) => knownCommon(db, word)?.everywhere) ? 'scan' : 'index';
}

/** Customer ids in the team whose search text holds every word of `query`, as substrings. */
export async function matchingCustomerIds(db: Kysely<CoreTables>, teamId: number, query: string) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  if (dialectOf(db) === 'sqlite') {
    // GLOB, not LIKE … ESCAPE: FTS5's trigram index serves LIKE and GLOB patterns but not an
    // ESCAPE clause, without which it reads every row. Text and words are lower-cased alike.
    // `+text` keeps a word from the index: it is checked on each row the index or scan finds.
    const plan = await searchPlan(db, words);
    const indexed = (word: string) => plan === 'index' || (plan !== 'scan' && plan.walk === word);
    const glob = (word: string) => `*${word.replace(/[*?[]/g, (c) => `[${c}]`)}*`;
    const conditions = words.map((w) =>
      indexed(w) ? sql`text glob ${glob(w)}` : sql`+text glob ${glob(w)}`,
    );
    return sql<{
      id: number;
    }>`select rowid as id from customer_search where team_id = ${teamId} and ${sql.join(conditions, sql` and `)}`;
  }
  const like = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const conditions = words.map((w) => sql`text ilike ${like(w)} escape '\\'`);
  return sql<{
    id: number;
  }>`select customer_id as id from customer_search where team_id = ${teamId} and ${sql.join(conditions, sql` and `)}`;
}
