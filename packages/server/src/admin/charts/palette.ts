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

/** One band or bar of a chart: its label, its figure, and an optional second line. */
export interface Band {
  /** A stable name for tests and styles (`data-key`): a stage, a tier. */
  readonly key?: string;
  readonly label: string;
  readonly value: number;
  readonly note?: string;
}
