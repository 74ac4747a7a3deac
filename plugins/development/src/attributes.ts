import type { Customer } from '@guanxi/core';
import type { SizeBand } from './config';
import type { DevelopmentContext } from './tables';

/** A customer's attribute values as text, a person's own over their company's. */
export type AttributeValues = ReadonlyMap<string, string>;

function textOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' ? undefined : text;
}

function valuesOf(customer: Customer | undefined): Map<string, string> {
  const values = new Map<string, string>();
  for (const [key, fact] of Object.entries(customer?.attributes ?? {})) {
    const text = textOf(fact.value);
    if (text !== undefined) values.set(key, text);
  }
  return values;
}

/**
 * Reads customers' attribute values, each with what its company says filled in where the
 * person says nothing (a buyer's industry is their employer's). Companies are read once.
 */
export function attributeReader(ctx: DevelopmentContext) {
  const companies = new Map<number, Promise<Customer | undefined>>();
  const company = (id: number) => {
    let found = companies.get(id);
    if (found === undefined) {
      found = ctx.core.customers.find(ctx.teamId, id);
      companies.set(id, found);
    }
    return found;
  };
  return async (customer: Customer): Promise<AttributeValues> => {
    const own = valuesOf(customer);
    if (customer.companyId === null) return own;
    const inherited = valuesOf(await company(customer.companyId));
    for (const [key, value] of own) inherited.set(key, value);
    return inherited;
  };
}

/**
 * The index of a size band: a band id (any case), or a headcount placed in the first band
 * whose most employees it does not pass. Undefined for anything else.
 */
export function sizeIndex(
  value: string | undefined,
  sizes: readonly SizeBand[],
): number | undefined {
  if (value === undefined) return undefined;
  const byId = sizes.findIndex((size) => size.id === value.toLowerCase());
  if (byId >= 0) return byId;
  if (!/^\d+$/.test(value)) return undefined;
  const employees = Number(value);
  const band = sizes.findIndex(
    (size) => size.maxEmployees === undefined || employees <= size.maxEmployees,
  );
  return band < 0 ? sizes.length - 1 : band;
}
