import type { Stage } from './stages';

/** What caused a stage change: a person's decision, a recorded order, or the customer's creation. */
export type StageCause = 'manual' | 'order' | 'created';

/** A transition as the `lifecycle:beforeTransition` hook sees it, before anything is written. */
export interface ProposedTransition {
  readonly customerId: number;
  readonly from: Stage;
  readonly to: Stage;
  readonly reason: string;
  readonly actor: string;
}

export interface StageEvent {
  readonly id: number;
  readonly teamId: number;
  readonly customerId: number;
  readonly from: Stage | null;
  readonly to: Stage;
  readonly reason: string;
  readonly actor: string;
  readonly cause: StageCause;
  readonly occurredAt: string;
}
