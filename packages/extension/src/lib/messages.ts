import type { Locale, Schemas } from '@guanxi/client';
import { type Browser, browser } from 'wxt/browser';

type ContextResponse = Schemas['Context'];
type Customer = Schemas['Customer'];
type Team = Schemas['Me']['teams'][number];

/** Why an answer could not be given; each has its own state on the card. */
export type Problem =
  | { readonly kind: 'unconfigured' }
  | { readonly kind: 'offline' }
  | { readonly kind: 'rejected' }
  | { readonly kind: 'neverLog' }
  | { readonly kind: 'failed'; readonly detail: string };

export type Reply<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: Problem };

export type CardQuery =
  | { readonly email: string }
  | { readonly domain: string }
  | { readonly customerId: number; readonly teamId: number };

/** A card, or nobody on file (with the teams a customer could be created in). */
export type CardLookup =
  | ({ readonly found: true } & ContextResponse)
  | { readonly found: false; readonly teams: readonly Team[] };

/** What a badge in a thread list shows for one sender. */
export interface Badge {
  /** The tier id, or null when the team has tiering off. */
  readonly tier: string | null;
  readonly label: string;
  readonly why: string;
  readonly name: string;
}

export type Direction = 'inbound' | 'outbound';

/** One e-mail to log as an interaction; the body only when the rep asked for it. */
export interface LogRequest {
  readonly teamId: number;
  readonly customerId: number;
  /** The customer's address on the message: never-log domains are checked against it. */
  readonly email: string;
  readonly subject: string;
  readonly occurredAt: string;
  readonly direction: Direction;
  readonly body?: string;
}

export interface CreateRequest {
  readonly teamId: number;
  readonly name: string;
  readonly email: string;
}

export interface SearchHit {
  readonly teamId: number;
  readonly teamName: string;
  readonly customer: Customer;
}

export type LanguageChoice = 'browser' | 'en' | 'zh-CN';

/** What content scripts and pages may know of the settings: never the server or the key. */
export interface Session {
  readonly configured: boolean;
  readonly locale: Locale;
  readonly ownEmail: string | null;
  readonly neverLog: readonly string[];
}

/** How long the options let cards be kept, in seconds, and how long by default. */
export const CACHE_SECONDS = { min: 0, max: 3600, fallback: 300 } as const;

export interface SettingsView {
  readonly serverUrl: string;
  readonly hasKey: boolean;
  readonly language: LanguageChoice;
  readonly neverLog: readonly string[];
  /** How long a card is kept before it is fetched again, in seconds. */
  readonly cacheSeconds: number;
}

export interface SettingsInput {
  readonly serverUrl: string;
  /** Empty keeps the key already saved. */
  readonly apiKey: string;
  readonly language: LanguageChoice;
  readonly neverLog: readonly string[];
  readonly cacheSeconds: number;
}

export interface Connection {
  readonly name: string;
  readonly email: string;
  readonly teams: readonly string[];
}

/** Every request the background answers, with its data and its answer. */
export interface MessageMap {
  'session:get': { request: null; response: Session };
  'card:get': { request: { query: CardQuery; fresh?: boolean }; response: CardLookup };
  'badges:get': { request: { emails: readonly string[] }; response: Record<string, Badge> };
  'interaction:log': { request: LogRequest; response: null };
  'customer:create': { request: CreateRequest; response: CardLookup };
  'customers:search': { request: { q: string }; response: readonly SearchHit[] };
  'console:open': { request: { teamId: number; customerId: number }; response: null };
  'options:open': { request: null; response: null };
  'settings:get': { request: null; response: SettingsView };
  'settings:save': { request: SettingsInput; response: Connection };
  'site:get': { request: { origin: string }; response: boolean };
  'site:set': { request: { origin: string; enabled: boolean }; response: boolean };
}

export type MessageType = keyof MessageMap;
export type RequestOf<K extends MessageType> = MessageMap[K]['request'];
export type ResponseOf<K extends MessageType> = MessageMap[K]['response'];

interface Envelope {
  readonly type: MessageType;
  readonly data: unknown;
}

/** Messages the popup sends to a tab's content script. */
export interface TabMessage {
  readonly type: 'site:changed';
  readonly enabled: boolean;
}

export const ok = <T>(value: T): Reply<T> => ({ ok: true, value });
export const fail = (problem: Problem): Reply<never> => ({ ok: false, problem });

/** Asks the background; a background that cannot be reached is a failed reply, not a throw. */
export async function send<K extends MessageType>(
  type: K,
  data: RequestOf<K>,
): Promise<Reply<ResponseOf<K>>> {
  try {
    const reply = (await browser.runtime.sendMessage({ type, data } satisfies Envelope)) as
      | Reply<ResponseOf<K>>
      | undefined;
    return reply ?? fail({ kind: 'failed', detail: 'no answer from the extension' });
  } catch (error) {
    return fail({ kind: 'failed', detail: String(error) });
  }
}

export type Handlers = {
  readonly [K in MessageType]: (
    data: RequestOf<K>,
    sender: Browser.runtime.MessageSender,
  ) => Promise<Reply<ResponseOf<K>>>;
};

function isEnvelope(message: unknown, handlers: Handlers): message is Envelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    'type' in message &&
    typeof message.type === 'string' &&
    Object.hasOwn(handlers, message.type)
  );
}

/** Answers every message of the map; a handler that throws answers a failed reply. */
export function listen(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!isEnvelope(message, handlers)) return false;
    const handler = handlers[message.type] as (
      data: unknown,
      sender: Browser.runtime.MessageSender,
    ) => Promise<Reply<unknown>>;
    handler(message.data, sender).then(sendResponse, (error: unknown) =>
      sendResponse(fail({ kind: 'failed', detail: String(error) })),
    );
    return true;
  });
}
