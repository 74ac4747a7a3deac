import { rm, writeFile } from 'node:fs/promises';

export interface Reject {
  readonly line: number;
  /** The CSV column at fault; empty when the whole row is. */
  readonly field: string;
  readonly reason: string;
}

/** The rows an import refused and why: one line per problem, so a row may appear twice. */
export class RejectReport {
  readonly #rejects: Reject[] = [];
  readonly #lines = new Set<number>();

  add(line: number, field: string, reason: string): void {
    this.#rejects.push({ line, field, reason });
    this.#lines.add(line);
  }

  /** How many rows were refused. */
  get rows(): number {
    return this.#lines.size;
  }

  has(line: number): boolean {
    return this.#lines.has(line);
  }

  get rejects(): readonly Reject[] {
    return this.#rejects;
  }

  /** Writes the report as CSV, or removes a stale one when nothing was refused. */
  async write(file: string): Promise<string | null> {
    if (this.#rejects.length === 0) {
      await rm(file, { force: true });
      return null;
    }
    const sorted = [...this.#rejects].sort((a, b) => a.line - b.line);
    const lines = sorted.map((r) => [String(r.line), r.field, r.reason].map(csvField).join(','));
    await writeFile(file, `line,field,reason\n${lines.join('\n')}\n`);
    return file;
  }
}

/** The reject report of `orders.csv` is `orders.rejects.csv`, beside it. */
export function rejectsFileOf(file: string): string {
  return /\.csv$/i.test(file) ? file.replace(/\.csv$/i, '.rejects.csv') : `${file}.rejects.csv`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
