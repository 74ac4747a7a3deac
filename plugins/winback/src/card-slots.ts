import { z } from 'zod';
import type { ChurnKind } from './kinds';
import { CHURN_KINDS } from './kinds';
import type { Action } from './playbook/plan';
import { ACTIONS } from './playbook/plan';
import type { Policy } from './policy';
import { POLICIES } from './policy';
import { RISK_RULES, type RiskRule } from './risk';

/** The win-back state on the card, for clients that show it without reading the panel. */
export interface WinbackSlot {
  /** `churned` while a churn is not won back; else `at_risk` or `ok` by the churn rules. */
  readonly status: 'ok' | 'at_risk' | 'churned';
  /** The rule that judges the customer, or that churned them; null when a person did. */
  readonly rule: RiskRule | null;
  readonly pAlive: number | null;
  readonly daysSinceLastOrder: number | null;
  readonly thresholdDays: number | null;
  readonly kind: ChurnKind | null;
  readonly policy: Policy | null;
  readonly playbookId: number | null;
  readonly nextStep: {
    readonly stepNo: number;
    readonly action: Action;
    readonly dueAt: string;
  } | null;
}

declare module '@guanxi/core' {
  interface CardSlots {
    winback?: WinbackSlot;
  }
}

export const winbackSlotSchema: z.ZodType<WinbackSlot> = z
  .strictObject({
    status: z.enum(['ok', 'at_risk', 'churned']),
    rule: z.enum(RISK_RULES).nullable(),
    pAlive: z.number().nullable(),
    daysSinceLastOrder: z.number().nullable(),
    thresholdDays: z.number().nullable(),
    kind: z.enum(CHURN_KINDS).nullable(),
    policy: z.enum(POLICIES).nullable(),
    playbookId: z.number().int().nullable(),
    nextStep: z
      .strictObject({ stepNo: z.number().int(), action: z.enum(ACTIONS), dueAt: z.string() })
      .nullable(),
  })
  .meta({ id: 'WinbackSlot', description: 'The win-back state of the customer' });
