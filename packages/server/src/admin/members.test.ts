import { ConsoleClient, createTestApp, type TestApp, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createApp } from '../app';

describe.each(testDialects())('admin console members and keys on %s', (dialect) => {
  let a: TestApp;
  let browser: ConsoleClient;
  let members: string;
  beforeEach(async () => {
    a = await createTestApp({ dialect, app: createApp });
    browser = new ConsoleClient(a.app);
    await browser.signIn(a.keys.admin);
    members = `/admin/teams/${a.teamA}/members`;
  });
  afterEach(() => a.destroy());

  test('lists members with their roles and active key counts', async () => {
    const html = await (await browser.get(members)).text();
    for (const name of ['admin', 'manager', 'rep', 'revoked']) expect(html).toContain(name);
    expect(html).not.toContain('otherRep');
    const revokedRow = new RegExp(`data-member="${a.userIds.revoked}">(.*?)</tr>`).exec(html);
    expect(revokedRow?.[1]).toContain('<td class="num">0</td>');
  });

  test('adds a member by e-mail, name and role, and audits it', async () => {
    const res = await browser.submit(members, members, {
      email: 'Mei.Lin@Example.com',
      name: 'Mei Lin',
      role: 'manager',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${members}?notice=memberAdded`);
    const page = await (await browser.get(`${members}?notice=memberAdded`)).text();
    expect(page).toContain('Member saved.');
    expect(page).toContain('mei.lin@example.com');
    const added = (await a.t.core.users.members(a.teamA)).find((m) => m.name === 'Mei Lin');
    expect(added).toMatchObject({ email: 'mei.lin@example.com', role: 'manager' });
    const [entry] = await a.t.core.audit.list(a.teamA, 1);
    expect(entry).toMatchObject({ action: 'member.added', actor: `user:${a.userIds.admin}` });
  });

  test('an invalid member form comes back with inline errors and the values kept', async () => {
    const res = await browser.submit(members, members, {
      email: 'not-an-email',
      name: 'Kept Name',
      role: 'manager',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(
      /<label class="invalid">E-mail<input type="email" name="email"[^>]*value="not-an-email"/,
    );
    expect(html).toMatch(/name="email"[^>]*\/><span class="field-error">[^<]+<\/span>/);
    expect(html).toContain('value="Kept Name"');
    expect(html).toMatch(/<option value="manager" selected="">Manager<\/option>/);
    expect(await a.t.core.users.members(a.teamA)).toHaveLength(4);
  });

  test('changes a role, and refuses to demote the last admin', async () => {
    const rep = `${members}/${a.userIds.rep}/role`;
    const res = await browser.submit(members, rep, { role: 'manager' });
    expect(res.headers.get('location')).toBe(`${members}?notice=roleChanged`);
    expect(await a.t.core.users.memberships(a.userIds.rep)).toEqual([
      { teamId: a.teamA, userId: a.userIds.rep, role: 'manager' },
    ]);
    const self = await browser.submit(members, `${members}/${a.userIds.admin}/role`, {
      role: 'rep',
    });
    expect(self.headers.get('location')).toBe(`${members}?notice=lastAdmin`);
    expect(await (await browser.get(`${members}?notice=lastAdmin`)).text()).toContain(
      'A team needs at least one admin',
    );
    expect((await a.t.core.users.memberships(a.userIds.admin))[0]?.role).toBe('admin');
  });

  test('a member of another team cannot be changed from this one', async () => {
    const res = await browser.submit(members, `${members}/${a.userIds.otherRep}/role`, {
      role: 'admin',
    });
    expect(res.status).toBe(404);
    expect((await a.t.core.users.memberships(a.userIds.otherRep))[0]?.role).toBe('rep');
  });

  test('a new key is shown once, works, and can be revoked', async () => {
    const page = `${members}/${a.userIds.rep}`;
    const res = await browser.submit(page, `${page}/keys`, { name: 'Laptop' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('New API key for rep');
    const key = /value="(gx_[A-Za-z0-9_-]{43})"/.exec(html)?.[1] ?? '';
    expect((await a.t.core.apiKeys.authenticate(key))?.userId).toBe(a.userIds.rep);

    const again = await (await browser.get(page)).text();
    expect(again).not.toContain(key);
    expect(again).toContain(`${key.slice(0, 10)}…`);
    const keyId = (await a.t.core.apiKeys.list(a.userIds.rep)).find((k) => k.name === 'Laptop')?.id;

    const revoke = await browser.submit(page, `/admin/teams/${a.teamA}/keys/${keyId}/revoke`, {});
    expect(revoke.headers.get('location')).toBe(`${page}?notice=keyRevoked`);
    expect(await a.t.core.apiKeys.authenticate(key)).toBeUndefined();
    const after = await (await browser.get(`${page}?notice=keyRevoked`)).text();
    expect(after).toContain('Key revoked.');
    expect(after).toMatch(new RegExp(`data-key="${keyId}">.*Revoked`));
  });

  test('an empty key name is refused inline', async () => {
    const page = `${members}/${a.userIds.rep}`;
    const res = await browser.submit(page, `${page}/keys`, { name: '  ' });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/class="invalid">Key name.*field-error/);
    expect(await a.t.core.apiKeys.list(a.userIds.rep)).toHaveLength(1);
  });

  test('keys of another team’s member cannot be revoked from this one', async () => {
    const [key] = await a.t.core.apiKeys.list(a.userIds.otherRep);
    const res = await browser.submit(members, `/admin/teams/${a.teamA}/keys/${key?.id}/revoke`, {});
    expect(res.status).toBe(404);
    expect(await a.t.core.apiKeys.authenticate(a.keys.otherRep)).toBeDefined();
  });
});
