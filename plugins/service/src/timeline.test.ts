import { testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Kit, openKit } from './test-kit';

describe.each(testDialects())('complaints and surveys in the timeline on %s', (dialect) => {
  let k: Kit;
  beforeEach(async () => {
    k = await openKit(dialect);
  });
  afterEach(() => k.t.destroy());

  test('each step of a complaint, and each survey, in the reader’s language', async () => {
    const acme = await k.customer('Acme');
    const other = await k.customer('Other');
    const complaint = await k.open({
      customerId: acme,
      cause: 'product_quality',
      summary: 'Cracked casing',
      channel: 'phone',
    });
    await k.open({ customerId: other, cause: 'deception', summary: 'Not ours', channel: 'phone' });
    k.t.clock.advance({ hours: 1 });
    await k.step(complaint.id, { to: 'recorded', valid: true, note: 'batch 12' });
    k.t.clock.advance({ hours: 1 });
    await k.call('POST', '/surveys', {
      customerId: acme,
      kind: 'csat',
      score: 4,
      answeredAt: '2024-06-01T01:30:00Z',
    });
    const timeline = (locale: 'en' | 'zh-CN', range: { from?: string } = {}) =>
      k.t.core.console.timeline(k.teamId, { customerId: acme, limit: 10, locale, ...range });
    expect((await timeline('en')).map((entry) => [entry.kind, entry.text])).toEqual([
      ['survey', 'CSAT survey answered: 4'],
      ['complaint', `Complaint #${complaint.id} recorded and judged: batch 12`],
      ['complaint', `Complaint #${complaint.id} (product quality): Cracked casing`],
    ]);
    expect((await timeline('zh-CN')).map((entry) => entry.text)).toEqual([
      'CSAT 调查得分：4',
      `投诉 #${complaint.id} 已记录并判定：batch 12`,
      `投诉 #${complaint.id}（产品质量）：Cracked casing`,
    ]);
    const later = await timeline('en', { from: '2024-06-01T00:30:00.000Z' });
    expect(later.map((entry) => entry.kind)).toEqual(['survey', 'complaint']);
  });
});
