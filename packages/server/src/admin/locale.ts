import { LOCALES, type Locale } from '@guanxi/core';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { pickLocale } from '../middleware/locale';
import { LANG_COOKIE } from './cookies';

export function isLocale(value: string | undefined): value is Locale {
  return LOCALES.includes(value as Locale);
}

/** The console's language: the `lang` cookie if the user chose one, else Accept-Language. */
export function adminLocale() {
  return createMiddleware<AppEnv>(async function adminLocale(c, next) {
    const chosen = getCookie(c, LANG_COOKIE);
    c.set('locale', isLocale(chosen) ? chosen : pickLocale(c.req.header('accept-language')));
    await next();
  });
}
