import { ConsoleClient, createTestApp, csrfOf, type TestApp, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createApp } from '../app';
import { CSRF_FIELD } from './csrf';

describe.each(testDialects())('admin console sessions on %s', (dialect) => {
  let a: TestApp;
  let browser: ConsoleClient;
  beforeEach(async () => {
    a = await createTestApp({ dialect, app: createApp });
    browser = new ConsoleClient(a.app);
  });
  afterEach(() => a.destroy());

  test('without a session every page leads to sign-in', async () => {
    for (const path of ['/admin', `/admin/teams/${a.teamA}`, '/admin/nowhere']) {
      const res = await browser.get(path);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/admin/sign-in');
    }
  });

  test('an admin signs in, the key stays in an HttpOnly cookie and never in a page', async () => {
    const res = await browser.signIn(a.keys.admin);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('gx_admin='));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/admin');
    expect(cookie).not.toContain('Secure');

    const home = await browser.get('/admin');
    expect(home.headers.get('location')).toBe(`/admin/teams/${a.teamA}`);
    for (const path of [`/admin/teams/${a.teamA}`, `/admin/teams/${a.teamA}/members`]) {
      const page = await browser.get(path);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Team A');
      expect(html).not.toContain(a.keys.admin);
    }
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
    expect(res.headers.getSetCookie().find((c) => c.startsWith('gx_admin='))).toContain('Secure');
  });

  test('an unknown or revoked key is refused on the form, with no session', async () => {
    for (const key of ['gx_nope', a.keys.revoked]) {
      const res = await browser.signIn(key);
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('This API key is unknown or has been revoked.');
      expect(browser.cookie('gx_admin')).toBeUndefined();
    }
  });

  test('a manager or rep is told they are not an admin (403) and gets no session', async () => {
    for (const caller of ['manager', 'rep', 'otherRep'] as const) {
      const res = await browser.signIn(a.keys[caller]);
      expect(res.status).toBe(403);
      const html = await res.text();
      expect(html).toContain('Not an admin');
      expect(html).toContain(`${caller} is not an admin of any team`);
      expect(browser.cookie('gx_admin')).toBeUndefined();
    }
  });

  test('an admin demoted during a session sees the not-an-admin page', async () => {
    await browser.signIn(a.keys.admin);
    await a.t.core.users.setRole(a.teamA, a.userIds.admin, 'rep');
    const res = await browser.get(`/admin/teams/${a.teamA}`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Not an admin');
  });

  test('a key revoked during a session ends it', async () => {
    await browser.signIn(a.keys.admin);
    const [key] = await a.t.core.apiKeys.list(a.userIds.admin);
    await a.t.core.apiKeys.revoke(key?.id ?? 0);
    const res = await browser.get(`/admin/teams/${a.teamA}`);
    expect(res.headers.get('location')).toBe('/admin/sign-in?notice=sessionEnded');
    expect(browser.cookie('gx_admin')).toBeUndefined();
  });

  test('signing out clears the cookie; without the form token it is refused', async () => {
    await browser.signIn(a.keys.admin);
    const forged = await browser.post('/admin/sign-out', { [CSRF_FIELD]: 'forged' });
    expect(forged.status).toBe(403);
    expect(browser.cookie('gx_admin')).toBeDefined();
    const res = await browser.submit(`/admin/teams/${a.teamA}`, '/admin/sign-out', {});
    expect(res.headers.get('location')).toBe('/admin/sign-in?notice=signedOut');
    expect(browser.cookie('gx_admin')).toBeUndefined();
    expect((await browser.get(`/admin/teams/${a.teamA}`)).status).toBe(303);
  });

  test('the sign-in form is refused without its own token', async () => {
    await browser.get('/admin/sign-in');
    const res = await browser.post('/admin/sign-in', { key: a.keys.admin });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('The form expired');
    expect(browser.cookie('gx_admin')).toBeUndefined();
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
      const res = await browser.post(`/admin/teams/${a.teamA}/members`, {
        ...fields,
        ...(token === undefined ? {} : { [CSRF_FIELD]: token }),
      });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Form refused');
    }
    expect(await a.t.core.users.findByEmail('new@guanxi.test')).toBeUndefined();
  });

  test('a team the user does not administer does not exist', async () => {
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
