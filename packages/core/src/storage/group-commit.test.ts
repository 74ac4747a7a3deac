import { describe, expect, test } from 'vitest';
import { GroupCommit } from './group-commit';

/** A write that records each group it was given and answers each call with its value doubled. */
function recordingWrite(groups: number[][], failWhenJoined = new Set<number>()) {
  return async (take: () => readonly number[]) => {
    const calls = take();
    groups.push([...calls]);
    if (calls.length > 1 && calls.some((call) => failWhenJoined.has(call))) {
      throw new Error('joint write failed');
    }
    if (calls.length === 1 && failWhenJoined.has(calls[0] as number)) {
      throw new Error(`call ${calls[0]} fails`);
    }
    return calls.map((call) => call * 2);
  };
}

/** A handle outside any transaction. */
const outside = { isTransaction: false };

describe('GroupCommit', () => {
  test('calls of one key in one turn are written together, each answered with its own part', async () => {
    const groups: number[][] = [];
    const write = recordingWrite(groups);
    const commit = new GroupCommit(10);
    const results = await Promise.all([
      commit.submit(outside, 'a', 1, 1, write),
      commit.submit(outside, 'a', 2, 1, write),
      commit.submit(outside, 'b', 3, 1, write),
      commit.submit(outside, 'a', 4, 1, write),
    ]);
    expect(results).toEqual([2, 4, 6, 8]);
    expect(groups).toEqual([[1, 2, 4], [3]]);
  });

  test('a group holds at most `limit` items, and a call of `limit` items is written at once', async () => {
    const groups: number[][] = [];
    const write = recordingWrite(groups);
    const commit = new GroupCommit(4);
    const pending = [
      commit.submit(outside, 'a', 1, 2, write),
      commit.submit(outside, 'a', 2, 2, write),
      commit.submit(outside, 'a', 3, 1, write),
    ];
    const large = commit.submit(outside, 'a', 5, 4, write);
    // The large call did not wait for the turn to end: it is the first write made.
    await large;
    expect(groups).toEqual([[5]]);
    expect(await Promise.all(pending)).toEqual([2, 4, 6]);
    expect(groups).toEqual([[5], [1, 2], [3]]);
  });

  test('a call that arrives after its group was written starts the next one', async () => {
    const groups: number[][] = [];
    const write = recordingWrite(groups);
    const commit = new GroupCommit(10);
    expect(await commit.submit(outside, 'a', 1, 1, write)).toBe(2);
    expect(await commit.submit(outside, 'a', 2, 1, write)).toBe(4);
    expect(groups).toEqual([[1], [2]]);
  });

  test('when the joint write fails, each call is written alone and only the failing one rejects', async () => {
    const groups: number[][] = [];
    const write = recordingWrite(groups, new Set([2]));
    const commit = new GroupCommit(10);
    const outcomes = await Promise.allSettled([
      commit.submit(outside, 'a', 1, 1, write),
      commit.submit(outside, 'a', 2, 1, write),
      commit.submit(outside, 'a', 3, 1, write),
    ]);
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 2 },
      { status: 'rejected', reason: new Error('call 2 fails') },
      { status: 'fulfilled', value: 6 },
    ]);
    expect(groups).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  test('a call on a transaction is written at once, alone', async () => {
    const groups: number[][] = [];
    const write = recordingWrite(groups);
    const commit = new GroupCommit(10);
    const pending = commit.submit(outside, 'a', 1, 1, write);
    expect(await commit.submit({ isTransaction: true }, 'a', 2, 1, write)).toBe(4);
    expect(groups).toEqual([[2]]);
    expect(await pending).toBe(2);
    expect(groups).toEqual([[2], [1]]);
  });

  test('calls arriving while the group waits for the database join it', async () => {
    const groups: number[][] = [];
    const written = recordingWrite(groups);
    let free: () => void = () => undefined;
    const busy = new Promise<void>((resolve) => {
      free = resolve;
    });
    // The write waits for the database (another transaction holds it) before taking its calls.
    const write = async (take: () => readonly number[]) => {
      await busy;
      return written(take);
    };
    const commit = new GroupCommit(3);
    const first = commit.submit(outside, 'a', 1, 1, write);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((call) => commit.submit(outside, 'a', call, 1, write));
    free();
    expect(await Promise.all([first, ...later])).toEqual([2, 4, 6, 8]);
    // The group held three items at most; the fourth started a group of its own.
    expect(groups).toEqual([[1, 2, 3], [4]]);
  });
});
