import { chargesFor, priceLine, sortTiers, toMillionths, type PriceDefinition } from '../tierPricing';
import cases from './data/tierCases.json';

describe('tierPricing', () => {
  it.each(cases)('$name: $working', ({ price, quantity, amountMinor, amount }) => {
    const line = priceLine(price as PriceDefinition, quantity);
    expect(line.amountMinor).toBe(amountMinor);
    expect(line.amount).toBe(amount);
  });

  it('lists the graduated charges tier by tier, with each flat amount once', () => {
    const price: PriceDefinition = {
      currencyCode: 'usd',
      billingScheme: 'tiered',
      tiersMode: 'graduated',
      tiers: [
        { upTo: 10, unitAmount: 0, flatAmount: 49 },
        { upTo: 50, unitAmount: 3.5, flatAmount: 10 },
        { upTo: null, unitAmount: 2.25, flatAmount: null }
      ]
    };
    expect(chargesFor(price, 60)).toEqual([
      { firstUnit: 1, lastUnit: 10, quantity: 10, unitAmount: 0, flatAmount: 49 },
      { firstUnit: 11, lastUnit: 50, quantity: 40, unitAmount: 3.5, flatAmount: 10 },
      { firstUnit: 51, lastUnit: 60, quantity: 10, unitAmount: 2.25, flatAmount: 0 }
    ]);
    expect(chargesFor(price, 10)).toHaveLength(1);
  });

  it('prices every unit at the volume tier the whole quantity falls in, boundaries inclusive', () => {
    const price: PriceDefinition = {
      currencyCode: 'usd',
      billingScheme: 'tiered',
      tiersMode: 'volume',
      tiers: [
        { upTo: 10, unitAmount: 2, flatAmount: null },
        { upTo: null, unitAmount: 1, flatAmount: 5 }
      ]
    };
    expect(chargesFor(price, 10)).toEqual([
      { firstUnit: 1, lastUnit: 10, quantity: 10, unitAmount: 2, flatAmount: 0 }
    ]);
    expect(chargesFor(price, 11)).toEqual([
      { firstUnit: 1, lastUnit: 11, quantity: 11, unitAmount: 1, flatAmount: 5 }
    ]);
  });

  it('orders tiers by their upper bound with the open-ended tier last', () => {
    const sorted = sortTiers([
      { upTo: null, unitAmount: 1, flatAmount: null },
      { upTo: 20, unitAmount: 2, flatAmount: null },
      { upTo: 5, unitAmount: 3, flatAmount: null }
    ]);
    expect(sorted.map((t) => t.upTo)).toEqual([5, 20, null]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses quantity %p, which Checkout cannot sell', (quantity) => {
    expect(() =>
      priceLine({ currencyCode: 'usd', billingScheme: 'per_unit', unitAmount: 1 }, quantity)
    ).toThrow(RangeError);
  });

  it('refuses prices it cannot price rather than guessing', () => {
    expect(() => priceLine({ currencyCode: 'usd', billingScheme: 'per_unit', unitAmount: null }, 1)).toThrow(
      'unit amount'
    );
    expect(() =>
      priceLine({ currencyCode: 'usd', billingScheme: 'tiered', tiersMode: 'graduated', tiers: [] }, 1)
    ).toThrow('at least one tier');
    expect(() =>
      priceLine(
        {
          currencyCode: 'usd',
          billingScheme: 'tiered',
          tiersMode: 'stepped',
          tiers: [{ upTo: null, unitAmount: 1, flatAmount: null }]
        },
        1
      )
    ).toThrow('unknown tiers mode');
  });

  it.each(['graduated', 'volume'])(
    'refuses a %s quantity above the last tier when no tier is open-ended',
    (mode) => {
      const price: PriceDefinition = {
        currencyCode: 'usd',
        billingScheme: 'tiered',
        tiersMode: mode,
        tiers: [{ upTo: 5, unitAmount: 1, flatAmount: null }]
      };
      expect(priceLine(price, 5).amountMinor).toBe(500);
      expect(() => priceLine(price, 6)).toThrow('above the last tier');
    }
  );

  it('reads stored decimals exactly, in millionths of a major unit', () => {
    expect(toMillionths(0.0004)).toBe(400n);
    expect(toMillionths(19.99)).toBe(19_990_000n);
    expect(toMillionths(-2.5)).toBe(-2_500_000n);
    expect(toMillionths(1e-6)).toBe(1n);
    expect(toMillionths(1.5e-7)).toBe(0n);
    expect(toMillionths(5e-7)).toBe(1n);
    expect(toMillionths(1e21)).toBe(10n ** 27n);
    expect(toMillionths(0.1 + 0.2)).toBe(300_000n);
    expect(() => toMillionths(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
