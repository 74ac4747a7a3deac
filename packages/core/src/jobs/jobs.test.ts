import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Core } from '../core';
import { definePlugin } from '../plugins/define-plugin';
import { createTestCore, type TestCore, testDialects } from '../testing';

/** A gate a job waits at until the test opens it. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Counts events and resolves once `n` have happened. */
function countdown(n: number) {
  let left = n;
  let done = () => {};
  const reached = new Promise<void>((resolve) => {
    done = resolve;
  });
  return {
    reached,
    tick: () => {
      left -= 1;
      if (left === 0) done();
    },
  };
}

/**
 * A job that records each run in its own table, tells the test it has started, and
 * waits for the gate before finishing; it fails when the team's config says so.
 */
function slowPlugin(state: { gate: ReturnType<typeof gate>; started: () => void }) {
  return definePlugin({
    id: 'slow',
    version: '1.0.0',
    migrations: {
      '001-runs': {
        up: async (db) => {
          await db.schema
            .createTable('slow_runs')
            .addColumn('team_id', 'bigint', (c) => c.notNull())
            .execute();
        },
      },
    },
    jobs: {
      work: {
        description: 'Records a run, then waits for the test',
        run: async (ctx) => {
          await sql`insert into slow_runs (team_id) values (${ctx.teamId})`.execute(ctx.db);
          state.started();
          await state.gate.opened;
          if (ctx.args.fail === 'yes') throw new Error('the job failed');
          return { team: ctx.teamId };
        },
      },
    },
  });
}

const runsOf = async (core: Core, teamId: number) =>
  Number(
    (
      await sql<{
        n: number;
      }>`select count(*) as n from slow_runs where team_id = ${teamId}`.execute(core.db)
    ).rows[0]?.n,
  );

describe.each(testDialects())('one run of a job at a time per team on %s', (dialect) => {
  let t: TestCore;
  let teamA: number;
  let teamB: number;
  const state = { gate: gate(), started: () => {} };

  beforeEach(async () => {
    state.gate = gate();
    state.started = () => {};
    t = await createTestCore({ dialect, plugins: [slowPlugin(state)] });
    teamA = (await t.core.teams.create({ name: 'A', slug: 'a' })).id;
    teamB = (await t.core.teams.create({ name: 'B', slug: 'b' })).id;
    for (const team of [teamA, teamB]) await t.core.plugins.enable(team, 'slow', 'test');
  });
  afterEach(() => t.destroy());

  test('a second run while the first is going is refused; the first completes', async () => {
    const started = countdown(1);
    state.started = started.tick;
    const first = t.core.jobs.run('slow:work', { teamId: teamA });
    await started.reached;
    await expect(t.core.jobs.run('slow:work', { teamId: teamA })).rejects.toMatchObject({
      code: 'GX_ERR_JOB_RUNNING',
      message: `Job slow:work is already running for team ${teamA}; try again when it has finished`,
      details: { job: 'slow:work', teamId: teamA },
    });
    state.gate.open();
    expect(await first).toEqual({ team: teamA });
    expect(await runsOf(t.core, teamA)).toBe(1);
  });

  test('the same job for another team is not refused', async () => {
    // On SQLite it waits for the single connection; on PostgreSQL it runs alongside.
    const started = countdown(1);
    state.started = started.tick;
    const runs = [teamA, teamB].map((teamId) => t.core.jobs.run('slow:work', { teamId }));
    await started.reached;
    state.gate.open();
    expect(await Promise.all(runs)).toEqual([{ team: teamA }, { team: teamB }]);
  });

  test('the lock goes with the run, whether it succeeds or fails', async () => {
    state.gate.open();
    await expect(
      t.core.jobs.run('slow:work', { teamId: teamA, args: { fail: 'yes' } }),
    ).rejects.toThrow('the job failed');
    expect(await runsOf(t.core, teamA)).toBe(0);
    expect(await t.core.jobs.run('slow:work', { teamId: teamA })).toEqual({ team: teamA });
    expect(await t.core.jobs.run('slow:work', { teamId: teamA })).toEqual({ team: teamA });
    expect(await runsOf(t.core, teamA)).toBe(2);
  });

  test('a refused run because the plugin is off does not hold the lock', async () => {
    await t.core.plugins.disable(teamA, 'slow', 'test');
    await expect(t.core.jobs.run('slow:work', { teamId: teamA })).rejects.toMatchObject({
      code: 'GX_ERR_PLUGIN_DISABLED',
    });
    await t.core.plugins.enable(teamA, 'slow', 'test');
    state.gate.open();
    expect(await t.core.jobs.run('slow:work', { teamId: teamA })).toEqual({ team: teamA });
  });
});

const postgres = testDialects().includes('postgres');

describe.skipIf(!postgres)('a job started on two server processes on PostgreSQL', () => {
  let t: TestCore;
  let other: Core;
  let teamId: number;
  const state = { gate: gate(), started: () => {} };

  beforeEach(async () => {
    state.gate = gate();
    t = await createTestCore({ dialect: 'postgres', plugins: [slowPlugin(state)] });
    other = await t.reopen({ plugins: [slowPlugin(state)] });
    teamId = (await t.core.teams.create({ name: 'A', slug: 'a' })).id;
    await t.core.plugins.enable(teamId, 'slow', 'test');
  });
  afterEach(() => t.destroy());

  test('runs exactly once: the other is refused with GX_ERR_JOB_RUNNING', async () => {
    // Two events: the winner starts its body, the loser is refused. Were the lock
    // missing, both would start, the gate would open and both would succeed.
    const events = countdown(2);
    state.started = events.tick;
    const settled = Promise.allSettled(
      [t.core, other].map((core) =>
        core.jobs.run('slow:work', { teamId }).catch((error: unknown) => {
          events.tick();
          throw error;
        }),
      ),
    );
    await events.reached;
    state.gate.open();
    const outcomes = await settled;
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toEqual([
      { status: 'fulfilled', value: { team: teamId } },
    ]);
    expect(outcomes.filter((o) => o.status === 'rejected')).toMatchObject([
      { status: 'rejected', reason: { code: 'GX_ERR_JOB_RUNNING' } },
    ]);
    expect(await runsOf(t.core, teamId)).toBe(1);
    expect(await other.jobs.run('slow:work', { teamId })).toEqual({ team: teamId });
    expect(await runsOf(other, teamId)).toBe(2);
  });

  test('the lock is per schema: another database in the same server is not blocked', async () => {
    const elsewhere = await createTestCore({ dialect: 'postgres', plugins: [slowPlugin(state)] });
    try {
      const elsewhereTeam = (await elsewhere.core.teams.create({ name: 'A', slug: 'a' })).id;
      await elsewhere.core.plugins.enable(elsewhereTeam, 'slow', 'test');
      const started = countdown(2);
      state.started = started.tick;
      const runs = [
        t.core.jobs.run('slow:work', { teamId }),
        elsewhere.core.jobs.run('slow:work', { teamId: elsewhereTeam }),
      ];
      await started.reached;
      state.gate.open();
      expect(await Promise.all(runs)).toEqual([{ team: teamId }, { team: elsewhereTeam }]);
    } finally {
      await elsewhere.destroy();
    }
  });
});
