import { z } from 'zod';
import type { ReferenceCase } from '../library/cases';
import type { Pains } from '../library/pains';
import type { Balance, Opportunity, StageChange } from '../opportunities/opportunity';
import type {
  Conversion,
  Forecast,
  LostReasonRow,
  Pipeline,
  SourceWinRate,
} from '../opportunities/reports';
import { LOST_REASONS } from '../opportunities/stages';
import { CUSTOMER_TYPES } from '../persuasion/customer-types';
import type { Interest, RelationshipChange } from '../relationship/relationship';
import { RELATIONSHIP_STEPS } from '../relationship/steps';
import { BUYING_SIGNALS } from '../signals/buying-signals';
import type { TaggedInteraction } from '../signals/tag';
import type { AgentFeesDue } from '../sources/agent-fees';
import type { CentreOfInfluence, ReferralNode, ReferralTree } from '../sources/referrals';
import type { SourcesReport } from '../sources/report';
import type { Source } from '../sources/store';

const id = z.number().int().positive();
const text = z.string();
const time = z.string().meta({ description: 'ISO-8601 UTC' });
const day = z.string().meta({ description: 'A day (YYYY-MM-DD) of the team’s time zone' });
const minor = z.number().int().meta({ description: 'Minor units (fen, cents) of the currency' });

const bilingual = z
  .strictObject({ en: text, 'zh-CN': text })
  .meta({ id: 'DevelopmentLabel', description: 'A name in each language' });

const money = z
  .record(text, z.number())
  .meta({ id: 'DevelopmentMoney', description: 'Minor units by currency, never added across' });

export const sourceSchema: z.ZodType<Source> = z
  .strictObject({
    customerId: id,
    status: z.enum(['recorded', 'refused']).meta({
      description: '`refused`: the source given at creation failed its checks (see `issue`)',
    }),
    kind: text.nullable(),
    referrerId: id.nullable(),
    agent: text.nullable(),
    agentFee: minor.nullable().meta({ description: 'A fixed fee owed on the first order' }),
    agentFeeRate: z.number().nullable().meta({ description: 'A share of the first order' }),
    competitor: text.nullable(),
    detail: text.nullable(),
    issue: text.nullable(),
    actor: text,
    recordedAt: time,
    changedAt: time,
  })
  .meta({
    id: 'DevelopmentSource',
    description: 'Where a customer came from',
    examples: [
      {
        customerId: 42,
        status: 'recorded',
        kind: 'referral',
        referrerId: 7,
        agent: null,
        agentFee: null,
        agentFeeRate: null,
        competitor: null,
        detail: null,
        issue: null,
        actor: 'user:3',
        recordedAt: '2025-03-10T02:00:00.000Z',
        changedAt: '2025-03-10T02:00:00.000Z',
      },
    ],
  });

export const referralNodeSchema: z.ZodType<ReferralNode> = z
  .strictObject({
    customerId: id,
    name: text,
    kind: text.nullable().meta({ description: 'How this customer came; null at the root' }),
    referrals: z.number().int().meta({ description: 'Customers this one referred, in all' }),
    get children() {
      return z.array(referralNodeSchema);
    },
  })
  .meta({ id: 'DevelopmentReferralNode' });

export const referralTreeSchema: z.ZodType<ReferralTree> = z
  .strictObject({
    root: referralNodeSchema,
    referredBy: z.strictObject({ customerId: id, name: text }).nullable(),
    size: z.number().int().meta({ description: 'Customers below the root, within the depth' }),
    deeper: z.boolean().meta({ description: 'Whether referrals lie deeper than asked for' }),
  })
  .meta({ id: 'DevelopmentReferralTree' });

export const centresSchema: z.ZodType<{ centres: CentreOfInfluence[] }> = z
  .strictObject({
    centres: z.array(z.strictObject({ customerId: id, name: text, referrals: z.number().int() })),
  })
  .meta({ id: 'DevelopmentCentresOfInfluence' });

export const fitSchema = z
  .strictObject({
    customerId: id,
    score: z.number().meta({ description: '0–100' }),
    parts: z.array(
      z.strictObject({
        part: z.enum(['positioning', 'goodCustomer', 'potential', 'match', 'resemblance']),
        weight: z.number(),
        value: z.number().meta({ description: '0 (against) to 1 (for)' }),
        reason: text.meta({ description: 'In the caller’s language' }),
      }),
    ),
  })
  .meta({
    id: 'DevelopmentFit',
    description: 'The parts with data, strongest effect on the score first',
  });

export const customerTypeSchema = z
  .strictObject({
    customerId: id,
    type: z.enum(CUSTOMER_TYPES).nullable(),
    label: text.nullable(),
    strategy: text.nullable().meta({ description: 'How to persuade this type' }),
  })
  .meta({ id: 'DevelopmentCustomerType' });

