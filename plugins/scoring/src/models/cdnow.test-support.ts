import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Purchase } from './summary';

/**
 * The CDNOW data of Fader & Hardie (brucehardie.com, note 026), read from the shared data folder
 * rather than copied into the repository.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The CDNOW folder: `GUANXI_CDNOW_DIR`, else `../shared/data/cdnow` beside the repository. */
export function cdnowDir(): string {
  const dir = process.env.GUANXI_CDNOW_DIR ?? path.resolve(repoRoot, '../shared/data/cdnow');
  if (!existsSync(path.join(dir, 'CDNOW_sample.txt'))) {
    throw new Error(
      `CDNOW data not found in ${dir}: set GUANXI_CDNOW_DIR to the folder holding CDNOW_master.txt, ` +
        'CDNOW_sample.txt and the cdnow_customers_summary*.csv files',
    );
  }
  return dir;
}

/** The calibration period of the published CDNOW analyses ends on this day (week 39). */
export const CDNOW_CALIBRATION_END = '1997-09-30';

function lines(file: string): string[] {
  return readFileSync(path.join(cdnowDir(), file), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function isoDate(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** The 1/10 sample (2,357 customers), customers named by their sample id as the summaries use. */
export function readCdnowSample(): Purchase[] {
  return lines('CDNOW_sample.txt').map((line) => {
    const [, sampleId, date, , dollars] = line.split(/\s+/) as [
      string,
      string,
      string,
      string,
      string,
    ];
    return { customer: String(Number(sampleId)), at: isoDate(date), amount: Number(dollars) };
  });
}

/** The whole cohort (23,570 customers). */
export function readCdnowMaster(): Purchase[] {
  return lines('CDNOW_master.txt')
    .slice(1)
    .map((line) => {
      const [id, date, , dollars] = line.split(/\s+/) as [string, string, string, string];
      return { customer: String(Number(id)), at: isoDate(date), amount: Number(dollars) };
    });
}

/** A published summary row: x, t_x and T in weeks, and the mean repeat spend where given. */
export interface PublishedSummary {
  id: string;
  frequency: number;
  recency: number;
  T: number;
  zbar?: number;
}

/** `cdnow_customers_summary.csv` (ID, frequency, recency, T) keyed by ID. */
export function readCdnowSummary(): Map<string, PublishedSummary> {
  return readCsv('cdnow_customers_summary.csv', ([id, x, tx, t]) => ({
    id: id as string,
    frequency: Number(x),
    recency: Number(tx),
    T: Number(t),
  }));
}

/** `cdnow_customers_summary_with_transactions.csv` (ID, x, t_x, T, zbar) keyed by ID. */
export function readCdnowSummaryWithSpend(): Map<string, PublishedSummary> {
  return readCsv('cdnow_customers_summary_with_transactions.csv', ([id, x, tx, t, zbar]) => ({
    id: id as string,
    frequency: Number(x),
    recency: Number(tx),
    T: Number(t),
    zbar: Number(zbar),
  }));
}

function readCsv(
  file: string,
  row: (cells: string[]) => PublishedSummary,
): Map<string, PublishedSummary> {
  const rows = lines(file)
    .slice(1)
    .map((line) => row(line.split(',')));
  return new Map(rows.map((r) => [r.id, r]));
}
