import {
  ConsoleClient,
  createTestApp,
  csrfOf,
  defined,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { appUnderTest, type GuanxiApp } from '../app';
import { CSRF_FIELD } from './csrf';

const MINUTE = 60_000;
const LIMITS = { idleMs: 30 * MINUTE, absoluteMs: 8 * 60 * MINUTE };

describe.each(testDialects())('console sessions on %s', (dialect) => {
  let a: TestApp<GuanxiApp>;
  let browser: ConsoleClient;
  let home: string;
  beforeEach(async () => {
    a = await createTestApp({
      dialect,
      app: appUnderTest({ console: { sessions: LIMITS, origins: ['https://crm.example'] } }),
    });
    browser = new ConsoleClient(a.app);
    home = `/admin/teams/${a.teamA}`;
  });
  afterEach(() => a.destroy());

  const sessionRows = () => a.t.core.db.selectFrom('sessions').selectAll().execute();

  test('without a session every page leads to sign-in', async () => {
    for (const path of ['/admin', home, '/admin/nowhere']) {
      const res = await browser.get(path);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/admin/sign-in');
    }
  });

  test('signing in begins a server-side session: the cookie holds a token, never the key', async () => {
    const res = await browser.signIn(a.keys.admin);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin');
    const cookie = defined(res.headers.getSetCookie().find((c) => c.startsWith('gx_session=')));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/admin');
    expect(cookie).toContain(`Max-Age=${8 * 60 * 60}`);
    expect(cookie).not.toContain('Secure');
    const token = defined(browser.cookie('gx_session'));
    expect(token).toMatch(/^gxs_/);
    expect(token).not.toContain(a.keys.admin);
    const [row] = await sessionRows();
    expect(row).toMatchObject({ user_id: a.userIds.admin });
    expect(JSON.stringify(await sessionRows())).not.toContain(token);

    expect((await browser.get('/admin')).headers.get('location')).toBe(home);
    for (const path of [home, `${home}/members`, `${home}/customers`]) {
      const page = await browser.get(path);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Team A');
      expect(html).not.toContain(a.keys.admin);
      expect(html).not.toContain(token);
    }
  });

  test('the sign-in form says when a session ends, as configured', async () => {
    expect(await (await browser.get('/admin/sign-in')).text()).toContain(
      'after 30 idle minutes or 8 hours',
    );
    const { app } = appUnderTest({
      console: { sessions: { idleMs: 15 * MINUTE, absoluteMs: 12 * 60 * MINUTE } },
    })(a.t.core);
    const zh = await app.request('/admin/sign-in', { headers: { 'accept-language': 'zh-CN' } });
    expect(await zh.text()).toContain('闲置 15 分钟或满 12 小时后会话即结束');
  });

  test('over https the session cookie is Secure', async () => {
    const https = new ConsoleClient(a.app);
    const page = await https.get('https://crm.example/admin/sign-in');
    const token = csrfOf(await page.text());
    const res = await https.post('https://crm.example/admin/sign-in', {
      [CSRF_FIELD]: token,
      key: a.keys.admin,
    });
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('gx_session='))).toContain('Secure');
  });

  test('an unknown or revoked key is refused on the form, with no session', async () => {
    for (const key of ['gx_nope', a.keys.revoked]) {
      const res = await browser.signIn(key);
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('This API key is unknown or has been revoked.');
      expect(browser.cookie('gx_session')).toBeUndefined();
    }
    expect(await sessionRows()).toEqual([]);
  });

  test('every member signs in; a user in no team is told so and gets no session', async () => {
    for (const caller of ['manager', 'rep', 'otherRep'] as const) {
      const member = new ConsoleClient(a.app);
      expect((await member.signIn(a.keys[caller])).status).toBe(303);
      expect(member.cookie('gx_session')).toBeDefined();
    }
    const loner = await a.t.core.users.create({ email: 'loner@guanxi.test', name: 'Loner' });
    const key = (await a.t.core.apiKeys.create(loner.id, 'loner')).key;
    const res = await browser.signIn(key);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Loner is not a member of any team');
    expect(browser.cookie('gx_session')).toBeUndefined();
  });

  test('a session idle for longer than the idle limit ends', async () => {
    await browser.signIn(a.keys.admin);
    a.t.clock.advance({ ms: 20 * MINUTE });
    expect((await browser.get(home)).status).toBe(200);
    a.t.clock.advance({ ms: 20 * MINUTE });
    expect((await browser.get(home)).status).toBe(200);
    a.t.clock.advance({ ms: 31 * MINUTE });
    const res = await browser.get(home);
    expect(res.headers.get('location')).toBe('/admin/sign-in?notice=sessionEnded');
    expect(browser.cookie('gx_session')).toBeUndefined();
    expect(await sessionRows()).toEqual([]);
  });

  test('a session ends at the absolute limit however busy it is', async () => {
    await browser.signIn(a.keys.admin);
    for (let elapsed = 0; elapsed < 8 * 60 - 25; elapsed += 25) {
      a.t.clock.advance({ ms: 25 * MINUTE });
      expect((await browser.get(home)).status).toBe(200);
    }
    a.t.clock.advance({ ms: 25 * MINUTE });
    const res = await browser.get(home);
    expect(res.headers.get('location')).toBe('/admin/sign-in?notice=sessionEnded');
  });

  test('a key revoked during a session ends it', async () => {
    await browser.signIn(a.keys.admin);
    const [key] = await a.t.core.apiKeys.list(a.userIds.admin);
    await a.t.core.apiKeys.revoke(defined(key).id);
    const res = await browser.get(home);
    expect(res.headers.get('location')).toBe('/admin/sign-in?notice=sessionEnded');
    expect(browser.cookie('gx_session')).toBeUndefined();
  });

  test('a role lost during a session counts at once; losing every team ends the console', async () => {
    await browser.signIn(a.keys.admin);
    await a.t.core.users.setRole(a.teamA, a.userIds.admin, 'rep');
    expect((await browser.get(`${home}/members`)).status).toBe(403);
    expect((await browser.get(home)).status).toBe(200);
    await a.t.core.users.removeFromTeam(a.teamA, a.userIds.admin);
    const res = await browser.get(home);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('is not a member of any team');
  });

  test('signing out ends the session on the server; without the form token it is refused', async () => {
    await browser.signIn(a.keys.admin);
    const token = defined(browser.cookie('gx_session'));
    const forged = await browser.post('/admin/sign-out', { [CSRF_FIELD]: 'forged' });
    expect(forged.status).toBe(403);
    expect(await sessionRows()).toHaveLength(1);
    const res = await browser.submit(home, '/admin/sign-out', {});
    expect(res.headers.get('location')).toBe('/admin/sign-in?notice=signedOut');
    expect(browser.cookie('gx_session')).toBeUndefined();
    expect(await sessionRows()).toEqual([]);
    // The old cookie, replayed, opens nothing.
    const replayed = await a.app.request(home, { headers: { cookie: `gx_session=${token}` } });
    expect(replayed.headers.get('location')).toBe('/admin/sign-in?notice=sessionEnded');
  });

  test('a POST from another origin is refused before anything runs, form token or not', async () => {
    await browser.signIn(a.keys.admin);
    const page = await (await browser.get(`${home}/members`)).text();
    const fields = { [CSRF_FIELD]: csrfOf(page), email: 'x@guanxi.test', name: 'X', role: 'rep' };
    const cookie = `gx_session=${defined(browser.cookie('gx_session'))}`;
    const post = (headers: Record<string, string>) =>
      a.app.request(`${home}/members`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(fields).toString(),
      });
    const crossSite: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      {},
    ];
    for (const headers of crossSite) {
      const res = await post(headers);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Form refused');
    }
    expect(await a.t.core.users.findByEmail('x@guanxi.test')).toBeUndefined();
    expect((await post({ origin: 'http://localhost' })).status).toBe(303);
    expect((await post({ 'sec-fetch-site': 'same-origin' })).status).toBe(303);
  });

  test('a proxy’s public origin is allowed when configured', async () => {
    const proxied = new ConsoleClient(a.app, { origin: 'https://crm.example' });
    const token = csrfOf(await (await proxied.get('/admin/sign-in')).text());
    const res = await a.app.request('/admin/sign-in', {
      method: 'POST',
      headers: {
        origin: 'https://crm.example',
        cookie: `gx_signin=${defined(proxied.cookie('gx_signin'))}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ [CSRF_FIELD]: token, key: a.keys.admin }).toString(),
    });
    expect(res.status).toBe(303);
  });

  test('the sign-in form is refused without its own token', async () => {
    await browser.get('/admin/sign-in');
    const res = await browser.post('/admin/sign-in', { key: a.keys.admin });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('The form expired');
    expect(browser.cookie('gx_session')).toBeUndefined();
  });

  test('a POST without the session token or with another session’s is refused', async () => {
    await browser.signIn(a.keys.admin);
    const other = new ConsoleClient(a.app);
    const otherAdmin = await a.t.core.users.create({ email: 'boss@guanxi.test', name: 'Boss' });
    await a.t.core.users.setRole(a.teamB, otherAdmin.id, 'admin');
    await other.signIn((await a.t.core.apiKeys.create(otherAdmin.id, 'boss')).key);
    const theirs = csrfOf(await (await other.get(`/admin/teams/${a.teamB}`)).text());
    const fields = { email: 'new@guanxi.test', name: 'New', role: 'rep' };
    for (const token of [undefined, 'forged', theirs]) {
      const res = await browser.post(`${home}/members`, {
        ...fields,
        ...(token === undefined ? {} : { [CSRF_FIELD]: token }),
      });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Form refused');
    }
    expect(await a.t.core.users.findByEmail('new@guanxi.test')).toBeUndefined();
  });

  test('a team the user is not in does not exist', async () => {
    await browser.signIn(a.keys.admin);
    for (const path of [`/admin/teams/${a.teamB}`, `/admin/teams/${a.teamB}/members`, '/admin/x']) {
      const res = await browser.get(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('Not found');
    }
  });

  test('pages forbid scripts, framing and caching', async () => {
    const res = await browser.get('/admin/sign-in');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('script-src');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toContain('text/html');
  });
});
