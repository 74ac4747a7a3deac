import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Purchase } from '@guanxi/plugin-scoring/models';

/**
 * The CDNOW purchase log of Fader & Hardie (brucehardie.com, note 026), read where it lies:
 * `GUANXI_CDNOW_DIR`, else `../shared/data/cdnow` beside the repository. It is never copied in.
 */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const cdnowDir = process.env.GUANXI_CDNOW_DIR ?? resolve(repoRoot, '../shared/data/cdnow');

/** Each line's customer, day and dollars; `idColumn` is where the customer id is. */
function purchases(file: string, idColumn: number, skip: number): Purchase[] {
  const lines = readFileSync(join(cdnowDir, file), 'utf8').trim().split('\n').slice(skip);
  return lines.map((line) => {
    const columns = line.trim().split(/\s+/);
    const [date = '', , dollars = '0'] = columns.slice(idColumn + 1);
    const at = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
    return { customer: String(Number(columns[idColumn])), at, amount: Number(dollars) };
  });
}

/** The 1/10 sample (2,357 customers), customers named by their sample id. */
export const readCdnowSample = (): Purchase[] => purchases('CDNOW_sample.txt', 1, 0);

/** The whole cohort (23,570 customers). */
export const readCdnowMaster = (): Purchase[] => purchases('CDNOW_master.txt', 0, 1);
