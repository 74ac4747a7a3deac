import { describe, expect, test } from 'vitest';
import { readJsonBody } from './validation';

const post = (body: string) => new Request('http://plugin/x', { method: 'POST', body });

describe('readJsonBody', () => {
  test('parses JSON', async () => {
    expect(await readJsonBody(post('{"a":[1,2]}'))).toEqual({ a: [1, 2] });
  });

  test('a body that is not JSON names the root', async () => {
    await expect(readJsonBody(post('{a:'))).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: [{ path: '(root)', message: 'not JSON' }],
    });
  });

  test('a blank body is the given empty value, and not JSON without one', async () => {
    expect(await readJsonBody(post('  '), { empty: {} })).toEqual({});
    await expect(readJsonBody(post(''))).rejects.toMatchObject({ code: 'GX_ERR_VALIDATION' });
  });
});
