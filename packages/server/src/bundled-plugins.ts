import type { AnyPlugin } from '@guanxi/core';

/** The plugins `guanxi serve` and the other commands install; each team turns them on or off. */
export const bundledPlugins: AnyPlugin[] = [];
