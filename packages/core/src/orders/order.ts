export interface Order {
  readonly id: number;
  readonly teamId: number;
  readonly customerId: number;
  readonly externalId: string | null;
  /** Integer minor units (fen, cents). */
  readonly amount: number;
  readonly cost: number | null;
  readonly currency: string;
  readonly placedAt: string;
  readonly createdAt: string;
}
