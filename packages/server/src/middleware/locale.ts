import type { Locale } from '@guanxi/core';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';

/** The caller's language from Accept-Language: Simplified Chinese if preferred, else English. */
export function pickLocale(header: string | undefined): Locale {
  const ranked = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1, index };
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag === 'zh-cn' || tag === 'zh-hans' || tag.startsWith('zh-hans-'))
      return 'zh-CN';
    if (tag.startsWith('en') || tag === '*') return 'en';
  }
  return 'en';
}

export function locale() {
  return createMiddleware<AppEnv>(async function locale(c, next) {
    c.set('locale', pickLocale(c.req.header('accept-language')));
    await next();
  });
}
