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

/**
 * Writes the calls of a group as one, each call's result in its place. `take` closes the group
 * and returns its calls: the write calls it once it holds the database (inside its
 * transaction), so that calls arriving while it waited for the database join the group.
 */
export type JointWrite<C, R> = (take: () => readonly C[]) => Promise<R[]>;

/**
 * Group commit: small writes of one kind that arrive together share one transaction. The
 * first call of a turn of the event loop opens a group and starts its write once the turn's
 * other I/O has been handled (`setImmediate`), so a write arriving alone waits for nothing but
 * the requests already read; calls with the same key join the open group, up to `limit` items,
 * until the write holds the database: while it waits for the connection or the write lock
 * (another flow's transaction, another process's), the calls arriving meanwhile go in with it
 * rather than queueing as groups of their own. Orders and interactions go through it
 * (Orders.record, Interactions.log).
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
   * Writes `call`, of `size` items, with the others of its key that arrive before its group's
   * write holds the database (see JointWrite). A call made on a transaction's handle `db` is
   * written in that transaction, at once, and so is a call of `limit` items or more, alone.
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
      setImmediate(() => void this.#settle(key, opened, write));
      group = opened;
    }
    group.size += size;
    return new Promise<R>((resolve, reject) => {
      (group.members as Member<C, R>[]).push({ call, resolve, reject });
    });
  }

  /**
   * Writes a group's calls together, or one by one if together they fail. A single call's
   * failure is its own, and is passed on.
   */
  async #settle<C, R>(key: string, group: Group, write: JointWrite<C, R>): Promise<void> {
    let taken: Member<C, R>[] | undefined;
    const members = () => {
      taken ??= this.#close(key, group) as Member<C, R>[];
      return taken;
    };
    try {
      const results = await write(() => members().map((member) => member.call));
      for (const [index, member] of members().entries()) member.resolve(results[index] as R);
    } catch (error) {
      const failed = members();
      if (failed.length === 1) {
        failed[0]?.reject(error);
        return;
      }
      // A joint failure is not reported: each call is written again alone, for its own outcome.
      for (const member of failed) {
        writeAlone(member.call, write).then(member.resolve, member.reject);
      }
    }
  }

  /** Closes `group` to further calls (if it is still the open one of `key`); its members. */
  #close(key: string, group: Group): Member<unknown, unknown>[] {
    if (this.#open.get(key) === group) this.#open.delete(key);
    return group.members;
  }
}

async function writeAlone<C, R>(call: C, write: JointWrite<C, R>): Promise<R> {
  const [result] = await write(() => [call]);
  return result as R;
}
