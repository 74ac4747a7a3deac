import { ConsoleClient, createTestApp, type TestApp, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createApp } from '../app';

describe.each(testDialects())('admin console team settings on %s', (dialect) => {
  let a: TestApp;
  let browser: ConsoleClient;
  let settings: string;
  beforeEach(async () => {
    a = await createTestApp({ dialect, app: (core) => createApp(core) });
    a.t.clock.set('2024-05-01T16:30:00.000Z');
    browser = new ConsoleClient(a.app);
    await browser.signIn(a.keys.admin);
    settings = `/admin/teams/${a.teamA}/settings`;
  });
  afterEach(() => a.destroy());

  test('shows the team’s zone and today there, and saves a new zone, audited', async () => {
    const html = await (await browser.get(settings)).text();
    expect(html).toContain(`<a href="${settings}" aria-current="page">Team settings</a>`);
    expect(html).toContain(
      'name="timeZone" required="" maxlength="64" list="time-zones" value="UTC"',
    );
    expect(html).toContain('<option value="Asia/Shanghai"></option>');
    expect(html).toContain('Today in this time zone: 2024-05-01');

    const saved = await browser.submit(settings, settings, {
      name: 'Team A',
      locale: 'en',
      timeZone: 'Asia/Shanghai',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${settings}?notice=teamSaved`);
    expect((await a.t.core.teams.get(a.teamA)).timeZone).toBe('Asia/Shanghai');
    const after = await (await browser.get(`${settings}?notice=teamSaved`)).text();
    expect(after).toContain('Team settings saved.');
    // 16:30 UTC is 00:30 the next day in Shanghai.
    expect(after).toContain('Today in this time zone: 2024-05-02');
    expect((await a.t.core.audit.list(a.teamA))[0]).toMatchObject({
      action: 'team.updated',
      actor: `user:${a.userIds.admin}`,
      after: { timeZone: 'Asia/Shanghai' },
    });
  });

  test('an unknown zone comes back with an inline error and the values kept, nothing saved', async () => {
    const before = await a.t.core.teams.get(a.teamA);
    const refused = await browser.submit(settings, settings, {
      name: 'Renamed',
      locale: 'zh-CN',
      timeZone: 'Mars/Olympus',
    });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('value="Mars/Olympus"');
    expect(html).toContain('value="Renamed"');
    expect(html).toContain(
      '<span class="field-error">must be an IANA time zone such as Asia/Shanghai</span>',
    );
    expect(await a.t.core.teams.get(a.teamA)).toEqual(before);
  });

  test('speaks Chinese', async () => {
    const zh = new ConsoleClient(a.app, { 'accept-language': 'zh-CN' });
    await zh.signIn(a.keys.admin);
    const html = await (await zh.get(settings)).text();
    expect(html).toContain('团队设置');
    expect(html).toContain('该时区的今天：2024-05-01');
  });
});
