import {
  addNote,
  ConsoleClient,
  createTestApp,
  defined,
  ledgerPlugin,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { appUnderTest, type GuanxiApp } from '../app';

/** The timeline's entries as `kind: text`, newest first. */
function timeline(html: string): string[] {
  const list = /<ol class="timeline">(.*?)<\/ol>/s.exec(html)?.[1] ?? '';
  return [
    ...list.matchAll(
      /<li data-kind="([^"]+)"[^>]*>.*?<span class="pill">[^<]*<\/span><span>(?:<a [^>]*>)?([^<]*)/gs,
    ),
  ].map((m) => `${m[1]}: ${m[2]}`);
}

describe.each(testDialects())('the console’s customer page on %s', (dialect) => {
  let a: TestApp<GuanxiApp>;
  let manager: ConsoleClient;
  let rep: ConsoleClient;
  let company: number;
  let person: number;
  let page: string;

  beforeEach(async () => {
    a = await createTestApp({ dialect, plugins: [ledgerPlugin], app: appUnderTest() });
    const { core } = a.t;
    await core.plugins.enable(a.teamA, 'ledger', 'test');
    a.t.clock.set('2025-01-10T09:00:00Z');
    company = (
      await core.customers.create(a.teamA, {
        kind: 'company',
        name: '上海贸易有限公司',
        domains: ['shmy.cn'],
        ownerUserId: a.userIds.rep,
      })
    ).id;
    person = (
      await core.customers.create(a.teamA, {
        kind: 'person',
        name: '王芳',
        emails: ['wang.fang@shmy.cn'],
        phones: ['+86 138 0000 0000'],
        ownerUserId: a.userIds.rep,
      })
    ).id;
    await core.orders.record(a.teamA, [
      { customerId: person, amount: 128_000, placedAt: '2025-01-12', externalId: 'SO-1' },
    ]);
    await core.interactions.log(a.teamA, [
      {
        customerId: person,
        channel: 'phone',
        direction: 'inbound',
        summary: 'Asked about delivery',
        occurredAt: '2025-01-14T03:00:00Z',
        actor: 'user:1',
      },
    ]);
    await addNote(core.db, {
      teamId: a.teamA,
      customerId: person,
      text: 'Prefers WeChat',
      at: '2025-01-15T00:00:00.000Z',
    });
    manager = new ConsoleClient(a.app);
    await manager.signIn(a.keys.manager);
    rep = new ConsoleClient(a.app);
    await rep.signIn(a.keys.rep);
    page = `/admin/teams/${a.teamA}/customers/${person}`;
  });
  afterEach(() => a.destroy());

  test('the page shows the card’s figures, identities, company, panels and one timeline', async () => {
    const res = await manager.get(page);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>王芳</h1>');
    expect(html).toContain(
      `<a href="/admin/teams/${a.teamA}/customers/${company}">上海贸易有限公司</a>`,
    );
    expect(html).toContain('Owner: rep');
    expect(html).toContain('<code>wang.fang@shmy.cn</code>');
    expect(html).toContain('<b>CN¥1,280.00</b>');
    expect(html).toMatch(/data-panel="ledger"><h2>Notes<\/h2>.*?Prefers WeChat/s);
    expect(timeline(html)).toEqual([
      'note: Prefers WeChat',
      'interaction: Phone, inbound: Asked about delivery',
      'order: Order SO-1 of CN¥1,280.00',
      'stage: Potential customer → Active customer: first order recorded',
      'stage: Created as Potential customer',
    ]);
    expect(html).toContain(
      `<a href="/admin/teams/${a.teamA}/plugins/ledger/book">Prefers WeChat</a>`,
    );
  });

  test('the timeline keeps to a date range, and speaks Chinese', async () => {
    const html = await (await manager.get(`${page}?from=2025-01-12&to=2025-01-14`)).text();
    expect(timeline(html)).toEqual([
      'interaction: Phone, inbound: Asked about delivery',
      'order: Order SO-1 of CN¥1,280.00',
    ]);
    const zh = await (await manager.get(page, { 'accept-language': 'zh-CN' })).text();
    expect(timeline(zh)).toContain('interaction: 电话，客户来访：Asked about delivery');
    expect(timeline(zh)).toContain('stage: 创建为潜在客户');
    expect(zh).toContain('时间线');
    const bad = await manager.get(`${page}?from=yesterday`);
    expect(await bad.text()).toMatch(/<label for="field-from" class="invalid">/);
  });

  test('a company’s page lists its people', async () => {
    const html = await (await manager.get(`/admin/teams/${a.teamA}/customers/${company}`)).text();
    expect(html).toContain('People at this company');
    expect(html).toContain(`<a href="/admin/teams/${a.teamA}/customers/${person}">王芳</a>`);
  });

  test('changing the stage goes through the core with the reason, and is audited', async () => {
    a.t.clock.set('2025-01-20T09:00:00Z');
    await manager.signIn(a.keys.manager);
    const res = await manager.submit(page, `${page}/stage`, {
      to: 'churned',
      reason: 'Moved to a rival',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${page}?notice=stageChanged`);
    const history = await a.t.core.lifecycle.history(a.teamA, person);
    expect(history.at(-1)).toMatchObject({
      from: 'active',
      to: 'churned',
      reason: 'Moved to a rival',
      actor: `user:${a.userIds.manager}`,
      cause: 'manual',
    });
    const audit = await a.t.core.audit.list(a.teamA, 5);
    expect(audit.find((entry) => entry.action === 'customer.transitioned')).toMatchObject({
      actor: `user:${a.userIds.manager}`,
      entityId: String(person),
      before: { stage: 'active' },
    });
    const html = await (await manager.get(`${page}?notice=stageChanged`)).text();
    expect(html).toContain('Stage changed.');
    expect(timeline(html)[0]).toBe('stage: Active customer → Churned customer: Moved to a rival');
  });

  test('a refused change is shown beside its field and changes nothing', async () => {
    const before = await a.t.core.lifecycle.history(a.teamA, person);
    const noReason = await manager.submit(page, `${page}/stage`, { to: 'churned', reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toMatch(
      /<label for="field-reason" class="invalid">.*?must say why/s,
    );
    const same = await manager.submit(page, `${page}/stage`, { to: 'active', reason: 'again' });
    expect(same.status).toBe(409);
    expect(await same.text()).toMatch(/<label for="field-to" class="invalid">.*?already active/s);
    const badTime = await manager.submit(page, `${page}/interactions`, {
      channel: 'phone',
      direction: 'outbound',
      summary: 'Called',
      occurredAt: 'tomorrow',
    });
    expect(badTime.status).toBe(400);
    const html = await badTime.text();
    expect(html).toMatch(/<label for="field-occurredAt" class="invalid">/);
    expect(html).toContain('Called');
    expect(await a.t.core.lifecycle.history(a.teamA, person)).toEqual(before);
    expect(await a.t.core.interactions.forCustomer(a.teamA, person, 10)).toHaveLength(1);
  });

  test('logging an interaction records it with the user as actor', async () => {
    const res = await rep.submit(page, `${page}/interactions`, {
      channel: 'visit',
      direction: 'outbound',
      summary: '拜访客户，讨论续约',
      occurredAt: '2025-01-16T10:30',
    });
    expect(res.headers.get('location')).toBe(`${page}?notice=interactionLogged`);
    const [latest] = await a.t.core.interactions.forCustomer(a.teamA, person, 1);
    expect(latest).toMatchObject({
      channel: 'visit',
      summary: '拜访客户，讨论续约',
      occurredAt: '2025-01-16T10:30:00.000Z',
      actor: `user:${a.userIds.rep}`,
    });
    const audit = await a.t.core.audit.list(a.teamA, 5);
    expect(audit.some((entry) => entry.action === 'interaction.logged')).toBe(true);
  });

  test('a manager changes the owner; a rep may not, and sees only their own customers', async () => {
    const res = await manager.submit(page, `${page}/owner`, {
      ownerUserId: String(a.userIds.manager),
    });
    expect(res.headers.get('location')).toBe(`${page}?notice=ownerChanged`);
    expect((await a.t.core.customers.get(a.teamA, person)).ownerUserId).toBe(a.userIds.manager);
    expect((await rep.get(page)).status).toBe(404);
    const mine = `/admin/teams/${a.teamA}/customers/${company}`;
    const html = await (await rep.get(mine)).text();
    expect(html).not.toContain('Change owner');
    expect(html).not.toContain(`customers/${person}"`);
    const refused = await rep.submit(mine, `${mine}/owner`, { ownerUserId: String(a.userIds.rep) });
    expect(refused.status).toBe(403);
    const elsewhere = await rep.submit(mine, `${page}/stage`, { to: 'churned', reason: 'x' });
    expect(elsewhere.status).toBe(404);
    expect(defined((await a.t.core.lifecycle.history(a.teamA, person)).at(-1)).to).toBe('active');
  });

  test('another team’s customer, or a name for an id, does not exist', async () => {
    const theirs = await a.t.core.customers.create(a.teamB, { kind: 'person', name: 'B' });
    expect((await manager.get(`/admin/teams/${a.teamA}/customers/${theirs.id}`)).status).toBe(404);
    expect((await manager.get(`/admin/teams/${a.teamA}/customers/abc`)).status).toBe(404);
  });
});
