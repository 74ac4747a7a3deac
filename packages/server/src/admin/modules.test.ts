import { definePlugin } from '@guanxi/core';
import { ConsoleClient, createTestApp, type TestApp, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createApp } from '../app';

const settings = z
  .object({
    threshold: z.number().int().min(0).max(100).default(10).describe('Percent of revenue'),
    mode: z.enum(['fast', 'thorough']).default('fast'),
    notify: z.boolean().default(false),
    label: z.string().max(20).default('Key'),
    shares: z
      .object({ key: z.number().min(0).max(100).default(20), small: z.number().default(50) })
      .prefault({}),
  })
  .refine((c) => c.shares.key + c.shares.small <= 100, {
    message: 'key and small shares must not pass 100',
    path: ['shares'],
  });

const tuned = definePlugin({
  id: 'tuned',
  version: '1.2.0',
  description: 'A module with settings',
  configSchema: settings,
});
const plain = definePlugin({ id: 'plain', version: '0.1.0', description: 'No settings' });

describe.each(testDialects())('admin console modules on %s', (dialect) => {
  let a: TestApp;
  let browser: ConsoleClient;
  let modules: string;
  beforeEach(async () => {
    a = await createTestApp({ dialect, plugins: [tuned, plain], app: createApp });
    browser = new ConsoleClient(a.app);
    await browser.signIn(a.keys.admin);
    modules = `/admin/teams/${a.teamA}/modules`;
  });
  afterEach(() => a.destroy());

  test('turns a module on and off for one team only', async () => {
    const on = await browser.submit(modules, `${modules}/tuned/enabled`, { enabled: 'true' });
    expect(on.headers.get('location')).toBe(`${modules}?notice=moduleOn#module-tuned`);
    expect((await a.t.core.plugins.settings(a.teamA, 'tuned')).enabled).toBe(true);
    expect((await a.t.core.plugins.settings(a.teamB, 'tuned')).enabled).toBe(false);
    const page = await (await browser.get(`${modules}?notice=moduleOn`)).text();
    expect(page).toContain('Module turned on.');
    expect(page).toMatch(/data-module="tuned">.*?<span class="pill on">On<\/span>.*?Turn off/);

    await browser.submit(modules, `${modules}/tuned/enabled`, { enabled: 'false' });
    expect((await a.t.core.plugins.settings(a.teamA, 'tuned')).enabled).toBe(false);
    const [entry] = await a.t.core.audit.list(a.teamA, 1);
    expect(entry).toMatchObject({ action: 'plugin.settings.changed', entityId: 'tuned' });
  });

  test('the config form is generated from the schema', async () => {
    const html = await (await browser.get(modules)).text();
    expect(html).toMatch(
      /<input type="number" id="tuned:config.threshold" name="config.threshold" value="10" step="1" min="0" max="100" required=""\/>/,
    );
    expect(html).toContain('Percent of revenue');
    expect(html).toMatch(
      /<select id="tuned:config.mode" name="config.mode"><option value="fast" selected="">fast<\/option><option value="thorough">thorough<\/option><\/select>/,
    );
    expect(html).toMatch(/<input type="checkbox" name="config.notify"\/>Notify/);
    expect(html).toMatch(
      /<input type="text"[^>]* name="config.label" value="Key" maxlength="20"\/>/,
    );
    expect(html).toMatch(/<fieldset><legend>Shares<\/legend>.*name="config.shares.key" value="20"/);
    expect(html).toMatch(/data-module="plain">.*This module has no settings/);
  });

  test('saves a valid config', async () => {
    const res = await browser.submit(modules, `${modules}/tuned/config`, {
      'config.threshold': '25',
      'config.mode': 'thorough',
      'config.notify': 'on',
      'config.label': 'VIP',
      'config.shares.key': '30',
      'config.shares.small': '40',
    });
    expect(res.headers.get('location')).toBe(`${modules}?notice=configSaved#module-tuned`);
    expect((await a.t.core.plugins.settings(a.teamA, 'tuned')).config).toEqual({
      threshold: 25,
      mode: 'thorough',
      notify: true,
      label: 'VIP',
      shares: { key: 30, small: 40 },
    });
    const html = await (await browser.get(modules)).text();
    expect(html).toContain('name="config.threshold" value="25"');
    expect(html).toMatch(/<input type="checkbox" name="config.notify" checked=""\/>/);
  });

  test('an invalid config comes back with inline errors and the values kept', async () => {
    const res = await browser.submit(modules, `${modules}/tuned/config`, {
      'config.threshold': '500',
      'config.mode': 'fast',
      'config.label': 'A label far longer than twenty',
      'config.shares.key': 'lots',
      'config.shares.small': '50',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Some settings are not valid');
    expect(html).toMatch(
      /<label class="invalid" for="tuned:config.threshold">Threshold<input type="number"[^>]* name="config.threshold" value="500"[^>]*\/><span class="hint">Percent of revenue<\/span><span class="field-error">Too big[^<]*<\/span>/,
    );
    expect(html).toMatch(
      /name="config.label" value="A label far longer than twenty"[^>]*\/><span class="field-error">/,
    );
    expect(html).toMatch(
      /name="config.shares.key" value="lots"[^>]*\/><span class="field-error">[^<]*expected number/,
    );
    expect(html).toMatch(/name="config.shares.small" value="50"/);
    expect((await a.t.core.plugins.settings(a.teamA, 'tuned')).config).toMatchObject({
      threshold: 10,
    });
  });

  test('an object-level error is shown on its fieldset', async () => {
    const res = await browser.submit(modules, `${modules}/tuned/config`, {
      'config.threshold': '10',
      'config.mode': 'fast',
      'config.label': 'x',
      'config.shares.key': '60',
      'config.shares.small': '50',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(
      /<fieldset class="invalid"><legend>Shares<\/legend><span class="field-error">key and small shares must not pass 100<\/span>/,
    );
  });

  test('an unknown module is a 404', async () => {
    const res = await browser.submit(modules, `${modules}/nope/enabled`, { enabled: 'true' });
    expect(res.status).toBe(404);
  });
});
