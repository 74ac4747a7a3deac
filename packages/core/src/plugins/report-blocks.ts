import type { Block, TableBlock } from './console';
import type { Locale } from './define-plugin';
import { percentText, type ReportRange, rangeFields, shareOf } from './report-range';

/** One measure of a report's measures table: its value, what it rests on and where it comes from. */
export interface MeasureRow {
  readonly label: string;
  readonly value: string;
  /** How many answers, buyers or orders the value is drawn from. */
  readonly basis: string;
  /** Where the figures come from: surveys, orders, a plugin's records. */
  readonly source: string;
}

const MEASURE_COLUMNS = {
  en: { label: 'Measure', value: 'Value', basis: 'Basis', source: 'Source' },
  'zh-CN': { label: '指标', value: '数值', basis: '依据', source: '来源' },
} as const;

/** One part of a breakdown of customers: how many, and what it means. */
export interface ShareRow {
  readonly label: string;
  readonly customers: number;
  readonly meaning: string;
}

const SHARE_COLUMNS = {
  en: { customers: 'Customers', share: 'Share', meaning: 'What it means' },
  'zh-CN': { customers: '客户数', share: '占比', meaning: '含义' },
} as const;

/** What every report opens with: the rule it measures, then its range as filters. */
export function reportOpening(rule: string, range: ReportRange, locale: Locale): Block[] {
  return [
    { kind: 'rule', text: rule },
    { kind: 'filters', fields: rangeFields(range, locale) },
  ];
}

/** A report's measures as a table: each with its value, basis and source. */
export function measureTable(
  table: { readonly id: string; readonly title: string; readonly caption?: string },
  rows: readonly MeasureRow[],
  locale: Locale,
): TableBlock {
  const words = MEASURE_COLUMNS[locale];
  return {
    kind: 'table',
    ...table,
    columns: [
      { key: 'label', label: words.label },
      { key: 'value', label: words.value, numeric: true },
      { key: 'basis', label: words.basis },
      { key: 'source', label: words.source },
    ],
    rows: rows.map((row) => ({ ...row })),
  };
}

/** Customers broken down into parts (kinds of loyalty, say): each part's count, share and meaning. */
export function shareTable(
  table: { readonly id: string; readonly title: string; readonly caption?: string },
  heading: string,
  rows: readonly ShareRow[],
  locale: Locale,
): TableBlock {
  const words = SHARE_COLUMNS[locale];
  const total = rows.reduce((sum, row) => sum + row.customers, 0);
  return {
    kind: 'table',
    ...table,
    columns: [
      { key: 'label', label: heading },
      { key: 'customers', label: words.customers, numeric: true },
      { key: 'share', label: words.share, numeric: true },
      { key: 'meaning', label: words.meaning },
    ],
    rows: rows.map((row) => ({
      label: row.label,
      customers: row.customers,
      share: percentText(shareOf(row.customers, total)),
      meaning: row.meaning,
    })),
  };
}