const step = z.enum(RELATIONSHIP_STEPS);

export const relationshipChangeSchema: z.ZodType<RelationshipChange> = z
  .strictObject({
    from: step,
    to: step,
    cause: z.enum(['rep', 'customer-update']),
    actor: text,
    note: text.nullable(),
    at: time,
  })
  .meta({ id: 'DevelopmentRelationshipChange' });

export const interestSchema: z.ZodType<Interest> = z
  .strictObject({
    id,
    kind: z.enum(['organisational', 'personal']),
    text,
    actor: text,
    at: time,
  })
  .meta({ id: 'DevelopmentInterest' });

export const relationshipSchema = z
  .strictObject({
    customerId: id,
    step,
    history: z.array(relationshipChangeSchema),
    interests: z.array(interestSchema).meta({ description: 'The latest 20, newest first' }),
  })
  .meta({ id: 'DevelopmentRelationship' });

export const opportunitySchema: z.ZodType<Opportunity> = z
  .strictObject({
    id,
    customerId: id,
    ownerUserId: id,
    title: text.nullable(),
    amount: minor,
    currency: text,
    closeDay: day,
    stage: text.meta({ description: 'An open stage of the team, `won` or `lost`' }),
    status: z.enum(['open', 'won', 'lost']),
    probability: z.number().meta({ description: 'The stage’s chance of winning, 0–1' }),
    lostReason: text.nullable(),
    lostNote: text.nullable(),
    competitor: text.nullable(),
    orderId: id.nullable().meta({ description: 'The order a won opportunity recorded' }),
    checklist: z.strictObject({
      introduced: z.boolean(),
      answered: z.boolean(),
      benefits: z.boolean(),
    }),
    createdBy: text,
    createdAt: time,
    stageChangedAt: time,
    closedAt: time.nullable(),
  })
  .meta({
    id: 'DevelopmentOpportunity',
    examples: [
      {
        id: 12,
        customerId: 42,
        ownerUserId: 3,
        title: 'Spring tea order',
        amount: 1_280_000,
        currency: 'CNY',
        closeDay: '2025-04-30',
        stage: 'visit',
        status: 'open',
        probability: 0.25,
        lostReason: null,
        lostNote: null,
        competitor: null,
        orderId: null,
        checklist: { introduced: true, answered: false, benefits: false },
        createdBy: 'user:3',
        createdAt: '2025-03-10T02:00:00.000Z',
        stageChangedAt: '2025-03-14T06:30:00.000Z',
        closedAt: null,
      },
    ],
  });

export const opportunitiesSchema = z
  .strictObject({ opportunities: z.array(opportunitySchema) })
  .meta({ id: 'DevelopmentOpportunities', description: 'Open ones first, each by close day' });

export const stageChangeSchema: z.ZodType<StageChange> = z
  .strictObject({ from: text.nullable(), to: text, actor: text, note: text.nullable(), at: time })
  .meta({ id: 'DevelopmentStageChange' });

export const balanceSchema: z.ZodType<Balance> = z
  .strictObject({
    benefits: z.array(text).meta({ description: 'What the customer gains by buying' }),
    losses: z.array(text).meta({ description: 'What the customer loses by not buying' }),
  })
  .meta({ id: 'DevelopmentBalance', description: 'The Franklin balance of an opportunity' });

export const opportunityDetailSchema = z
  .strictObject({
    opportunity: opportunitySchema,
    history: z.array(stageChangeSchema).meta({ description: 'Oldest first' }),
    balance: balanceSchema,
  })
  .meta({ id: 'DevelopmentOpportunityDetail' });

export const taggedInteractionSchema: z.ZodType<TaggedInteraction> = z
  .strictObject({ interactionId: id, customerId: id, signals: z.array(z.enum(BUYING_SIGNALS)) })
  .meta({
    id: 'DevelopmentTaggedInteraction',
    examples: [
      { interactionId: 301, customerId: 42, signals: ['asks_lower_price', 'asks_details'] },
    ],
  });

export const painsSchema: z.ZodType<Pains> = z
  .strictObject({
    role: text,
    industry: text,
    pains: z.array(text).meta({ description: 'One to three, most pressing first' }),
    actor: text,
    updatedAt: time,
  })
  .meta({ id: 'DevelopmentPains' });

export const referenceCaseSchema: z.ZodType<ReferenceCase> = z
  .strictObject({
    id,
    role: text,
    industry: text,
    keyIssue: text,
    reason: text.meta({ description: 'One reason they chose us' }),
    capability: z.strictObject({ when: text, who: text, what: text }),
    provided: text,
    result: z.strictObject({
      amount: minor.nullable(),
      currency: text.nullable(),
      percent: z.number().nullable(),
      text,
    }),
    actor: text,
    createdAt: time,
    updatedAt: time,
  })
  .meta({ id: 'DevelopmentReferenceCase' });

