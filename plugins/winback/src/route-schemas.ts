import { z } from 'zod';
import type { Churn, KindChange } from './churns';
import { CHURN_KINDS, SIGNAL_KINDS } from './kinds';
import { ACTIONS } from './playbook/plan';
import type { Playbook } from './playbook/playbooks';
import { POLICIES } from './policy';
import type { WinbackReport } from './report';
import { RISK_RULES } from './risk';
import type { Signal } from './signals';

const id = z.number().int().positive();
const text = z.strictObject({ en: z.string(), 'zh-CN': z.string() });

export const signalSchema: z.ZodType<Signal> = z
  .strictObject({
    id,
    customerId: id,
    kind: z.enum(SIGNAL_KINDS),
    note: z.string(),
    actor: z.string(),
    recordedAt: z.string(),
  })
  .meta({ id: 'WinbackSignal' });

const churnSchema: z.ZodType<Churn> = z
  .strictObject({
    id,
    customerId: id,
    churnedAt: z.string(),
    reason: z.string(),
    kind: z.enum(CHURN_KINDS),
    kindSource: z.enum(['signal', 'complaint', 'reason', 'default', 'rep']),
    tier: z.number().int().nullable(),
    policy: z.enum(POLICIES),
    wonBackAt: z.string().nullable(),
    rule: z
      .enum(RISK_RULES)
      .nullable()
      .meta({ description: 'The detection rule that decided; null when a person did' }),
  })
  .meta({ id: 'WinbackChurn' });

const kindChangeSchema: z.ZodType<KindChange> = z.strictObject({
  from: z.enum(CHURN_KINDS),
  to: z.enum(CHURN_KINDS),
  reason: z.string(),
  actor: z.string(),
  changedAt: z.string(),
});

export const churnWithChangesSchema = z
  .strictObject({ churn: churnSchema, changes: z.array(kindChangeSchema) })
  .meta({ id: 'WinbackChurnKind', description: 'The latest churn and how its kind was changed' });

export const playbookSchema: z.ZodType<Playbook> = z
  .strictObject({
    id,
    customerId: id,
    churnId: id,
    name: text,
    kind: z.enum(CHURN_KINDS),
    tier: z.number().int().nullable(),
    policy: z.enum(POLICIES),
    ownerUserId: id.nullable(),
    status: z.enum(['open', 'won_back', 'let_go']),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
    steps: z.array(
      z.strictObject({
        stepNo: z.number().int(),
        action: z.enum(ACTIONS),
        title: text,
        dueAt: z.string(),
        doneAt: z.string().nullable(),
        doneBy: z.string().nullable(),
        note: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'WinbackPlaybook' });

const rateRow = z.strictObject({
  group: z.string(),
  playbooks: z.number().int(),
  open: z.number().int(),
  wonBack: z.number().int(),
  letGo: z.number().int(),
  winBackRate: z.number().nullable(),
});

export const reportSchema: z.ZodType<WinbackReport> = z
  .strictObject({
    churns: z.number().int(),
    churnsWonBack: z.number().int(),
    byRule: z.array(
      z.strictObject({
        rule: z.enum([...RISK_RULES, 'person']),
        label: text,
        churns: z.number().int(),
        wonBack: z.number().int(),
      }),
    ),
    total: rateRow,
    byKind: z.array(rateRow),
    byTier: z.array(rateRow),
    byPlaybook: z.array(rateRow),
  })
  .meta({ id: 'WinbackReport' });
