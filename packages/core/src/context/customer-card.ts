import type { CustomerWithIdentities } from '../customers/customer';
import type { CustomerFacts } from '../facts/customer-facts';
import type { Interaction } from '../interactions/interaction';
import type { Stage } from '../lifecycle/stages';
import type { Order } from '../orders/order';
import type { CardSlots, Locale, NextBestAction, Panel } from '../plugins/define-plugin';

/** A panel on the card: its slots are merged into the card's own. */
export interface CardPanel extends Omit<Panel, 'slots'> {
  readonly plugin: string;
  readonly id: string;
}

/** Everything a rep sees about one customer beside their mail, in one read. */
export interface CustomerCard {
  readonly customer: CustomerWithIdentities;
  readonly company: { readonly id: number; readonly name: string } | null;
  readonly stage: { readonly value: Stage; readonly label: string };
  readonly facts: CustomerFacts;
  readonly lastOrders: readonly Order[];
  readonly lastInteractions: readonly Interaction[];
  readonly slots: Partial<CardSlots>;
  readonly panels: readonly CardPanel[];
  readonly nextBestAction: NextBestAction & { readonly plugin: string | null };
  readonly locale: Locale;
  /** Changes whenever anything on the card changes. */
  readonly version: string;
  /** Built again after this even without writes: time alone changes a panel, or a day passed. */
  readonly validUntil: string;
}
