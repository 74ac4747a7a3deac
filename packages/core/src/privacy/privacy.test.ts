import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { definePlugin } from '../plugins/define-plugin';
import { withIdColumn } from '../storage/columns';
import { createTestCore, defined, dumpTables, type TestCore, testDialects } from '../testing';
import { ERASED_TEXT, erasedName } from './core-part';

// biome-ignore lint/suspicious/noExplicitAny: the test plugins' own tables
type AnyDb = Kysely<any>;

/** A plugin keeping a rep's note and a star rating per customer in a table of its own. */
function notesPlugin(id: string) {
  const table = `${id}_notes`;
  return definePlugin({
    id,
    version: '1.0.0',
    migrations: {
      '0001-notes': {
        up: async (db: AnyDb) => {
          await db.schema
            .createTable(table)
            .$call(withIdColumn(db))
            .addColumn('team_id', 'bigint', (c) => c.notNull())
            .addColumn('customer_id', 'bigint', (c) => c.notNull())
            .addColumn('note', 'text', (c) => c.notNull())
            .addColumn('stars', 'integer', (c) => c.notNull())
            .execute();
        },
      },
    },
    privacy: {
      export: async (customerId, ctx) => ({
        notes: await (ctx.db as AnyDb)
          .selectFrom(table)
          .select(['note', 'stars'])
          .where('team_id', '=', ctx.teamId)
          .where('customer_id', '=', customerId)
          .execute(),
      }),
      erase: async (customerId, ctx) => {
        const result = await (ctx.db as AnyDb)
          .updateTable(table)
          .set({ note: ERASED_TEXT })
          .where('team_id', '=', ctx.teamId)
          .where('customer_id', '=', customerId)
          .executeTakeFirst();
        return { notes: Number(result.numUpdatedRows) };
      },
    },
  });
}

const notes = notesPlugin('notes');
/** Installed but off for the team: what it stored earlier is exported and erased all the same. */
const quiet = notesPlugin('quiet');
/** Stores nothing and says nothing about privacy; fails on every interaction. */
const bare = definePlugin({
  id: 'bare',
  version: '1.0.0',
  hooks: {
    'interactions:logged': () => {
      throw new Error('bare is down');
    },
  },
});
const eraser = { failing: false };
/** Exports nothing; its eraser fails while `eraser.failing`. */
const fragile = definePlugin({
  id: 'fragile',
  version: '1.0.0',
  privacy: {
    export: async () => ({}),
    erase: async () => {
      if (eraser.failing) throw new Error('fragile cannot erase');
      return {};
    },
  },
});

const SECRETS = [
  'Secretname',
  'wang.secret@example.com',
  '13800138000',
  'secret-hobby',
  'EXT-SECRET-7',
  'secret-divorce',
  'secret-relocation',
  'secret-note',
  'secret-quiet',
  'secret-audit',
];

