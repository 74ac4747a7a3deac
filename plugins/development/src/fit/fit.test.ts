import { customerFacts, defined, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { configSchema } from '../config';
import { type Kit, openKit } from '../test-kit';
import { evaluateFit, type FitInput } from './evaluate';
import { readProfile } from './profile';
import { fitReasons } from './reasons';

const NOW = new Date('2024-06-01T00:00:00Z');

const facts = customerFacts;

const input = (change: Partial<FitInput> = {}): FitInput => ({
  values: new Map(),
  facts: facts(),
  growth: undefined,
  profile: new Map(),
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
    expect(summary).toEqual({ buyers: 5, topCustomers: 3, values: 1 });
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
    expect(summary).toEqual({ buyers: 52, topCustomers: 52, values: 50 });
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
});
