import { z } from 'zod';
import type { Stage } from '../storage/schema';

export type { Stage };

/** Lifecycle states by distance from the company (DOMAIN §1). */
export const STAGES = ['potential', 'target', 'active', 'churned', 'non_customer'] as const;

export const stageSchema = z.enum(STAGES);

/** Stages a recorded order moves to `active`; churned → active is a win-back. */
export const STAGES_ACTIVATED_BY_ORDER: readonly Stage[] = ['potential', 'target', 'churned'];

/** Development stages inside a relationship (seed 004): awareness → interest → emotion. */
export const RELATIONSHIP_STAGES = ['awareness', 'interest', 'emotion'] as const;
export type RelationshipStage = (typeof RELATIONSHIP_STAGES)[number];
export const relationshipStageSchema = z.enum(RELATIONSHIP_STAGES);
