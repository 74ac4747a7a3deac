import { expect, test } from 'vitest';
import { statementChunks } from './statement-chunks';

test('rows go 500 a statement, then the rest in powers of two, in order and each once', () => {
  const sizes = (n: number) => statementChunks(Array.from({ length: n }, (_, i) => i));
  expect(sizes(0)).toEqual([]);
  expect(sizes(1_000).map((chunk) => chunk.length)).toEqual([500, 500]);
  expect(sizes(1_499).map((chunk) => chunk.length)).toEqual([500, 500, 256, 128, 64, 32, 16, 2, 1]);
  expect(sizes(4_937).flat()).toEqual(Array.from({ length: 4_937 }, (_, i) => i));
});
