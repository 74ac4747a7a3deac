import { storage } from 'wxt/utils/storage';
import { CACHE_SECONDS, type LanguageChoice } from '../lib/messages';

/** Kept in the extension's local storage, which only the background reads. */
export interface Settings {
  readonly serverUrl: string;
  readonly apiKey: string;
  readonly language: LanguageChoice;
  readonly neverLog: readonly string[];
  /** How long a card is kept before it is fetched again, in seconds. */
  readonly cacheSeconds: number;
}

const DEFAULTS: Settings = {
  serverUrl: '',
  apiKey: '',
  language: 'browser',
  neverLog: [],
  cacheSeconds: CACHE_SECONDS.fallback,
};

const settingsItem = storage.defineItem<Partial<Settings>>('local:settings', { fallback: {} });

/** The origins of the sites the rep turned Guanxi on for, from the popup. */
export const sitesItem = storage.defineItem<string[]>('local:sites', { fallback: [] });

/** Whole seconds within the range offered; the default when it is not a number. */
export function normaliseCacheSeconds(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return CACHE_SECONDS.fallback;
  return Math.min(CACHE_SECONDS.max, Math.max(CACHE_SECONDS.min, Math.round(value)));
}

function withDefaults(stored: Partial<Settings> | null): Settings {
  const settings = { ...DEFAULTS, ...stored };
  return { ...settings, cacheSeconds: normaliseCacheSeconds(settings.cacheSeconds) };
}

export async function readSettings(): Promise<Settings> {
  return withDefaults(await settingsItem.getValue());
}

export async function writeSettings(settings: Settings): Promise<void> {
  await settingsItem.setValue(settings);
}

export function watchSettings(onChange: (next: Settings, previous: Settings) => void): void {
  settingsItem.watch((next, previous) => onChange(withDefaults(next), withDefaults(previous)));
}

/** `https://crm.example.com/guanxi/` → `https://crm.example.com/guanxi`; undefined if not http(s). */
export function normaliseServerUrl(input: string): string | undefined {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
