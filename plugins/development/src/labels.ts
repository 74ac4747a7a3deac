import type { Locale } from '@guanxi/core';

/** A text in every language the product speaks. */
export type Bilingual = Readonly<Record<Locale, string>>;
