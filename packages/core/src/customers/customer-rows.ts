import type { Selectable } from 'kysely';
import type { RelationshipStage } from '../lifecycle/stages';
import type { CustomerIdentitiesTable, CustomersTable } from '../storage/schema';
import type { Customer, Identity } from './customer';

export function toCustomer(row: Selectable<CustomersTable>): Customer {
  return {
    id: row.id,
    teamId: row.team_id,
    kind: row.kind,
    name: row.name,
    stage: row.stage,
    relationshipStage: row.relationship_stage as RelationshipStage | null,
    companyId: row.company_id,
    ownerUserId: row.owner_user_id,
    externalRef: row.external_ref,
    attributes: JSON.parse(row.attributes),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    stageChangedAt: row.stage_changed_at,
  };
}

export function toIdentity(
  row: Pick<Selectable<CustomerIdentitiesTable>, 'customer_id' | 'kind' | 'value'>,
): Identity {
  return { customerId: row.customer_id, kind: row.kind, value: row.value };
}
