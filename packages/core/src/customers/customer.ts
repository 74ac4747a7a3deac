import type { RelationshipStage, Stage } from '../lifecycle/stages';
import type { CustomerKind, IdentityKind } from '../storage/schema';

export type { CustomerKind, IdentityKind };

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** One fact about a customer and where it came from (DOMAIN §2: every fact carries its source). */
export interface AttributeFact {
  readonly value: JsonValue;
  readonly source: FactSource;
  readonly recordedAt: string;
}

export interface Customer {
  readonly id: number;
  readonly teamId: number;
  readonly kind: CustomerKind;
  readonly name: string;
  readonly stage: Stage;
  readonly relationshipStage: RelationshipStage | null;
  readonly companyId: number | null;
  readonly ownerUserId: number | null;
  readonly externalRef: string | null;
  readonly attributes: Readonly<Record<string, AttributeFact>>;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly stageChangedAt: string;
}

export interface Identity {
  readonly customerId: number;
  readonly kind: IdentityKind;
  readonly value: string;
}

export interface CustomerWithIdentities extends Customer {
  readonly identities: readonly Identity[];
}

/** The item of `customer:updated`: the customer after the change and which fields changed. */
export interface CustomerChange {
  readonly customer: Customer;
  readonly changed: readonly string[];
}

/** Direct sources are the company's own contact points; indirect ones are third parties. */
export const DIRECT_SOURCES = [
  'survey',
  'marketing',
  'service',
  'point_of_sale',
  'fair',
  'website',
  'call_centre',
  'complaint',
  'sales_rep',
] as const;
export const INDIRECT_SOURCES = ['media', 'registry', 'bank', 'data_vendor', 'partner'] as const;
export const FACT_SOURCES = [...DIRECT_SOURCES, ...INDIRECT_SOURCES, 'import'] as const;
export type FactSource = (typeof FACT_SOURCES)[number];
