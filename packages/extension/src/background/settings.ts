import { storage } from 'wxt/utils/storage';
import type { LanguageChoice } from '../lib/messages';

/** Kept in the extension's local storage, which only the background reads. */
export interface Settings {
  readonly serverUrl: string;
  readonly apiKey: string;
  readonly language: LanguageChoice;
  readonly neverLog: readonly string[];
}

const DEFAULTS: Settings = { serverUrl: '', apiKey: '', language: 'browser', neverLog: [] };

const settingsItem = storage.defineItem<Partial<Settings>>('local:settings', { fallback: {} });

/** The origins of the sites the rep turned Guanxi on for, from the popup. */
export const sitesItem = storage.defineItem<string[]>('local:sites', { fallback: [] });

export async function readSettings(): Promise<Settings> {
  return { ...DEFAULTS, ...(await settingsItem.getValue()) };
}

export async function writeSettings(settings: Settings): Promise<void> {
  await settingsItem.setValue(settings);
}

export function watchSettings(onChange: () => void): void {
  settingsItem.watch(onChange);
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
