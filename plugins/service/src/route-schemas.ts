import { z } from 'zod';
import { relationshipQualitySchema } from './card-slots';
import { CAUSES, type Complaint, STEPS, TIERS } from './complaints/complaint';
import type { CustomerMeasures, TeamMeasures } from './measures/measures';
import type { Survey } from './surveys/survey';

const id = z.number().int().positive();

export const complaintSchema: z.ZodType<Complaint> = z
  .strictObject({
    id,
    customerId: id,
    cause: z.enum(CAUSES),
    summary: z.string(),
    channel: z.string(),
    step: z.enum(STEPS),
    valid: z.boolean().nullable().meta({ description: 'Null until the complaint is recorded' }),
    remedy: z.string().nullable(),
    tier: z.enum(TIERS).meta({ description: 'The customer’s tier when it was opened' }),
    recordedBy: z.string(),
    openedAt: z.string(),
    steppedAt: z.string(),
    dueAt: z.string().nullable().meta({ description: 'When the next step is due' }),
    closedAt: z.string().nullable(),
    closeReason: z.string().nullable(),
    steps: z.array(
      z.strictObject({
        from: z.enum(STEPS).nullable(),
        to: z.enum(STEPS),
        actor: z.string(),
        note: z.string().nullable(),
        at: z.string(),
      }),
    ),
  })
  .meta({ id: 'ServiceComplaint', description: 'A complaint with its steps, oldest first' });

export const complaintPageSchema = z
  .strictObject({ items: z.array(complaintSchema), next: id.nullable() })
  .meta({ id: 'ServiceComplaintPage' });

export const surveySchema: z.ZodType<Survey> = z
  .strictObject({
    id,
    customerId: id,
    kind: z.enum(['csat', 'nps']),
    score: z.number().int(),
    items: z.strictObject({
      trust: z.number().int().nullable(),
      satisfaction: z.number().int().nullable(),
      commitment: z.number().int().nullable(),
      friendship: z.number().int().nullable(),
    }),
    answeredAt: z.string(),
    recordedBy: z.string(),
  })
  .meta({ id: 'ServiceSurvey' });

const satisfaction = {
  csat: z.strictObject({ responses: z.number().int(), average: z.number().nullable() }),
  nps: z.strictObject({
    responses: z.number().int(),
    promoters: z.number().int(),
    passives: z.number().int(),
    detractors: z.number().int(),
    score: z.number().nullable().meta({ description: '−100 to 100' }),
  }),
  complaints: z.strictObject({ total: z.number().int(), open: z.number().int() }),
  relationshipQuality: relationshipQualitySchema,
};

export const teamMeasuresSchema: z.ZodType<TeamMeasures> = z
  .strictObject({
    ...satisfaction,
    buyers: z.number().int(),
    returningBuyers: z.number().int(),
    complaintRate: z.number().nullable().meta({ description: 'Complaints per 100 buyers' }),
    returnRate: z.number().nullable().meta({ description: 'Share of buyers with two orders' }),
  })
  .meta({ id: 'ServiceTeamMeasures' });

export const customerMeasuresSchema: z.ZodType<CustomerMeasures> = z
  .strictObject({
    customerId: id,
    ...satisfaction,
    orders: z.number().int(),
    returning: z.boolean(),
  })
  .meta({ id: 'ServiceCustomerMeasures' });
