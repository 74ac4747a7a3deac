import type { Core, Role } from '@guanxi/core';
import { callPluginRoute, type ManualClock } from '@guanxi/testing';
import { log, pick } from './support';

/** What the reports read besides orders, made through the plugins' routes as a team would. */
export interface ReportData {
  readonly complaints: number;
  readonly surveys: number;
  readonly attitudes: number;
  readonly discounts: number;
  readonly churns: number;
}

const CAUSES = ['product_quality', 'service_attitude', 'deception', 'other'] as const;
const REPORT_YEAR_MS = 365 * 86_400_000;

/**
 * Complaints (some worked to the end), CSAT and NPS surveys with every item, attitude surveys,
 * discount flags and churns (a tenth won back), spread over the year before `end`, each made
 * through the plugin's own route or the core at that time on the clock.
 */
export async function seedReportData(
  core: Core,
  clock: ManualClock,
  teamId: number,
  customers: readonly number[],
  orders: readonly number[],
  counts: ReportData,
  end: number,
  random: () => number,
): Promise<void> {
  const send = async (plugin: string, path: string, body: unknown, role: Role = 'manager') => {
    const res = await callPluginRoute(core, teamId, plugin, 'POST', path, body, {
      actor: 'bench',
      role,
      locale: 'en',
    });
    return (await res.json()) as { id: number };
  };
  const someTime = () => end - Math.floor(random() * REPORT_YEAR_MS);

  for (let i = 0; i < counts.complaints; i++) {
    const opened = someTime();
    clock.set(new Date(opened));
    const { id } = await send('service', '/complaints', {
      customerId: pick(customers, random),
      cause: pick(CAUSES, random),
      summary: `Bench complaint ${i}`,
    });
    if (i % 3 === 0) continue;
    clock.set(new Date(opened + 3_600_000));
    if (i % 5 === 0) {
      await send('service', `/complaints/${id}/steps`, {
        to: 'recorded',
        valid: false,
        note: 'no',
      });
      continue;
    }
    await send('service', `/complaints/${id}/steps`, { to: 'recorded', valid: true });
    clock.set(new Date(opened + 30 * 3_600_000));
    await send('service', `/complaints/${id}/steps`, { to: 'remedy_proposed', remedy: 'fix' });
  }
  log(`complaints: ${counts.complaints}`);

  clock.set(new Date(end));
  for (let i = 0; i < counts.surveys; i++) {
    const score = 1 + Math.floor(random() * 5);
    await send('service', '/surveys', {
      customerId: pick(customers, random),
      kind: i % 2 === 0 ? 'csat' : 'nps',
      score: i % 2 === 0 ? score : score * 2,
      items: { trust: score, satisfaction: score, commitment: 6 - score, friendship: 3 },
      byName: score > 2,
      needsMet: score * 20,
      walletShare: Math.floor(random() * 100),
      answeredAt: new Date(someTime()).toISOString(),
    });
  }
  log(`surveys: ${counts.surveys}`);

  for (let i = 0; i < counts.attitudes; i++) {
    clock.set(new Date(someTime()));
    await send('loyalty', '/attitudes', {
      customerId: pick(customers, random),
      score: 1 + Math.floor(random() * 5),
      choosingDays: Math.floor(random() * 30),
      competitors: 1 + Math.floor(random() * 5),
      qualityTolerance: 1 + Math.floor(random() * 5),
    });
  }
  for (let i = 0; i < counts.discounts; i++) {
    clock.set(new Date(someTime()));
    await send('loyalty', `/orders/${pick(orders, random)}/discount`, { discounted: i % 3 !== 0 });
  }
  log(`attitudes: ${counts.attitudes}, discount flags: ${counts.discounts}`);

  for (let i = 0; i < counts.churns; i++) {
    const customerId = customers[i * 7] as number;
    const churned = someTime();
    clock.set(new Date(churned));
    await core.lifecycle.transition(teamId, customerId, {
      to: 'churned',
      reason: 'stopped buying',
      actor: 'bench',
    });
    if (i % 10 !== 0) continue;
    await core.orders.record(teamId, [
      {
        customerId,
        amount: 10_000,
        placedAt: new Date(churned + 86_400_000).toISOString(),
        externalId: `back-${i}`,
      },
    ]);
  }
  log(`churns: ${counts.churns}`);
  clock.set(new Date(end));
}
