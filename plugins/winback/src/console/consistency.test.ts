import type { CustomerCard, Locale, PageInput, TableBlock } from '@guanxi/core';
import { defined, expectJson, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Kit, openKit, tiered } from '../test-kit';

/**
 * What to do about a churned customer is win-back's rule alone (policyFor, by churn kind and
 * tier): tiering names no strategy for them, and the card and the worklist say the same.
 */
describe.each(testDialects())('one answer about a churned key customer on %s', (dialect) => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await openKit(dialect);
  });
  afterEach(() => kit.a.destroy());

  const card = async (customerId: number, locale: Locale = 'en'): Promise<CustomerCard> =>
    defined(await kit.a.t.core.context.card(kit.teamId, { customerId }, locale)).card;
  const panel = (shown: CustomerCard, plugin: string) =>
    defined(shown.panels.find((each) => each.plugin === plugin));
  const item = (shown: CustomerCard, plugin: string, label: string) =>
    panel(shown, plugin).items.find((each) => each.label === label)?.value;
  const worklistRow = async (customerId: number, locale: Locale = 'en') => {
    const input: PageInput = {
      locale,
      viewer: { userId: kit.a.userIds.manager, role: 'manager', actor: 'user:1' },
      query: {},
      purpose: 'page',
    };
    const { blocks } = await kit.a.t.core.console.render(kit.teamId, 'winback', 'worklist', input);
    return (blocks[3] as TableBlock).rows.find(
      (row) => (row.customer as { customerId: number }).customerId === customerId,
    );
  };

  test('a churned key customer is won back at all costs on the card and the worklist alike', async () => {
    const [important] = await tiered(kit);
    const key = defined(important);
    await kit.churn(key);
    for (const locale of ['en', 'zh-CN'] as const) {
      const shown = await card(key, locale);
      const everything = shown.panels.flatMap((each) => each.items.map((i) => i.value));
      expect(everything).not.toContain(
        locale === 'en' ? 'Risk customer: refuse or end' : '风险客户：拒绝或终止',
      );
      expect(panel(shown, 'tiering').nextBestAction).toBeUndefined();
      expect(shown.slots.tier?.strategy).toBeNull();
      expect(shown.slots.winback).toMatchObject({ status: 'churned', policy: 'all_costs' });
      const policy = item(shown, 'winback', locale === 'en' ? 'Recommended action' : '建议措施');
      expect(policy).toBe(locale === 'en' ? 'Win back at all costs' : '不惜代价挽回');
      expect(shown.nextBestAction).toMatchObject({ plugin: 'winback', priority: 70 });
      const row = defined(await worklistRow(key, locale));
      expect(row.policy).toBe(policy);
      expect(row.tier).toBe(locale === 'en' ? 'Key (important)' : '重要客户');
      expect(row.step).toBe(shown.nextBestAction?.label);
      expect(item(shown, 'winback', locale === 'en' ? 'Next step' : '下一步')).toContain(
        `${row.step}`,
      );
    }
  });

  test('a key customer lost to fraud is let go everywhere, and tiering still leaves it to win-back', async () => {
    const [, secondary] = await tiered(kit);
    const key = defined(secondary);
    await expectJson(
      await kit.rep('POST', '/signals', {
        customerId: key,
        kind: 'fraud',
        note: 'bounced cheques',
      }),
      201,
    );
    await kit.churn(key);
    const shown = await card(key);
    expect(shown.slots.winback).toMatchObject({ kind: 'malicious', policy: 'let_go' });
    expect(item(shown, 'winback', 'Recommended action')).toBe('Let go');
    expect(item(shown, 'tiering', 'Strategy')).toBe('Churned: the win-back plan says what to do');
    expect(await worklistRow(key)).toBeUndefined();
  });
});
