import type { ChurnKind } from './kinds';
import type { Action } from './playbook/plan';
import type { Policy } from './policy';
import type { RiskRule } from './risk';

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
