import { z } from 'zod';

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

export const goodCustomerSlotSchema: z.ZodType<GoodCustomerSlot> = z
  .strictObject({ score: z.number().min(0).max(100) })
  .meta({ id: 'GoodCustomerSlot', description: 'The good-customer score, 0–100' });
