/**
 * Money and date formatting shared by the billing components. Stripe sends amounts as integers in a
 * currency's minor unit; Salesforce stores them as decimals (see StripeMoney.cls for the same rule in
 * Apex). Components display the stored decimals with the ISO code Stripe gave.
 */

/** Currencies Stripe treats as having no minor unit (amount 500 JPY is ¥500). */
export const ZERO_DECIMAL_CURRENCIES: readonly string[] = [
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf'
];

/** The error for a blank currency code; StripeMoney.cls says the same. */
export const BLANK_CURRENCY_MESSAGE = 'A currency code is required to convert a Stripe amount.';

/** Currencies with three decimals in Stripe (amount 1000 KWD minor = 1.000 KWD). */
export const THREE_DECIMAL_CURRENCIES: readonly string[] = ['bhd', 'jod', 'kwd', 'omr', 'tnd'];

/**
 * Number of decimals in a currency's minor unit, as Stripe counts them. A blank currency is an error,
 * as in StripeMoney.exponent: guessing 2 would turn 500 JPY into 5.00 without a word.
 */
export function currencyExponent(currency: string): number {
  if (typeof currency !== 'string' || currency.trim() === '') {
    throw new RangeError(BLANK_CURRENCY_MESSAGE);
  }
  const code = currency.trim().toLowerCase();
  if (ZERO_DECIMAL_CURRENCIES.includes(code)) return 0;
  if (THREE_DECIMAL_CURRENCIES.includes(code)) return 3;
  return 2;
}

/** Converts a Stripe minor-unit integer to the decimal amount Salesforce stores. */
export function fromMinorUnits(minor: number, currency: string): number {
  if (!Number.isInteger(minor)) throw new RangeError(`Stripe amounts are integers, got ${minor}`);
  return minor / 10 ** currencyExponent(currency);
}

/** Converts a decimal amount to the minor-unit integer Stripe expects, rounding half away from zero. */
export function toMinorUnits(amount: number, currency: string): number {
  if (!Number.isFinite(amount)) throw new RangeError(`not a finite amount: ${amount}`);
  const scaled = Math.abs(amount) * 10 ** currencyExponent(currency);
  // Round on a string form first so 1.005 (stored as 1.00499…) becomes 101, as a person expects.
  const rounded = Math.round(Number(scaled.toPrecision(15)));
  return amount < 0 ? -rounded : rounded;
}

/**
 * Formats a stored decimal amount for display, e.g. `formatMoney(1234.5, 'usd')` → `$1,234.50`.
 * Blank amounts show as an em dash rather than a misleading zero.
 */
export function formatMoney(
  amount: number | null | undefined,
  currency: string | null | undefined,
  locale?: string
): string {
  if (amount === null || amount === undefined || Number.isNaN(amount)) return '—';
  const code = (currency ?? '').trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) {
    return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
      amount
    );
  }
  const digits = currencyExponent(code);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: code,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits
  }).format(amount);
}

/** Formats an ISO date-time (as Apex serialises Datetime) as a short local date; blank → em dash. */
export function formatDate(value: string | null | undefined, locale?: string): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC'
  }).format(date);
}
