import type { Locale } from '@guanxi/core';
import { appUnderTest, bundledPlugins } from '@guanxi/server';
import {
  type Caller,
  createTestApp,
  defined,
  expectJson,
  type TestApp,
  testDialects,
} from '@guanxi/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const bundled = await bundledPlugins();

/**
 * The customer-development walk-through as a new user would do it, all over the REST API: a
 * rep creates a customer from an e-mail, referred by an existing customer; opens an
 * opportunity; logs an e-mail tagged with two buying signals and sees "ask for the order" on
 * the card; sets the customer's type and sees its strategy; wins the opportunity and sees the
 * order, the customer active and the referrer's referrals up by one. A manager then reads the
 * pipeline, the win rate by source and the referral tree. In each language, on each database.
 */

interface Card {
  readonly customer: { readonly id: number; readonly stage: string };
  readonly stage: { readonly value: string; readonly label: string };
  readonly nextBestAction?: { readonly plugin: string; readonly label: string; reason: string };
  readonly panels: readonly {
    readonly plugin: string;
    readonly items: readonly { readonly label: string; readonly value: string }[];
  }[];
  readonly slots: {
    readonly development?: {
      readonly source: { readonly kind: string; readonly referrer: { id: number } | null } | null;
      readonly referrals: number;
      readonly opportunity: { readonly id: number; readonly stageLabel: string } | null;
      readonly customerType: { readonly label: string; readonly strategy: string } | null;
      readonly signals: readonly { readonly signal: string; readonly label: string }[];
    };
  };
}

/** What each language must show, beside the words read from the plugin's vocabulary route. */
const WORDS: Readonly<Record<Locale, { askForOrder: string; active: string; referral: string }>> = {
  en: { askForOrder: 'Ask for the order', active: 'Active customer', referral: 'Referral' },
  'zh-CN': { askForOrder: '提出成交请求', active: '现实客户', referral: '客户介绍' },
};

const cases = testDialects().flatMap((dialect) =>
  (['en', 'zh-CN'] as const).map((locale) => [dialect, locale] as const),
);

