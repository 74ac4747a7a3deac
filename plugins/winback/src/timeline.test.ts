import { defined, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Kit, openKit } from './test-kit';

describe.each(testDialects())('win-back in the customer’s timeline on %s', (dialect) => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await openKit(dialect);
  });
  afterEach(() => kit.a.destroy());

  test('the churn, the steps done and the win back, newest first, in both languages', async () => {
    const id = await kit.customer('Acme', [30]);
    await kit.churn(id);
    const playbookId = defined((await kit.playbooks(id))[0]).id;
    kit.a.t.clock.advance({ hours: 2 });
    await kit.rep('POST', `/playbooks/${playbookId}/steps/1/done`, { note: 'moved to Suzhou' });
    kit.a.t.clock.advance({ hours: 2 });
    await kit.a.t.core.orders.record(kit.teamId, [
      { customerId: id, amount: 5_000, placedAt: kit.a.t.clock.now().toISOString() },
    ]);
    const timeline = (locale: 'en' | 'zh-CN') =>
      kit.a.t.core.console.timeline(kit.teamId, { customerId: id, limit: 10, locale });
    const en = await timeline('en');
    expect(en.every((entry) => entry.kind === 'winback' && entry.plugin === 'winback')).toBe(true);
    expect(en.map((entry) => entry.text)).toEqual([
      'Won back',
      'Step 1 done: Find out why they left (moved to Suzhou)',
      expect.stringMatching(/^Churned: .+; .+$/),
    ]);
    expect((await timeline('zh-CN'))[1]?.text).toBe('第 1 步完成：调查流失原因（moved to Suzhou）');
  });
});