const pipelineStage = z.strictObject({
  stage: text,
  label: bilingual,
  probability: z.number(),
  count: z.number().int(),
  amount: money,
  weighted: money.meta({ description: 'amount × probability' }),
});

export const pipelineSchema: z.ZodType<Pipeline> = z
  .strictObject({
    stages: z.array(pipelineStage),
    owners: z.array(
      z.strictObject({
        ownerUserId: id,
        name: text,
        count: z.number().int(),
        amount: money,
        weighted: money,
        stages: z.array(pipelineStage),
      }),
    ),
  })
  .meta({
    id: 'DevelopmentPipeline',
    description: 'Open opportunities by stage, for the team and per owner',
  });

export const conversionSchema: z.ZodType<Conversion> = z
  .strictObject({
    stages: z.array(
      z.strictObject({
        stage: text,
        label: bilingual,
        reached: z.number().int(),
        toNext: z.number().nullable().meta({ description: 'Share that reached the next stage' }),
      }),
    ),
    won: z.number().int(),
    lost: z.number().int(),
    winRate: z.number().nullable(),
  })
  .meta({ id: 'DevelopmentConversion' });

export const winRatesSchema: z.ZodType<{ sources: SourceWinRate[] }> = z
  .strictObject({
    sources: z.array(
      z.strictObject({
        kind: text.nullable().meta({ description: 'Null: customers without a recorded source' }),
        label: bilingual,
        won: z.number().int(),
        lost: z.number().int(),
        winRate: z.number(),
      }),
    ),
  })
  .meta({ id: 'DevelopmentWinRates', description: 'Won ÷ closed opportunities by source' });

export const lostReasonsSchema: z.ZodType<{ reasons: LostReasonRow[] }> = z
  .strictObject({
    reasons: z.array(
      z.strictObject({
        reason: z.enum(LOST_REASONS),
        label: bilingual,
        count: z.number().int(),
        amount: money,
        competitors: z.record(text, z.number().int()),
      }),
    ),
  })
  .meta({ id: 'DevelopmentLostReasons' });

export const forecastSchema: z.ZodType<Forecast> = z
  .strictObject({
    months: z.array(
      z.strictObject({
        month: text.meta({ description: 'YYYY-MM' }),
        count: z.number().int(),
        amount: money,
        weighted: money,
      }),
    ),
    total: z.strictObject({ count: z.number().int(), amount: money, weighted: money }),
    overdue: z.number().int(),
  })
  .meta({ id: 'DevelopmentForecast' });

export const sourcesReportSchema: z.ZodType<SourcesReport> = z
  .strictObject({
    sources: z.array(
      z.strictObject({
        kind: text,
        label: bilingual,
        customers: z.number().int(),
        converted: z.number().int(),
        conversion: z.number(),
        revenue: z.number(),
        margin: z.number(),
      }),
    ),
    refused: z.number().int(),
  })
  .meta({ id: 'DevelopmentSourcesReport' });

export const agentFeesSchema: z.ZodType<{ agents: AgentFeesDue[] }> = z
  .strictObject({
    agents: z.array(
      z.strictObject({
        agent: text,
        totals: money,
        fees: z.array(
          z.strictObject({
            customerId: id,
            customerName: text,
            amount: minor,
            currency: text,
            orderId: id,
            owedAt: time,
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'DevelopmentAgentFees', description: 'Fees owed and not yet paid, by agent' });

export const vocabularySchema = z
  .strictObject({
    sources: z.array(
      z.strictObject({
        kind: text,
        label: text,
        party: z
          .enum(['referrer', 'agent', 'competitor'])
          .nullable()
          .meta({ description: 'Whom a source of this kind must name' }),
      }),
    ),
    signals: z.array(z.strictObject({ signal: z.enum(BUYING_SIGNALS), label: text })),
    customerTypes: z.array(
      z.strictObject({ type: z.enum(CUSTOMER_TYPES), label: text, strategy: text }),
    ),
    stages: z.array(z.strictObject({ stage: text, label: text, probability: z.number() })),
    lostReasons: z.array(z.strictObject({ reason: z.enum(LOST_REASONS), label: text })),
    relationshipSteps: z.array(z.strictObject({ step, label: text })),
    checklist: z.array(
      z.strictObject({ point: z.enum(['introduced', 'answered', 'benefits']), label: text }),
    ),
  })
  .meta({
    id: 'DevelopmentVocabulary',
    description: 'What a rep chooses from, in the caller’s language',
  });