describe.each(cases)('customer development over the API on %s, in %s', (dialect, locale) => {
  let a: TestApp;
  const words = WORDS[locale];
  const base = () => `/v1/teams/${a.teamA}`;
  const dev = (path: string) => `${base()}/plugins/development${path}`;
  const call = (caller: Caller, method: string, path: string, body?: unknown) =>
    a.call(caller, method, path, body, { 'accept-language': locale });
  const card = async (customerId: number) =>
    (
      await expectJson<{ card: Card }>(
        await call('rep', 'GET', `/v1/context?teamId=${a.teamA}&customerId=${customerId}`),
        200,
      )
    ).card;
  const slot = async (customerId: number) => defined((await card(customerId)).slots.development);

  let referrer: number;
  let customer: number;
  let opportunity: number;

  beforeAll(async () => {
    a = await createTestApp({ dialect, plugins: bundled, app: appUnderTest() });
    for (const { id } of bundled) await a.t.core.plugins.enable(a.teamA, id, 'admin:1');
    await a.t.core.teams.update(a.teamA, { locale }, 'admin:1');
    a.t.clock.set('2025-03-10T01:00:00Z');
    referrer = (
      await expectJson<{ id: number }>(
        await call('rep', 'POST', `${base()}/customers`, {
          kind: 'company',
          name: 'Wang Trading',
          externalRef: 'C-1',
        }),
        201,
      )
    ).id;
  });
  afterAll(() => a.destroy());

  test('a rep creates a referred customer from an e-mail; the referrer’s referrals rise', async () => {
    expect((await slot(referrer)).referrals).toBe(0);
    // What the extension sends for an unknown sender, with the source the rep picked.
    customer = (
      await expectJson<{ id: number; stage: string }>(
        await call('rep', 'POST', `${base()}/customers`, {
          kind: 'person',
          name: 'Li Na',
          emails: ['li.na@lifoods.example'],
          attributes: {
            source: { value: { kind: 'referral', referrerId: referrer }, source: 'sales_rep' },
          },
        }),
        201,
      )
    ).id;
    const { source } = await expectJson<{ source: { kind: string; referrerId: number } }>(
      await call('rep', 'GET', dev(`/customers/${customer}/source`)),
      200,
    );
    expect(source).toMatchObject({ kind: 'referral', referrerId: referrer, status: 'recorded' });
    const own = await slot(customer);
    expect(own.source).toMatchObject({ kind: 'referral', referrer: { id: referrer } });
    expect((await slot(referrer)).referrals).toBe(1);
    const vocabulary = await expectJson<{ sources: { kind: string; label: string }[] }>(
      await call('rep', 'GET', dev('/vocabulary')),
      200,
    );
    expect(vocabulary.sources.find((s) => s.kind === 'referral')?.label).toBe(words.referral);
  });

  test('opens an opportunity and logs an e-mail with two buying signals: "ask for the order"', async () => {
    opportunity = (
      await expectJson<{ id: number; ownerUserId: number; stage: string }>(
        await call('rep', 'POST', dev('/opportunities'), {
          customerId: customer,
          title: 'Cold chain',
          amount: 880_000,
          closeDay: '2025-04-30',
        }),
        201,
      )
    ).id;
    const opened = await card(customer);
    expect(opened.slots.development?.opportunity?.id).toBe(opportunity);
    expect(opened.nextBestAction?.label).not.toBe(words.askForOrder);

    a.t.clock.advance({ hours: 2 });
    const tagged = await expectJson<{ interactionId: number; signals: string[] }>(
      await call('rep', 'POST', dev('/interactions'), {
        interaction: {
          customerId: customer,
          channel: 'email',
          direction: 'inbound',
          summary: 'Can you do better on price, and who services the units?',
          occurredAt: '2025-03-10T03:00:00Z',
        },
        signals: ['asks_lower_price', 'asks_details'],
      }),
      201,
    );
    const logged = await expectJson<{ interactions: { id: number; actor: string }[] }>(
      await call('rep', 'GET', `${base()}/customers/${customer}/interactions`),
      200,
    );
    expect(logged.interactions).toEqual([
      expect.objectContaining({ id: tagged.interactionId, actor: `user:${a.userIds.rep}` }),
    ]);
    const vocabulary = await expectJson<{ signals: { signal: string; label: string }[] }>(
      await call('rep', 'GET', dev('/vocabulary')),
      200,
    );
    const label = (signal: string) => vocabulary.signals.find((s) => s.signal === signal)?.label;
    const asking = await card(customer);
    expect(asking.nextBestAction).toMatchObject({
      plugin: 'development',
      label: words.askForOrder,
    });
    expect(asking.nextBestAction?.reason).toContain(defined(label('asks_lower_price')));
    expect(asking.nextBestAction?.reason).toContain(defined(label('asks_details')));
    expect(asking.slots.development?.signals.map((s) => s.signal)).toEqual([
      'asks_lower_price',
      'asks_details',
    ]);
  });

  test('sets the customer’s type and sees its strategy on the card', async () => {
    const set = await expectJson<{ label: string; strategy: string }>(
      await call('rep', 'PUT', dev(`/customers/${customer}/type`), { type: 'haggler' }),
      200,
    );
    const vocabulary = await expectJson<{
      customerTypes: { type: string; label: string; strategy: string }[];
    }>(await call('rep', 'GET', dev('/vocabulary')), 200);
    const haggler = defined(vocabulary.customerTypes.find((type) => type.type === 'haggler'));
    expect(set).toMatchObject({ label: haggler.label, strategy: haggler.strategy });
    const shown = await card(customer);
    expect(shown.slots.development?.customerType).toMatchObject({
      label: haggler.label,
      strategy: haggler.strategy,
    });
    const items = defined(shown.panels.find((panel) => panel.plugin === 'development')).items;
    expect(items.some((item) => item.value.includes(haggler.strategy))).toBe(true);
  });

  test('wins the opportunity: the order, the customer active, the referrer’s count', async () => {
    const before = await card(customer);
    expect(before.customer.stage).not.toBe('active');
    const won = await expectJson<{ status: string; orderId: number }>(
      await call('rep', 'POST', dev(`/opportunities/${opportunity}/win`)),
      200,
    );
    expect(won.status).toBe('won');
    const { orders } = await expectJson<{ orders: { id: number; amount: number }[] }>(
      await call('rep', 'GET', `${base()}/customers/${customer}/orders`),
      200,
    );
    expect(orders).toEqual([expect.objectContaining({ id: won.orderId, amount: 880_000 })]);
    const after = await card(customer);
    expect(after.customer.stage).toBe('active');
    expect(after.stage).toEqual({ value: 'active', label: words.active });
    expect(after.slots.development?.opportunity).toBeNull();
    expect(after.nextBestAction?.label).not.toBe(words.askForOrder);
    expect((await slot(referrer)).referrals).toBe(1);
  });

  test('a manager reads the pipeline, the win rate by source and the referral tree', async () => {
    await expectJson(
      await call('manager', 'POST', dev('/opportunities'), {
        customerId: referrer,
        amount: 120_000,
        closeDay: '2025-05-31',
      }),
      201,
    );
    const pipeline = await expectJson<{
      stages: { stage: string; count: number; amount: Record<string, number> }[];
    }>(await call('manager', 'GET', dev('/reports/pipeline')), 200);
    expect(pipeline.stages.find((stage) => stage.stage === 'appointment')).toMatchObject({
      count: 1,
      amount: { CNY: 120_000 },
    });
    const rates = await expectJson<{
      sources: { kind: string | null; label: Record<Locale, string>; won: number }[];
    }>(await call('manager', 'GET', dev('/reports/win-rate')), 200);
    expect(rates.sources).toEqual([
      expect.objectContaining({ kind: 'referral', won: 1, lost: 0, winRate: 1 }),
    ]);
    expect(rates.sources[0]?.label[locale]).toBe(words.referral);
    const tree = await expectJson<{
      root: { customerId: number; referrals: number; children: { customerId: number }[] };
      size: number;
    }>(await call('manager', 'GET', dev(`/customers/${referrer}/referrals`)), 200);
    expect(tree.root).toMatchObject({ customerId: referrer, referrals: 1 });
    expect(tree.root.children.map((child) => child.customerId)).toEqual([customer]);
    expect(tree.size).toBe(1);
  });
});
