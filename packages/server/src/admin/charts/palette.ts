/** Colours of a chart's bands or series, in order; a chart with more reuses them. */
export const PALETTE = [
  '#7a271a',
  '#b42318',
  '#f97066',
  '#fecdca',
  '#1d4ed8',
  '#93c5fd',
  '#f59e0b',
];

export function colourOf(index: number): string {
  return PALETTE[index % PALETTE.length] as string;
}

/** Series side by side want colours far apart: red, blue, amber, then the others. */
const SERIES_ORDER = [1, 4, 6, 0, 5, 2, 3];

export function seriesColourOf(index: number): string {
  return colourOf(SERIES_ORDER[index % SERIES_ORDER.length] as number);
}

/** Lines after the first are dashed, so they differ by more than colour. */
export function dashOf(index: number): string | undefined {
  return index === 0 ? undefined : ['6 4', '2 3', '10 3 2 3'][(index - 1) % 3];
}

/** One band or bar of a chart: its label, its figure, and an optional second line. */
export interface Band {
  /** A stable name for tests and styles (`data-key`): a stage, a tier. */
  readonly key?: string;
  readonly label: string;
  readonly value: number;
  readonly note?: string;
}
