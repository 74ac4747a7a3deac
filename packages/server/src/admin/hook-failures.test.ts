import { definePlugin } from '@guanxi/core';
import { ConsoleClient, createTestApp, type TestApp, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createApp } from '../app';

describe.each(testDialects())('admin console hook failures on %s', (dialect) => {
  let a: TestApp;
  let browser: ConsoleClient;
  let failures: string;
  let healthy: boolean;
  const flaky = definePlugin({
    id: 'flaky',
    version: '1.0.0',
    hooks: {
      'orders:recorded': () => {
        if (!healthy) throw new Error('ERP unreachable');
      },
    },
  });

  beforeEach(async () => {
    healthy = false;
    a = await createTestApp({ dialect, plugins: [flaky], app: createApp });
    await a.t.core.plugins.enable(a.teamA, 'flaky', 'test');
    const customer = await a.t.core.customers.create(a.teamA, { kind: 'person', name: 'Wu' });
    await a.t.core.orders.record(a.teamA, [
      { customerId: customer.id, amount: 100, placedAt: '2025-01-01' },
    ]);
    browser = new ConsoleClient(a.app);
    await browser.signIn(a.keys.admin);
    failures = `/admin/teams/${a.teamA}/hook-failures`;
  });
  afterEach(() => a.destroy());

  test('lists a failure with plugin, hook, error, attempts and time', async () => {
    const html = await (await browser.get(failures)).text();
    const [failure] = await a.t.core.hookFailures.list(a.teamA);
    const row = new RegExp(`data-failure="${failure?.id}">(.*?)</tr>`, 's').exec(html)?.[1] ?? '';
    expect(row).toContain('<code>flaky</code>');
    expect(row).toContain('<code>orders:recorded</code>');
    expect(row).toContain('<td class="error"> Error: ERP unreachable<details><summary>Stack trace');
    expect(row).toContain('<td class="num">1</td>');
    expect(row).toContain(`<time datetime="${failure?.createdAt}">`);
    expect(row).toContain('Replay');
  });

  test('replays a failure: again failing, then succeeding', async () => {
    const [failure] = await a.t.core.hookFailures.list(a.teamA);
    const replay = `${failures}/${failure?.id}/replay`;
    const failed = await browser.submit(failures, replay, {});
    expect(failed.headers.get('location')).toBe(`${failures}?notice=replayFailed`);
    expect((await a.t.core.hookFailures.list(a.teamA))[0]?.attempts).toBe(2);

    healthy = true;
    const ok = await browser.submit(failures, replay, {});
    expect(ok.headers.get('location')).toBe(`${failures}?notice=replayOk`);
    const html = await (await browser.get(`${failures}?notice=replayOk`)).text();
    expect(html).toContain('Replayed: the handler succeeded.');
    expect(html).toContain('<span class="pill on">Replayed</span>');
    expect(html).not.toContain('>Replay</button>');
    expect(await a.t.core.hookFailures.list(a.teamA, { pending: true })).toEqual([]);
    const [entry] = await a.t.core.audit.list(a.teamA, 1);
    expect(entry).toMatchObject({ action: 'hook.replayed', entityId: String(failure?.id) });
  });

  test('a replay of a disabled module or a replayed failure is explained', async () => {
    const [failure] = await a.t.core.hookFailures.list(a.teamA);
    const replay = `${failures}/${failure?.id}/replay`;
    await a.t.core.plugins.disable(a.teamA, 'flaky', 'test');
    const disabled = await browser.submit(failures, replay, {});
    expect(disabled.headers.get('location')).toBe(`${failures}?notice=replayDisabled`);
    await a.t.core.plugins.enable(a.teamA, 'flaky', 'test');
    healthy = true;
    await browser.submit(failures, replay, {});
    const again = await browser.submit(failures, replay, {});
    expect(again.headers.get('location')).toBe(`${failures}?notice=alreadyReplayed`);
  });
});
