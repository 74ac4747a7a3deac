/** The loyalty fields of the card, for clients that show them without reading the panel. */
export interface LoyaltySlot {
  readonly points: number;
  /** The level id, e.g. `silver`. */
  readonly level: string;
  readonly nextReward: {
    readonly id: number;
    readonly name: string;
    readonly cost: number;
    readonly pointsToGo: number;
  } | null;
}

declare module '@guanxi/core' {
  interface CardSlots {
    loyalty?: LoyaltySlot;
  }
}
