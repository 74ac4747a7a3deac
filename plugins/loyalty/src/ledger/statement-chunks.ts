const FULL = 500;

/**
 * Splits rows into chunks for prepared batches: 500 rows, then what is left in powers of two
 * (256, 128, … 1). A prepared batch is compiled and prepared once per number of rows, so a few
 * sizes serve every batch instead of a new one for almost every remainder.
 */
export function statementChunks<T>(rows: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let start = 0;
  for (let size = FULL; start < rows.length; ) {
    if (rows.length - start >= size) {
      chunks.push(rows.slice(start, start + size));
      start += size;
    } else {
      size = size === FULL ? 256 : size / 2;
    }
  }
  return chunks;
}
