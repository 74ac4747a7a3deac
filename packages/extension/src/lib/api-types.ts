/**
 * The parts of the Guanxi API's JSON that the extension reads. The extension is a client of
 * the HTTP API only: these mirror the server's responses (see GET /v1/openapi.json) and every
 * field a plugin fills is optional, since a team may have that plugin turned off.
 */

export type Locale = 'en' | 'zh-CN';

export interface Customer {
  readonly id: number;
  readonly name: string;
  readonly stage: string;
}

export interface Order {
  readonly id: number;
  readonly amount: number;
  readonly currency: string;
  readonly placedAt: string;
}

export interface Interaction {
  readonly id: number;
  readonly direction: 'inbound' | 'outbound';
  readonly summary: string;
  readonly occurredAt: string;
}

export interface PanelItem {
  readonly label: string;
  readonly value: string;
}

/** A plugin's section of the card, shown as its JSON says: title, label/value rows, actions. */
export interface Panel {
  readonly plugin: string;
  readonly id: string;
  readonly title: string;
  readonly items: readonly PanelItem[];
  readonly actions: readonly { readonly id: string; readonly label: string }[];
}

export interface TierSlot {
  readonly value: string;
  readonly label: string;
  readonly why: string;
}

export interface LoyaltySlot {
  readonly points: number;
  readonly level: string;
}

export interface OpenComplaint {
  readonly id: number;
  readonly causeLabel: string;
  readonly stepLabel: string;
  readonly overdue: boolean;
  readonly timeLeft: string;
}

export interface WinbackSlot {
  readonly status: 'ok' | 'at_risk' | 'churned';
  readonly kind: string | null;
}

export interface ScoresSlot {
  readonly rfm: { readonly label: string } | null;
  readonly pAlive: number | null;
  readonly clv: number | null;
}

export interface CardSlots {
  readonly tier?: TierSlot;
  readonly loyalty?: LoyaltySlot;
  readonly complaints?: { readonly open: readonly OpenComplaint[] };
  readonly winback?: WinbackSlot;
  readonly scores?: ScoresSlot;
}

export interface NextBestAction {
  readonly label: string;
  readonly reason: string;
}

/** GET /v1/context: the card of one customer. */
export interface CustomerCard {
  readonly customer: Customer;
  readonly company: { readonly id: number; readonly name: string } | null;
  readonly stage: { readonly value: string; readonly label: string };
  readonly lastOrders: readonly Order[];
  readonly lastInteractions: readonly Interaction[];
  readonly slots: CardSlots;
  readonly panels: readonly Panel[];
  readonly nextBestAction: NextBestAction;
}

export interface ContextResponse {
  readonly teamId: number;
  /** `company`: the sender is unknown but their company's domain belongs to a customer. */
  readonly match: 'exact' | 'company';
  readonly card: CustomerCard;
}

export interface Team {
  readonly id: number;
  readonly name: string;
}

/** GET /v1/me. */
export interface MeResponse {
  readonly user: { readonly id: number; readonly email: string; readonly name: string };
  readonly teams: readonly Team[];
}

/** GET /v1/teams/{teamId}/customers. */
export interface CustomerPage {
  readonly items: readonly Customer[];
}

/** An RFC 9457 problem document, as every error of the API is. */
export interface ProblemDocument {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
}
