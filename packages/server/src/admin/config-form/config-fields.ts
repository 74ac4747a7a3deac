import { z } from 'zod';

/** Every form field is named `config.<path>`, the path the core's validation issues use. */
const CONFIG_PREFIX = 'config';

export type Option = string | number | boolean | null;

interface BaseField {
  /** The property's key in its parent object. */
  readonly key: string;
  /** The form field's name: `config.shares.key`. */
  readonly name: string;
  readonly label: string;
  readonly hint: string | undefined;
  /** Neither required nor defaulted: an empty input leaves the property out. */
  readonly optional: boolean;
  /** An empty input sends null. */
  readonly nullable: boolean;
}

export type ConfigField =
  | (BaseField & {
      readonly kind: 'number';
      readonly integer: boolean;
      readonly min: number | undefined;
      readonly max: number | undefined;
    })
  | (BaseField & { readonly kind: 'text'; readonly maxLength: number | undefined })
  | (BaseField & { readonly kind: 'select'; readonly options: readonly Option[] })
  | (BaseField & { readonly kind: 'checkbox' })
  | (BaseField & { readonly kind: 'json' })
  | (BaseField & { readonly kind: 'group'; readonly fields: readonly ConfigField[] });

/** The parts of JSON Schema that zod writes for the schemas a config form can show. */
interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly enum?: readonly Option[];
  readonly const?: Option;
  readonly anyOf?: readonly JsonSchema[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly maxLength?: number;
  readonly title?: string;
  readonly description?: string;
  readonly default?: unknown;
}

const cache = new WeakMap<z.ZodType, readonly ConfigField[]>();

/** The fields of a plugin's config form, read once per schema from its JSON Schema. */
export function configFields(schema: z.ZodType): readonly ConfigField[] {
  let fields = cache.get(schema);
  if (fields === undefined) {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    fields = json.properties === undefined ? [] : objectFields(json, [CONFIG_PREFIX]);
    cache.set(schema, fields);
  }
  return fields;
}

function objectFields(schema: JsonSchema, path: readonly string[]): ConfigField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([key, property]) =>
    fieldOf(key, property, [...path, key], required.has(key)),
  );
}

/** `maxDays` and `max_days` read as "Max days". */
function labelOf(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

/** `T | null`, written as a type list or as anyOf, as T, remembering that null is allowed. */
function withoutNull(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  if (Array.isArray(schema.type) && schema.type.length === 2 && schema.type.includes('null')) {
    return { schema: { ...schema, type: schema.type.find((t) => t !== 'null') }, nullable: true };
  }
  const branches = schema.anyOf?.filter((branch) => branch.type !== 'null');
  if (branches?.length === 1 && schema.anyOf?.length === 2) {
    return { schema: { ...schema, ...branches[0], anyOf: undefined }, nullable: true };
  }
  return { schema, nullable: false };
}

function fieldOf(key: string, raw: JsonSchema, path: string[], required: boolean): ConfigField {
  const { schema, nullable } = withoutNull(raw);
  const base: BaseField = {
    key,
    name: path.join('.'),
    label: schema.title ?? labelOf(key),
    hint: schema.description,
    optional: !required && raw.default === undefined,
    nullable,
  };
  if (schema.enum !== undefined) return { ...base, kind: 'select', options: schema.enum };
  if (schema.const !== undefined) return { ...base, kind: 'select', options: [schema.const] };
  switch (schema.type) {
    case 'number':
    case 'integer':
      return {
        ...base,
        kind: 'number',
        integer: schema.type === 'integer',
        min: schema.minimum,
        max: schema.maximum,
      };
    case 'string':
      return { ...base, kind: 'text', maxLength: schema.maxLength };
    case 'boolean':
      return { ...base, kind: 'checkbox' };
    case 'object':
      if (schema.properties !== undefined) {
        return { ...base, kind: 'group', fields: objectFields(schema, path) };
      }
      return { ...base, kind: 'json' };
    default:
      return { ...base, kind: 'json' };
  }
}
