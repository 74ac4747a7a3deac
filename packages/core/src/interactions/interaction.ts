export const CHANNELS = [
  'visit',
  'event',
  'mail',
  'phone',
  'web',
  'email',
  'call_centre',
  'hotline',
  'suggestion_box',
  'chat',
  'meeting',
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Interaction {
  readonly id: number;
  readonly teamId: number;
  readonly customerId: number;
  readonly channel: Channel;
  readonly direction: 'inbound' | 'outbound';
  readonly summary: string;
  readonly occurredAt: string;
  readonly actor: string;
  readonly createdAt: string;
}
