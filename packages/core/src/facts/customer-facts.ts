/** Per-customer aggregates, kept current by every write so reads never scan orders. */
export interface CustomerFacts {
  readonly customerId: number;
  readonly teamId: number;
  readonly firstOrderAt: string | null;
  readonly lastOrderAt: string | null;
  readonly orderCount: number;
  readonly revenue: number;
  /** Sum of amount − cost over orders that carry a cost. */
  readonly margin: number;
  readonly lastInteractionAt: string | null;
  readonly interactionCount: number;
  readonly updatedAt: string;
}
