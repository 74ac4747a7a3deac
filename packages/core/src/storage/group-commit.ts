/** One call's part of a group: what it asked for, and where its outcome goes. */
interface Member<C, R> {
  readonly call: C;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

interface Group {
  readonly members: Member<unknown, unknown>[];
  size: number;
}

/** Writes the calls of a group as one, each call's result in its place. */
export type JointWrite<C, R> = (calls: readonly C[]) => Promise<R[]>;

/**
 * Group commit: small writes of one kind that arrive in the same turn of the event loop share
 * one transaction. The first call of a turn opens a group and writes it once the turn's other
 * I/O has been handled (`setImmediate`), so a write arriving alone waits for nothing but the
 * requests already read; calls with the same key join the open group up to `limit` items.
 * Orders and interactions go through it (Orders.record, Interactions.log).
 * A commit's cost is mostly per transaction (the pages it writes, the hooks' fixed work), so
 * a sale day's single orders cost less each when they commit together.
 *
 * Each call gets the outcome it would have had alone: if the joint write fails, the group's
 * calls are written again one by one, so only a call that fails by itself sees an error, with
 * its own fields named.
 */
export class GroupCommit {
  readonly #open = new Map<string, Group>();
  readonly #limit: number;

  /** `limit`: the most items (orders, interactions) one group's calls hold together. */
  constructor(limit: number) {
    this.#limit = limit;
  }

  /**
   * Writes `call`, of `size` items, with the others of its key that arrive in this turn. A
   * call made on a transaction's handle `db` is written in that transaction, at once, and so
   * is a call of `limit` items or more, alone.
   */
  submit<C, R>(
    db: { readonly isTransaction: boolean },
    key: string,
    call: C,
    size: number,
    write: JointWrite<C, R>,
  ): Promise<R> {
    const limit = this.#limit;
    if (db.isTransaction || size >= limit) return writeAlone(call, write);
    let group = this.#open.get(key);
    if (group === undefined || group.size + size > limit) {
      const opened: Group = { members: [], size: 0 };
      this.#open.set(key, opened);
      setImmediate(() => {
        if (this.#open.get(key) === opened) this.#open.delete(key);
        void settle(opened.members as Member<C, R>[], write);
      });
      group = opened;
    }
    group.size += size;
    return new Promise<R>((resolve, reject) => {
      (group.members as Member<C, R>[]).push({ call, resolve, reject });
    });
  }
}

async function writeAlone<C, R>(call: C, write: JointWrite<C, R>): Promise<R> {
  const [result] = await write([call]);
  return result as R;
}

/** Writes a group's calls together, or one by one if together they fail. */
async function settle<C, R>(members: readonly Member<C, R>[], write: JointWrite<C, R>) {
  if (members.length > 1) {
    // A joint failure is not reported: each call is written again alone, for its own outcome.
    const results = await write(members.map((member) => member.call)).catch(() => undefined);
    if (results !== undefined) {
      for (const [index, member] of members.entries()) member.resolve(results[index] as R);
      return;
    }
  }
  for (const member of members) {
    writeAlone(member.call, write).then(member.resolve, member.reject);
  }
}