describe.each(testDialects())('privacy on %s', (dialect) => {
  let t: TestCore;
  let teamId: number;
  let otherTeamId: number;
  let wangId: number;
  let liId: number;

  const db = () => t.core.db as AnyDb;

  beforeEach(async () => {
    eraser.failing = false;
    t = await createTestCore({ dialect, plugins: [notes, quiet, bare, fragile] });
    teamId = (await t.core.teams.create({ name: 'North', slug: 'north' })).id;
    otherTeamId = (await t.core.teams.create({ name: 'South', slug: 'south' })).id;
    for (const plugin of ['notes', 'quiet', 'bare']) {
      await t.core.plugins.enable(teamId, plugin, 'admin:1');
    }
    await t.core.webhooks.create(
      teamId,
      { url: 'https://hooks.example.com/crm', events: ['customer:created'] },
      'admin:1',
    );
    const [wang, li] = await t.core.customers.createMany(teamId, [
      {
        kind: 'person',
        name: 'Wang Secretname',
        emails: ['wang.secret@example.com'],
        phones: ['+86 138 0013 8000'],
        externalRef: 'EXT-SECRET-7',
        attributes: { hobby: { value: 'secret-hobby', source: 'sales_rep' } },
      },
      { kind: 'person', name: 'Li Keeps', emails: ['li@example.com'] },
    ]);
    wangId = defined(wang).id;
    liId = defined(li).id;
    await t.core.orders.record(teamId, [
      { customerId: wangId, amount: 12_000, placedAt: '2024-11-02' },
      { customerId: wangId, amount: 3_000, cost: 1_000, placedAt: '2024-12-01' },
      { customerId: liId, amount: 500, placedAt: '2024-12-01' },
    ]);
    await t.core.interactions.log(teamId, [
      {
        customerId: wangId,
        channel: 'phone',
        direction: 'inbound',
        summary: 'Told us about the secret-divorce',
        occurredAt: '2024-12-02T10:00:00Z',
        actor: 'user:1',
      },
    ]);
    await t.core.lifecycle.transition(teamId, wangId, {
      to: 'churned',
      reason: 'secret-relocation abroad',
      actor: 'user:1',
    });
    await t.core.audit.record({
      teamId,
      actor: 'user:1',
      action: 'customer.updated',
      entity: 'customer',
      entityId: wangId,
      before: { name: 'Wang secret-audit' },
      after: { name: 'Wang Secretname' },
    });
    await db()
      .insertInto('notes_notes')
      .values([
        { team_id: teamId, customer_id: wangId, note: 'secret-note', stars: 4 },
        { team_id: teamId, customer_id: liId, note: 'likes tea', stars: 5 },
      ])
      .execute();
    await db()
      .insertInto('quiet_notes')
      .values({ team_id: teamId, customer_id: wangId, note: 'secret-quiet', stars: 2 })
      .execute();
    await t.core.plugins.disable(teamId, 'quiet', 'admin:1');
  });
  afterEach(() => t.destroy());

  const everything = async () => JSON.stringify(await dumpTables(t.core.db)).toLowerCase();

  test('an export holds the core part and every installed plugin part, enabled or not', async () => {
    const exported = await t.core.privacy.export(teamId, wangId);
    expect(exported).toMatchObject({
      teamId,
      customerId: wangId,
      exportedAt: t.clock.now().toISOString(),
      plugins: {
        notes: { notes: [{ note: 'secret-note', stars: 4 }] },
        quiet: { notes: [{ note: 'secret-quiet', stars: 2 }] },
        fragile: {},
      },
      uncovered: ['bare'],
    });
    const { core } = exported;
    expect(core.customer).toMatchObject({
      name: 'Wang Secretname',
      externalRef: 'EXT-SECRET-7',
      attributes: { hobby: { value: 'secret-hobby', source: 'sales_rep' } },
      identities: [
        { kind: 'email', value: 'wang.secret@example.com' },
        { kind: 'phone', value: expect.stringContaining('13800138000') },
      ],
    });
    expect(core.facts).toMatchObject({ orderCount: 2, revenue: 15_000, interactionCount: 1 });
    expect(core.orders.map((o) => o.amount)).toEqual([12_000, 3_000]);
    expect(core.interactions.map((i) => i.summary)).toEqual(['Told us about the secret-divorce']);
    expect(core.stageEvents.map((e) => [e.to, e.cause])).toEqual([
      ['potential', 'created'],
      ['active', 'order'],
      ['churned', 'manual'],
    ]);
    expect(core.audit).toMatchObject([
      { action: 'customer.updated', after: { name: 'Wang Secretname' } },
    ]);
    expect(core.webhookEvents).toMatchObject([
      { event: 'customer:created', items: [{ id: wangId, name: 'Wang Secretname' }] },
    ]);
    expect(core.hookFailures).toMatchObject([
      { pluginId: 'bare', hook: 'interactions:logged', items: [{ customerId: wangId }] },
    ]);
    expect(JSON.stringify(exported)).not.toContain('Li Keeps');
  });

  test('an export by someone is audited; one from another team is not found', async () => {
    await t.core.privacy.export(teamId, wangId, { actor: 'user:9' });
    const [entry] = await t.core.audit.list(teamId, 1);
    expect(entry).toMatchObject({
      actor: 'user:9',
      action: 'customer.exported',
      entity: 'customer',
      entityId: String(wangId),
    });
    await expect(t.core.privacy.export(otherTeamId, wangId)).rejects.toMatchObject({
      code: 'GX_ERR_NOT_FOUND',
      issues: [{ path: 'customerId' }],
    });
  });

  test('erasure leaves no personal text anywhere and keeps the figures', async () => {
    const before = await everything();
    expect(SECRETS.filter((s) => !before.includes(s.toLowerCase()))).toEqual([]);
    const factsBefore = await t.core.facts.get(teamId, wangId);
    const summary = await t.core.privacy.erase(teamId, wangId, 'user:1');
    expect(summary).toEqual({
      teamId,
      customerId: wangId,
      actor: 'user:1',
      erasedAt: t.clock.now().toISOString(),
      core: {
        identities: 2,
        interactions: 1,
        stageEvents: 1,
        auditEntries: 1,
        webhookEvents: 1,
        hookFailures: 1,
      },
      plugins: { notes: { notes: 1 }, quiet: { notes: 1 }, fragile: {} },
      uncovered: ['bare'],
    });
    const after = await everything();
    expect(SECRETS.filter((s) => after.includes(s.toLowerCase()))).toEqual([]);
    expect(after).toContain('li keeps');
    expect(after).toContain('likes tea');

    expect(await t.core.facts.get(teamId, wangId)).toMatchObject({
      orderCount: factsBefore.orderCount,
      revenue: factsBefore.revenue,
      margin: factsBefore.margin,
      interactionCount: 1,
    });
    const remains = await t.core.privacy.export(teamId, wangId);
    expect(remains.core.customer).toMatchObject({
      name: erasedName(wangId),
      stage: 'churned',
      externalRef: null,
      attributes: {},
      identities: [],
    });
    expect(remains.core.orders.map((o) => o.amount)).toEqual([12_000, 3_000]);
    expect(remains.core.interactions).toMatchObject([
      { summary: ERASED_TEXT, channel: 'phone', occurredAt: '2024-12-02T10:00:00.000Z' },
    ]);
    expect(remains.core.stageEvents.map((e) => e.reason)).toEqual([
      'created',
      'first order recorded',
      ERASED_TEXT,
    ]);
    expect(remains.core.webhookEvents).toEqual([]);
    expect(remains.core.hookFailures).toEqual([]);
    expect(remains.plugins).toMatchObject({
      notes: { notes: [{ note: ERASED_TEXT, stars: 4 }] },
      quiet: { notes: [{ note: ERASED_TEXT, stars: 2 }] },
    });
    expect(remains.core.audit).toMatchObject([
      { action: 'customer.updated', before: null, after: null },
      { action: 'customer.erased', actor: 'user:1' },
    ]);
  });

  test('the erased customer is found by no name, e-mail or phone; the others still are', async () => {
    await t.core.context.card(teamId, { email: 'wang.secret@example.com' }, 'en');
    await t.core.privacy.erase(teamId, wangId, 'user:1');
    for (const q of ['Secretname', 'wang.secret', '13800138000']) {
      expect((await t.core.customers.list(teamId, { q })).items).toEqual([]);
    }
    expect(
      await t.core.customers.findByIdentity(teamId, { email: 'wang.secret@example.com' }),
    ).toBeUndefined();
    expect(
      await t.core.context.card(teamId, { email: 'wang.secret@example.com' }, 'en'),
    ).toBeUndefined();
    const card = await t.core.context.card(teamId, { customerId: wangId }, 'en');
    expect(card?.card.customer.name).toBe(erasedName(wangId));
    expect((await t.core.customers.list(teamId, { q: 'Li Keeps' })).items).toMatchObject([
      { id: liId },
    ]);
    const [outbox] = await t.core.webhooks.claimDue();
    expect(JSON.parse(defined(outbox).body).items).toMatchObject([{ id: liId, name: 'Li Keeps' }]);
  });

  test('each erasure is audited with who and when, and none of the erased data', async () => {
    await t.core.privacy.erase(teamId, wangId, 'user:7');
    const [entry] = await t.core.audit.list(teamId, 1);
    expect(entry).toMatchObject({
      actor: 'user:7',
      action: 'customer.erased',
      entity: 'customer',
      entityId: String(wangId),
      before: null,
      after: { core: { identities: 2 }, plugins: { notes: { notes: 1 } }, uncovered: ['bare'] },
      occurredAt: t.clock.now().toISOString(),
    });
    expect(SECRETS.filter((s) => JSON.stringify(entry).includes(s))).toEqual([]);
    const again = await t.core.privacy.erase(teamId, wangId, 'user:8');
    expect(again.core).toMatchObject({ identities: 0, interactions: 1, auditEntries: 0 });
    const [second, first] = await t.core.audit.list(teamId, 2);
    expect(second).toMatchObject({ actor: 'user:8', after: { core: { identities: 0 } } });
    expect(first).toMatchObject({ actor: 'user:7', after: { core: { identities: 2 } } });
  });

  test('a failing plugin eraser rolls the whole erasure back', async () => {
    eraser.failing = true;
    const before = await dumpTables(t.core.db);
    await expect(t.core.privacy.erase(teamId, wangId, 'user:1')).rejects.toThrow(
      'fragile cannot erase',
    );
    expect(await dumpTables(t.core.db)).toEqual(before);
    expect(
      await t.core.customers.findByIdentity(teamId, { email: 'wang.secret@example.com' }),
    ).toMatchObject({ id: wangId, name: 'Wang Secretname' });
  });

  test('another team, an unknown customer or no actor erases nothing', async () => {
    const before = await dumpTables(t.core.db);
    await expect(t.core.privacy.erase(otherTeamId, wangId, 'user:1')).rejects.toMatchObject({
      code: 'GX_ERR_NOT_FOUND',
    });
    await expect(t.core.privacy.erase(teamId, 999_999, 'user:1')).rejects.toMatchObject({
      code: 'GX_ERR_NOT_FOUND',
    });
    await expect(t.core.privacy.erase(teamId, wangId, ' ')).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: [{ path: 'actor' }],
    });
    expect(await dumpTables(t.core.db)).toEqual(before);
  });

  test("erasing a company takes its name out of its people's search text", async () => {
    const company = await t.core.customers.create(teamId, {
      kind: 'company',
      name: 'Secretname Trading',
      domains: ['st-corp.example'],
    });
    const person = await t.core.customers.create(teamId, {
      kind: 'person',
      name: 'Zhao',
      emails: ['zhao@st-corp.example'],
    });
    const found = async (q: string) =>
      (await t.core.customers.list(teamId, { q })).items.map((c) => c.id);
    expect(await found('Secretname Trading')).toEqual([company.id, person.id]);
    await t.core.privacy.erase(teamId, company.id, 'user:1');
    expect(await found('Secretname Trading')).toEqual([]);
    expect(await found('Zhao')).toEqual([person.id]);
    expect((await t.core.customers.get(teamId, person.id)).companyId).toBe(company.id);
  });
});
