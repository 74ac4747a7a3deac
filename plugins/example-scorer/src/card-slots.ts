/** The score on the card, for clients that show it without reading the panel. */
export interface GoodCustomerSlot {
  /** 0–100. */
  readonly score: number;
}

declare module '@guanxi/core' {
  interface CardSlots {
    goodCustomer?: GoodCustomerSlot;
  }
}
