import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { configFields } from './config-form/config-fields';
import { readConfigForm } from './config-form/read-config-form';

const schema = z.object({
  days: z.number().int().min(1).default(30),
  ratio: z.number().nullable().default(null),
  kind: z.enum(['a', 'b']).optional(),
  note: z.string().optional(),
  strict: z.boolean().default(true),
  tags: z.array(z.string()).default([]),
  nested: z.object({ maxDays: z.number().default(7).meta({ title: 'Longest wait' }) }).prefault({}),
});

describe('config form fields', () => {
  test('walk the JSON Schema: numbers, enums, strings, booleans, JSON and fieldsets', () => {
    const fields = configFields(schema);
    expect(fields.map((f) => [f.name, f.kind, f.optional, f.nullable])).toEqual([
      ['config.days', 'number', false, false],
      ['config.ratio', 'number', false, true],
      ['config.kind', 'select', true, false],
      ['config.note', 'text', true, false],
      ['config.strict', 'checkbox', false, false],
      ['config.tags', 'json', false, false],
      ['config.nested', 'group', false, false],
    ]);
    const nested = fields.at(-1);
    expect(nested?.kind === 'group' && nested.fields[0]).toMatchObject({
      name: 'config.nested.maxDays',
      label: 'Longest wait',
    });
    expect(configFields(schema)).toBe(fields);
  });

  test('read a submitted form back into a config, typed by its fields', () => {
    const fields = configFields(schema);
    expect(
      readConfigForm(fields, {
        'config.days': '12',
        'config.ratio': '',
        'config.kind': '',
        'config.note': '',
        'config.tags': '["x"]',
        'config.nested.maxDays': 'soon',
      }),
    ).toEqual({ days: 12, ratio: null, strict: false, tags: ['x'], nested: { maxDays: 'soon' } });
    expect(
      schema.safeParse(readConfigForm(fields, { 'config.days': '3', 'config.strict': 'on' })),
    ).toMatchObject({ success: true, data: { days: 3, strict: true, nested: { maxDays: 7 } } });
  });
});
