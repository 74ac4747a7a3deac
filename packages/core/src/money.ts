/**
 * Money as a currency writes it, for the server and the browser extension alike: this module
 * imports nothing, so the extension bundles it alone (`@guanxi/core/money`). Amounts are
 * integer minor units; how many make a major unit is the currency's own (ISO 4217, as the
 * runtime's ICU knows it).
 */

// Making a number format costs tens of microseconds, using one a fraction of that: each is
// made once per currency or language and kept.
const digitsByCurrency = new Map<string, number>();
const formats = new Map<string, Intl.NumberFormat>();

function formatOf(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let format = formats.get(key);
  if (format === undefined) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

/** Decimals of the currency's minor unit: 2 for CNY and USD, 0 for JPY, 3 for KWD. */
export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      // Not a well-formed code: read as the common two decimals rather than fail to show it.
      digits = 2;
    }
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** Minor units in major units of the currency: 1235 is 12.35 CNY, 1,235 JPY, 1.235 KWD. */
export function majorUnits(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

/**
 * An amount as the reader's language writes it: `¥1,235`, `CN¥12.35`, `KWD 1.235` in English.
 * Without a currency, a plain number with two decimals.
 */
export function formatMoney(minor: number, currency: string | undefined, locale: string): string {
  if (currency === undefined) return withDecimals(minor, 2, locale);
  try {
    const format = formatOf(
      `${locale}|${currency}`,
      () => new Intl.NumberFormat(locale, { style: 'currency', currency }),
    );
    return format.format(majorUnits(minor, currency));
  } catch {
    return `${formatAmount(minor, currency, locale)} ${currency}`;
  }
}

/** An amount without its currency sign, with the currency's decimals: `12.35`, `1,235`. */
export function formatAmount(minor: number, currency: string, locale: string): string {
  return withDecimals(minor, minorDigits(currency), locale);
}

function withDecimals(minor: number, digits: number, locale: string): string {
  const format = formatOf(
    `${locale}|${digits}`,
    () =>
      new Intl.NumberFormat(locale, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
  );
  return format.format(minor / 10 ** digits);
}
