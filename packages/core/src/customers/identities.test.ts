import { expect, test } from 'vitest';
import { emailSchema, normaliseDomain, normaliseEmail, normalisePhone } from './identities';

test.each([
  ' Alice@Example.COM ',
  'a.b+c@x.co',
  "o'neil@pub.ie",
  'no-at-sign',
  'two@@x.com',
  'x@y',
  'trailing.@x.com',
  `${'a'.repeat(250)}@x.com`,
  '张伟@example.com',
])('the fast e-mail check agrees with the schema on %j', (input) => {
  const parsed = emailSchema.safeParse(input);
  expect(normaliseEmail(input)).toBe(parsed.success ? parsed.data : undefined);
});

test.each([
  ['https://www.Acme.com/about', 'acme.com'],
  ['ACME.COM.', 'acme.com'],
  ['例子.中国', 'xn--fsqu00a.xn--fiqs8s'],
  ['not a domain', undefined],
  ['localhost', undefined],
])('domain %j → %j', (input, expected) => {
  expect(normaliseDomain(input)).toBe(expected);
});

test.each([
  ['+86 138-0013-8000', '+8613800138000'],
  ['(010) 6552.9988', '01065529988'],
  ['12', undefined],
  ['call me', undefined],
])('phone %j → %j', (input, expected) => {
  expect(normalisePhone(input)).toBe(expected);
});
