import { z } from 'zod';
import type { RelationshipQuality } from './measures/compute';

/** One open complaint as the card shows it, in the caller's language. */
export interface OpenComplaintSlot {
  readonly id: number;
  readonly cause: string;
  readonly causeLabel: string;
  readonly step: string;
  readonly stepLabel: string;
  readonly dueAt: string | null;
  readonly overdue: boolean;
  /** "3 h left" or "overdue by 2 h". */
  readonly timeLeft: string;
}

export interface ComplaintsSlot {
  readonly open: readonly OpenComplaintSlot[];
}

declare module '@guanxi/core' {
  interface CardSlots {
    complaints?: ComplaintsSlot;
    relationshipQuality?: RelationshipQuality;
  }
}

export const complaintsSlotSchema: z.ZodType<ComplaintsSlot> = z
  .strictObject({
    open: z.array(
      z.strictObject({
        id: z.number().int(),
        cause: z.string(),
        causeLabel: z.string(),
        step: z.string(),
        stepLabel: z.string(),
        dueAt: z.string().nullable(),
        overdue: z.boolean(),
        timeLeft: z.string().meta({ description: '"3 h left" or "overdue by 2 h"' }),
      }),
    ),
  })
  .meta({ id: 'ComplaintsSlot', description: 'The customer’s open complaints' });

export const relationshipQualitySchema: z.ZodType<RelationshipQuality> = z
  .strictObject({
    trust: z.number().nullable(),
    satisfaction: z.number().nullable(),
    commitment: z.number().nullable(),
    friendship: z.number().nullable(),
    basis: z.number().int().meta({ description: 'Surveys or customers the gauges are drawn from' }),
  })
  .meta({ id: 'RelationshipQuality', description: 'Survey gauges, 1 to 5; null without answers' });
