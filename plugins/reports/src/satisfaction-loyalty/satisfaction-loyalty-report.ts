import {
  type PageDefinition,
  percentText,
  reportOpening,
  reportRange,
  shareOf,
  shareTable,
} from '@guanxi/core';
import { sourcesOf } from '../sources';
import { COMBINATIONS, type Combination, SATISFACTION_LOYALTY_PHRASES } from './phrases';

/** A customer whose mean CSAT over the range is at least this is satisfied. */
const SATISFIED_AT = 4;

/**
 * Satisfaction against loyalty: the customers who answered a CSAT survey in the range (from
 * the service plugin), each satisfied or not, against whether the loyalty plugin counts them
 * loyal by their buying; the four combinations, charted and tabled.
 */
export const satisfactionLoyaltyReport: PageDefinition<unknown> = {
  path: 'satisfaction-loyalty',
  title: {
    en: SATISFACTION_LOYALTY_PHRASES.en.title,
    'zh-CN': SATISFACTION_LOYALTY_PHRASES['zh-CN'].title,
  },
  roles: ['manager', 'admin'],
  async render({ locale, query }, ctx) {
    const words = SATISFACTION_LOYALTY_PHRASES[locale];
    const range = reportRange(query, ctx.timeZone, ctx.clock.now());
    const { service, loyalty } = await sourcesOf(ctx);
    if (service === undefined || loyalty === undefined) {
      return {
        blocks: [...reportOpening(words.rule, range, locale), { kind: 'text', text: words.off }],
      };
    }
    const csat = await service.csatByCustomer(range);
    const loyal = await loyalty.loyal([...csat.keys()]);
    const counts: Record<Combination, number> = {
      satisfied_loyal: 0,
      satisfied_not_loyal: 0,
      dissatisfied_loyal: 0,
      dissatisfied_not_loyal: 0,
    };
    for (const [customerId, mean] of csat) {
      const satisfied = mean >= SATISFIED_AT ? 'satisfied' : 'dissatisfied';
      counts[`${satisfied}_${loyal.get(customerId) === true ? 'loyal' : 'not_loyal'}`] += 1;
    }
    const surveyed = csat.size;
    return {
      blocks: [
        ...reportOpening(words.rule, range, locale),
        {
          kind: 'stats',
          items: [
            { label: words.surveyed, value: surveyed },
            {
              label: words.satisfiedShare,
              value: percentText(
                shareOf(counts.satisfied_loyal + counts.satisfied_not_loyal, surveyed),
              ),
            },
            {
              label: words.loyalShare,
              value: percentText(
                shareOf(counts.satisfied_loyal + counts.dissatisfied_loyal, surveyed),
              ),
            },
          ],
        },
        {
          kind: 'chart',
          chart: 'bar',
          title: words.chart,
          caption: words.chartCaption,
          labels: [words.satisfied, words.dissatisfied],
          series: [
            { name: words.loyal, values: [counts.satisfied_loyal, counts.dissatisfied_loyal] },
            {
              name: words.notLoyal,
              values: [counts.satisfied_not_loyal, counts.dissatisfied_not_loyal],
            },
          ],
        },
        shareTable(
          { id: 'combinations', title: words.table },
          words.combination,
          COMBINATIONS.map((combination) => ({
            label: words.labels[combination],
            customers: counts[combination],
            meaning: words.meanings[combination],
          })),
          locale,
        ),
      ],
    };
  },
};
