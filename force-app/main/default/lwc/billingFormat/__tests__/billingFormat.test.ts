import {
  BLANK_CURRENCY_MESSAGE,
  currencyExponent,
  formatDate,
  formatMoney,
  fromMinorUnits,
  toMinorUnits
} from 'c/billingFormat';
// The same cases StripeMoneyTest.cls runs in Apex; scripts/test/currency-parity.test.ts keeps them equal.
import cases from './data/minorUnitCases.json';

describe('c/billingFormat', () => {
  it.each(cases.conversions)(
    'converts $minor minor units of $currency to $amount',
    ({ minor, currency, amount }) => {
      expect(fromMinorUnits(minor, currency)).toBe(Number(amount));
      expect(toMinorUnits(Number(amount), currency)).toBe(minor);
    }
  );

  it.each(cases.blankCurrencies)('refuses to convert with a blank currency (%p)', (currency) => {
    const code = currency as string;
    expect(() => currencyExponent(code)).toThrow(BLANK_CURRENCY_MESSAGE);
    expect(() => fromMinorUnits(500, code)).toThrow(RangeError);
    expect(() => toMinorUnits(5, code)).toThrow(RangeError);
  });

  it('treats currency codes case-insensitively', () => {
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent(' Kwd ')).toBe(3);
    expect(currencyExponent('usd')).toBe(2);
  });

  it('rejects fractional minor units, which Stripe never sends', () => {
    expect(() => fromMinorUnits(10.5, 'usd')).toThrow(RangeError);
  });

  it('rejects non-finite decimal amounts', () => {
    expect(() => toMinorUnits(Number.NaN, 'usd')).toThrow(RangeError);
    expect(() => toMinorUnits(Number.POSITIVE_INFINITY, 'usd')).toThrow(RangeError);
  });

  it('rounds half away from zero despite binary floating point', () => {
    expect(toMinorUnits(1.005, 'usd')).toBe(101);
    expect(toMinorUnits(-1.005, 'usd')).toBe(-101);
  });

  it('formats money with the currency symbol and its own decimals', () => {
    expect(formatMoney(1234.5, 'usd', 'en-US')).toBe('$1,234.50');
    expect(formatMoney(1500, 'jpy', 'en-US')).toBe('¥1,500');
    expect(formatMoney(1.5, 'kwd', 'en-US')).toBe('KWD\u00a01.500');
  });

  it('shows a dash, not zero, for a blank amount', () => {
    expect(formatMoney(null, 'usd')).toBe('—');
    expect(formatMoney(undefined, 'usd')).toBe('—');
    expect(formatMoney(Number.NaN, 'usd')).toBe('—');
  });

  it('formats an amount without a valid currency code as a plain number', () => {
    expect(formatMoney(12, '', 'en-US')).toBe('12.00');
    expect(formatMoney(12, null, 'en-US')).toBe('12.00');
  });

  it('formats ISO date-times as UTC dates and blanks as a dash', () => {
    expect(formatDate('2026-03-01T23:30:00.000Z', 'en-US')).toBe('Mar 1, 2026');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('not a date')).toBe('—');
  });
});
