import {
  type PageDefinition,
  percentText,
  reportOpening,
  reportRange,
  shareOf,
  type TableColumn,
} from '@guanxi/core';
import { STEPS } from '../complaints/complaint';
import type { ServiceConfig } from '../config';
import { CAUSE_LABELS, STEP_LABELS } from '../labels';
import { allCauses, type CauseFigures, complaintFigures, meanHours } from './complaint-figures';
import { REPORT_PHRASES } from './phrases';

/**
 * Complaints by cause and by the step of the four each has reached, with the time to close:
 * the rule, the range, the figures, a chart by cause and the table behind it.
 */
export const complaintsReport: PageDefinition<ServiceConfig> = {
  path: 'complaints-report',
  title: {
    en: REPORT_PHRASES.en.complaintsTitle,
    'zh-CN': REPORT_PHRASES['zh-CN'].complaintsTitle,
  },
  roles: ['manager', 'admin'],
  async render({ locale, query }, ctx) {
    const words = REPORT_PHRASES[locale];
    const range = reportRange(query, ctx.timeZone, ctx.clock.now());
    const causes = await complaintFigures(ctx, range);
    const all = allCauses(causes);
    const row = (label: string, figures: Omit<CauseFigures, 'cause'>) => ({
      cause: label,
      opened: figures.opened,
      ...figures.atStep,
      overdue: figures.overdue,
      hours: meanHours(figures),
    });
    const columns: TableColumn[] = [
      { key: 'cause', label: words.cause },
      { key: 'opened', label: words.opened, numeric: true },
      ...STEPS.map((step) => ({ key: step, label: STEP_LABELS[step][locale], numeric: true })),
      { key: 'overdue', label: words.overdue, numeric: true },
      { key: 'hours', label: words.hoursToClose, numeric: true },
    ];
    return {
      blocks: [
        ...reportOpening(words.complaintsRule, range, locale),
        {
          kind: 'stats',
          items: [
            { label: words.opened, value: all.opened },
            { label: words.openNow, value: all.opened - all.closed },
            { label: words.overdue, value: all.overdue },
            { label: words.judgedValid, value: percentText(shareOf(all.valid, all.judged)) },
            {
              label: words.hoursToClose,
              value: words.hours(meanHours(all)),
              hint: words.hoursHint,
            },
          ],
        },
        {
          kind: 'chart',
          chart: 'bar',
          title: words.chart,
          caption: words.chartCaption,
          labels: causes.map((figures) => CAUSE_LABELS[figures.cause][locale]),
          series: [
            { name: words.stillOpen, values: causes.map((f) => f.opened - f.closed) },
            { name: words.closed, values: causes.map((f) => f.closed) },
          ],
        },
        {
          kind: 'table',
          id: 'by-cause',
          title: words.byCause,
          caption: words.byCauseCaption,
          columns,
          rows:
            all.opened === 0
              ? []
              : [
                  ...causes.map((figures) => row(CAUSE_LABELS[figures.cause][locale], figures)),
                  row(words.allCauses, all),
                ],
          empty: words.noComplaints,
        },
      ],
    };
  },
};
