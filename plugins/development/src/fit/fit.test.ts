import { pAliveService } from '@guanxi/plugin-scoring';
import { customerFacts, defined, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { attributeReader } from '../attributes';
import { configSchema } from '../config';
import type { DevelopmentContext } from '../tables';
import { NOW as KIT_NOW, type Kit, openKit } from '../test-kit';
import { evaluateFit, type FitInput } from './evaluate';
import { fitOf } from './fit-scorer';
import { readProfile } from './profile';
import { fitReasons } from './reasons';

const NOW = new Date('2024-06-01T00:00:00Z');

const facts = customerFacts;

/** A customer's fit as the card reads it. */
async function fitOfCustomer(ctx: DevelopmentContext, customerId: number) {
  const customer = await ctx.core.customers.get(ctx.teamId, customerId);
  const values = await attributeReader(ctx)(customer);
  return fitOf(ctx, customer, await ctx.core.facts.get(ctx.teamId, customerId), values);
}

const input = (change: Partial<FitInput> = {}): FitInput => ({
  values: new Map(),
  facts: facts(),
  growth: undefined,
  profile: new Map(),
  signals: {},
  now: NOW,
  ...change,
});

const config = configSchema.parse({
  fit: {
    positioning: { industries: ['Manufacturing'], sizes: ['medium', 'large'], regions: ['East'] },
    ownSize: 'medium',
  },
});

describe('the fit of a target', () => {
  test('a prospect nothing is known of is neutral, with no reasons', () => {
    expect(evaluateFit(input(), config)).toEqual({ score: 50, parts: [] });
  });

  test('positioning judges each listed dimension the customer has a value for', () => {
    const values = new Map([
      ['industry', 'manufacturing'],
      ['region', 'West'],
    ]);
    const fit = evaluateFit(input({ values }), config);
    expect(fit.parts).toEqual([
      {
        part: 'positioning',
        weight: 1,
        value: 0.5,
        detail: {
          part: 'positioning',
          checks: [
            { dimension: 'industry', value: 'manufacturing', fits: true },
            { dimension: 'region', value: 'West', fits: false },
          ],
        },
      },
    ]);
    expect(fitReasons(fit, 'en')).toEqual(['fits our positioning (industry manufacturing)']);
  });

  test('门当户对: the same size scores full, one size apart half, two apart nothing', () => {
    const part = (size: string) =>
      evaluateFit(input({ values: new Map([['size', size]]) }), config).parts.find(
        (p) => p.part === 'match',
      );
    expect(part('medium')?.value).toBe(1);
    expect(part('120')?.value).toBe(1);
    expect(part('large')?.value).toBe(0.5);
    expect(part('5000')?.value).toBe(0);
    expect(part('huge')).toBeUndefined();
    const far = evaluateFit(input({ values: new Map([['size', 'micro']]) }), config);
    expect(fitReasons(far, 'zh-CN')).toContain('规模不相称（对方 micro，我方 medium）');
  });

  test('a good customer is judged on orders a year and margin; a young one over a whole year', () => {
    const buyer = facts({
      firstOrderAt: '2024-03-01',
      orderCount: 2,
      revenue: 100_000,
      margin: 30_000,
    });
    const fit = evaluateFit(input({ facts: buyer }), config);
    const good = fit.parts.find((p) => p.part === 'goodCustomer');
    expect(good?.value).toBe(0.75);
    expect(fitReasons(fit, 'en')).toEqual(['a good customer (2 orders a year, 30% margin)']);
  });

  test('the tier and P(alive) other plugins give join a buyer’s good-customer part', () => {
    const buyer = facts({
      firstOrderAt: '2024-03-01',
      orderCount: 2,
      revenue: 100_000,
      margin: 30_000,
    });
    const fit = evaluateFit(
      input({ facts: buyer, signals: { tier: 'secondary', pAlive: 0.8 } }),
      config,
    );
    // Orders 0.5, margin 1, the second of four tiers 2/3, P(alive) 0.8.
    expect(fit.parts[0]?.value).toBeCloseTo((0.5 + 1 + 2 / 3 + 0.8) / 4);
    expect(fitReasons(fit, 'en')).toEqual([
      'a good customer (2 orders a year, 30% margin, tier Key (secondary), 80% likely still buying)',
    ]);
    expect(fitReasons(fit, 'zh-CN')).toEqual([
      '好客户（每年 2 单，利润率 30%，层级：次要客户，仍在购买的可能 80%）',
    ]);
    const prospect = evaluateFit(input({ signals: { tier: 'small' } }), config);
    expect(prospect.parts).toEqual([]);
  });

  test('potential rises with the growth of orders and with company size', () => {
    const growing = evaluateFit(input({ growth: { recent: 300, prior: 100 } }), config);
    expect(growing.parts[0]?.part).toBe('potential');
    expect(growing.parts[0]?.value).toBeCloseTo(5 / 6);
    expect(fitReasons(growing, 'en')).toEqual(['has potential (orders +200%)']);
    const fading = evaluateFit(
      input({ growth: { recent: 0, prior: 100 }, values: new Map([['size', 'micro']]) }),
      config,
    );
    const potential = fading.parts.find((p) => p.part === 'potential');
    expect(potential?.value).toBe(0);
    expect(fitReasons(fading, 'zh-CN')).toContain('潜力有限（订单 -100%，规模 micro）');
  });

  test('resemblance compares each named attribute with the spread among top customers', () => {
    const profile = new Map([
      [
        'industry',
        {
          top: 10,
          counts: new Map([
            ['retail', 6],
            ['food', 2],
          ]),
        },
      ],
      ['region', { top: 10, counts: new Map([['east', 10]]) }],
    ]);
    const like = evaluateFit(
      input({
        profile,
        values: new Map([
          ['industry', 'Retail'],
          ['region', 'East'],
        ]),
      }),
      config,
    );
    expect(like.parts.find((p) => p.part === 'resemblance')?.value).toBe(1);
    const unlike = evaluateFit(
      input({
        profile,
        values: new Map([
          ['industry', 'Food'],
          ['region', 'North'],
        ]),
      }),
      config,
    );
    const part = unlike.parts.find((p) => p.part === 'resemblance');
    expect(part?.value).toBeCloseTo(1 / 6);
    expect(fitReasons(unlike, 'en')).toContain(
      'unlike our top customers (region North: 0% of them)',
    );
  });

  test('weights are per team; a part weighted 0 neither counts nor gives a reason', () => {
    const values = new Map([['industry', 'Retail']]);
    const weighted = configSchema.parse({
      fit: {
        ...config.fit,
        weights: { positioning: 3, goodCustomer: 1, potential: 0, match: 0, resemblance: 0 },
      },
    });
    // positioning 0 at weight 3, good customer neutral at weight 1: 100 × 0.5 / 4.
    expect(evaluateFit(input({ values }), weighted).score).toBe(12.5);
    const off = configSchema.parse({
      fit: {
        ...weighted.fit,
        weights: { ...weighted.fit.weights, positioning: 0, goodCustomer: 1 },
      },
    });
    expect(evaluateFit(input({ values }), off)).toEqual({ score: 50, parts: [] });
  });
});

describe.each(testDialects())('the fit scorer and the top-customer profile on %s', (dialect) => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await openKit(dialect, { locale: 'zh-CN' });
  });
  afterEach(() => kit.t.destroy());

  const attrs = (values: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(values).map(([key, value]) => [key, { value, source: 'sales_rep' as const }]),
    );

  test('profiles the top buyers by revenue and scores prospects against them, in the team’s language', async () => {
    const buyers: number[] = [];
    for (const [i, industry] of ['retail', 'retail', 'retail', 'food', 'food'].entries()) {
      const id = await kit.customer(`Buyer ${i}`, {
        attributes: attrs({ industry, region: 'East' }),
      });
      await kit.t.core.orders.record(kit.teamId, [
        { customerId: id, amount: (5 - i) * 100_000, placedAt: '2024-05-01' },
      ]);
      buyers.push(id);
    }
    await kit.configure({ fit: { resemblance: { attributes: ['industry'], topShare: 0.6 } } });
    const summary = await kit.t.core.jobs.run('development:profile', { teamId: kit.teamId });
    expect(summary).toEqual({ buyers: 5, basis: 'revenue', topCustomers: 3, values: 1 });
    const company = await kit.customer('Prospect Co', {
      attributes: attrs({ industry: 'Retail' }),
    });
    const scorer = defined(
      (await kit.t.core.plugins.scorers(kit.teamId)).find((s) => s.key === 'development/fit'),
    );
    const [scored] = await scorer.score([
      { customerId: company, facts: await kit.t.core.facts.get(kit.teamId, company) },
    ]);
    expect(scored).toEqual({
      customerId: company,
      value: 60,
      reasons: ['与头部客户相似（industry Retail：占 100%）'],
    });
  });

  test('the profile keeps the 50 commonest values of each attribute', async () => {
    const inputs = Array.from({ length: 52 }, (_, i) => ({
      kind: 'company' as const,
      name: `Co ${i}`,
      attributes: attrs({ industry: i < 2 ? 'common' : `rare ${i}` }),
    }));
    const created = await kit.t.core.customers.createMany(kit.teamId, inputs);
    await kit.t.core.orders.record(
      kit.teamId,
      created.map((c) => ({ customerId: c.id, amount: 1_000, placedAt: '2024-05-01' })),
    );
    await kit.configure({ fit: { resemblance: { attributes: ['industry'], topShare: 1 } } });
    const summary = await kit.t.core.jobs.run('development:profile', { teamId: kit.teamId });
    expect(summary).toEqual({ buyers: 52, basis: 'revenue', topCustomers: 52, values: 50 });
    const profile = await kit.run(readProfile);
    expect(profile.get('industry')?.counts.get('common')).toBe(2);
  });

  test('a person is judged on their company’s attributes where they have none', async () => {
    await kit.configure({ fit: { positioning: { industries: ['retail'] } } });
    const company = await kit.customer('Shop Co', {
      domains: ['shop.example'],
      attributes: attrs({ industry: 'Retail' }),
    });
    const person = await kit.t.core.customers.create(kit.teamId, {
      kind: 'person',
      name: 'Zhou',
      emails: ['zhou@shop.example'],
    });
    expect(person.companyId).toBe(company);
    const { slot } = await kit.card(person.id, 'en');
    expect(slot.fit).toEqual({ score: 60, reasons: ['fits our positioning (industry Retail)'] });
  });

  test('with tiering on, the top customers are its top tier, read through its service', async () => {
    // Tiering places customers as they come, so it is on first.
    await kit.t.core.plugins.enable(kit.teamId, 'tiering', 'admin');
    await kit.t.core.plugins.configure(
      kit.teamId,
      'tiering',
      {
        measure: 'margin',
        hysteresis: 0,
        shares: { important: 0.4, secondary: 0.2, normal: 0.2, small: 0.2 },
      },
      'admin',
    );
    // Retail buys the most, food earns the most: tiering ranks by margin.
    const buyers = [
      ['retail', 500_000, 450_000],
      ['retail', 400_000, 360_000],
      ['retail', 300_000, 270_000],
      ['food', 200_000, 0],
      ['food', 100_000, 0],
    ] as const;
    const ids: number[] = [];
    for (const [i, [industry, amount, cost]] of buyers.entries()) {
      const id = await kit.customer(`Buyer ${i}`, { attributes: attrs({ industry }) });
      await kit.t.core.orders.record(kit.teamId, [
        { customerId: id, amount, cost, placedAt: '2024-05-01' },
      ]);
      ids.push(id);
    }
    await kit.configure({ fit: { resemblance: { attributes: ['industry'], topShare: 0.6 } } });
    await kit.t.core.deferred.drain();
    await kit.t.core.jobs.run('tiering:recompute', { teamId: kit.teamId });
    const profile = () => kit.t.core.jobs.run('development:profile', { teamId: kit.teamId });
    expect(await profile()).toEqual({ buyers: 5, basis: 'tier', topCustomers: 2, values: 1 });
    expect((await kit.run(readProfile)).get('industry')?.counts).toEqual(new Map([['food', 2]]));

    // The buyer's own tier joins its good-customer part.
    const { slot } = await kit.card(defined(ids[3]), 'en');
    expect(slot.fit.reasons).toContain(
      'a good customer (1 order a year, 100% margin, tier Key (important))',
    );

    await kit.t.core.plugins.disable(kit.teamId, 'tiering', 'admin');
    expect(await profile()).toEqual({ buyers: 5, basis: 'revenue', topCustomers: 3, values: 1 });
    expect((await kit.run(readProfile)).get('industry')?.counts).toEqual(new Map([['retail', 3]]));
    expect((await kit.card(defined(ids[3]), 'en')).slot.fit.reasons).toContain(
      'a good customer (1 order a year, 100% margin)',
    );
  });

  test('with scoring on and fitted, a buyer’s P(alive) is the one its service gives', async () => {
    const every = (from: number, to: number, step: number) =>
      Array.from({ length: Math.floor((from - to) / step) + 1 }, (_, i) => from - i * step);
    const buyer = async (name: string, daysAgo: readonly number[]) => {
      const id = await kit.customer(name);
      await kit.t.core.orders.record(
        kit.teamId,
        daysAgo.map((days) => ({
          customerId: id,
          amount: 10_000,
          placedAt: new Date(Date.parse(KIT_NOW) - days * 86_400_000).toISOString(),
        })),
      );
      return id;
    };
    // Scoring keeps the purchase days as orders come, so it is on first.
    await kit.t.core.plugins.enable(kit.teamId, 'scoring', 'admin');
    const regulars: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      regulars.push(await buyer(`Regular ${i}`, every(300 + i, 3 + (i % 5), 14)));
    }
    for (let i = 0; i < 15; i += 1) await buyer(`Lapsed ${i}`, every(700 - i, 300 - i, 14));
    const regular = defined(regulars[0]);
    const goodPart = async () =>
      (await kit.run((ctx) => fitOfCustomer(ctx, regular))).parts.find(
        (p) => p.part === 'goodCustomer',
      )?.detail;
    expect(await goodPart()).toMatchObject({ pAlive: undefined, tier: undefined });
    await kit.t.core.jobs.run('scoring:fit', { teamId: kit.teamId });
    const expected = await kit.run(async (ctx) =>
      (await ctx.use(pAliveService))?.pAlive([regular]),
    );
    const pAlive = defined(expected?.get(regular));
    expect(pAlive).toBeGreaterThan(0.4);
    expect(await goodPart()).toMatchObject({ pAlive });
    await kit.t.core.plugins.disable(kit.teamId, 'scoring', 'admin');
    expect(await goodPart()).toMatchObject({ pAlive: undefined });
  });
});
