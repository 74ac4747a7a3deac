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
