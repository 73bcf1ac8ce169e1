/**
 * Prices a Checkout line item the way Stripe does, for the link builder's live preview.
 *
 * Salesforce stores prices as decimals in major units with up to six places (Number(18,6)), because
 * Stripe's `unit_amount_decimal` allows prices below one minor unit (0.0004 usd per call). Stripe
 * multiplies such a price by the quantity and rounds once per line item, half up, to a whole minor
 * unit. So this module works in exact integers of one millionth of a major unit and rounds only the
 * line total; the result is an integer in the currency's minor unit (billingFormat's exponent).
 *
 * - per_unit: quantity × unit amount.
 * - tiered, volume: the tier the whole quantity falls in prices every unit, plus that tier's flat amount.
 * - tiered, graduated: each unit is priced in the tier it falls in; every tier the quantity reaches
 *   adds its flat amount once.
 * A tier's `upTo` is inclusive; null means infinity (Stripe's `up_to: "inf"`).
 */
import { currencyExponent, fromMinorUnits } from 'c/billingFormat';

/** One tier, amounts in major units as Salesforce stores them. */
export interface PriceTier {
  upTo: number | null;
  unitAmount: number | null;
  flatAmount: number | null;
}

/** The parts of a price that decide what a quantity costs. */
export interface PriceDefinition {
  currencyCode: string;
  billingScheme: string;
  tiersMode?: string | null;
  unitAmount?: number | null;
  tiers?: PriceTier[] | null;
}

/** Units charged at one rate: the breakdown a rep sees under a tiered line. */
export interface TierCharge {
  firstUnit: number;
  lastUnit: number;
  quantity: number;
  unitAmount: number;
  flatAmount: number;
}

export interface LinePrice {
  /** Line total in the currency's minor unit, rounded once as Stripe rounds a line item. */
  amountMinor: number;
  /** The same total in major units, for display. */
  amount: number;
  charges: TierCharge[];
}

/** Decimal places of a stored price (Number(18,6)); the exact arithmetic works at this scale. */
export const PRICE_SCALE = 6;

// BigInt() calls rather than `10n` literals keep the source parseable by any ES2019 tooling.
const ZERO = BigInt(0);
const TWO = BigInt(2);
const powerOfTen = (exponent: number): bigint => BigInt(10) ** BigInt(exponent);

/** Integer division rounding half away from zero, as Stripe rounds a line item. */
function divideRounded(value: bigint, divisor: bigint): bigint {
  const magnitude = value < ZERO ? -value : value;
  const rounded = (magnitude + divisor / TWO) / divisor;
  return value < ZERO ? -rounded : rounded;
}

/**
 * The exact number of millionths in a stored decimal. `String(amount)` is the shortest text that
 * reads back as the same double, i.e. the decimal Salesforce sent; digits beyond six places (only
 * possible after client-side arithmetic) are rounded half away from zero.
 */
export function toMillionths(amount: number): bigint {
  if (!Number.isFinite(amount)) throw new RangeError(`not a finite amount: ${amount}`);
  const [mantissa = '0', exponentText = '0'] = String(amount).split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const shift = Number(exponentText) - fraction.length + PRICE_SCALE;
  const digits = BigInt(whole + fraction);
  return shift >= 0 ? digits * powerOfTen(shift) : divideRounded(digits, powerOfTen(-shift));
}

/** Millionths of a major unit → whole minor units of the currency. */
function toMinorUnitsRounded(value: bigint, currency: string): number {
  return Number(divideRounded(value, powerOfTen(PRICE_SCALE - currencyExponent(currency))));
}

/** Tiers in the order Stripe applies them: ascending `upTo`, the infinite tier last. */
export function sortTiers(tiers: readonly PriceTier[]): PriceTier[] {
  return [...tiers].sort(
    (a, b) => (a.upTo ?? Number.POSITIVE_INFINITY) - (b.upTo ?? Number.POSITIVE_INFINITY)
  );
}

function assertQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw new RangeError(`a Checkout line item needs a whole quantity of at least 1, got ${quantity}`);
  }
}

function charge(firstUnit: number, lastUnit: number, tier: PriceTier): TierCharge {
  return {
    firstUnit,
    lastUnit,
    quantity: lastUnit - firstUnit + 1,
    unitAmount: tier.unitAmount ?? 0,
    flatAmount: tier.flatAmount ?? 0
  };
}

function volumeCharges(quantity: number, tiers: PriceTier[]): TierCharge[] {
  const tier = tiers.find((t) => t.upTo === null || quantity <= t.upTo);
  if (!tier)
    throw new RangeError(`quantity ${quantity} is above the last tier and the price has no open-ended tier`);
  return [charge(1, quantity, tier)];
}

function graduatedCharges(quantity: number, tiers: PriceTier[]): TierCharge[] {
  const charges: TierCharge[] = [];
  let covered = 0;
  for (const tier of tiers) {
    if (covered >= quantity) break;
    const upper = tier.upTo === null ? quantity : Math.min(quantity, tier.upTo);
    if (upper > covered) charges.push(charge(covered + 1, upper, tier));
    covered = Math.max(covered, upper);
  }
  if (covered < quantity) {
    throw new RangeError(`quantity ${quantity} is above the last tier and the price has no open-ended tier`);
  }
  return charges;
}

/** The tier charges for a quantity, before any rounding. */
export function chargesFor(price: PriceDefinition, quantity: number): TierCharge[] {
  assertQuantity(quantity);
  if (price.billingScheme !== 'tiered') {
    if (price.unitAmount === null || price.unitAmount === undefined) {
      throw new RangeError('a per-unit price needs a unit amount');
    }
    return [{ firstUnit: 1, lastUnit: quantity, quantity, unitAmount: price.unitAmount, flatAmount: 0 }];
  }
  const tiers = sortTiers(price.tiers ?? []);
  if (tiers.length === 0) throw new RangeError('a tiered price needs at least one tier');
  if (price.tiersMode === 'volume') return volumeCharges(quantity, tiers);
  if (price.tiersMode === 'graduated') return graduatedCharges(quantity, tiers);
  throw new RangeError(`unknown tiers mode: ${String(price.tiersMode)}`);
}

/** What `quantity` units of `price` cost on one Checkout line item. */
export function priceLine(price: PriceDefinition, quantity: number): LinePrice {
  const charges = chargesFor(price, quantity);
  const total = charges.reduce(
    (sum, c) => sum + BigInt(c.quantity) * toMillionths(c.unitAmount) + toMillionths(c.flatAmount),
    ZERO
  );
  const amountMinor = toMinorUnitsRounded(total, price.currencyCode);
  return { amountMinor, amount: fromMinorUnits(amountMinor, price.currencyCode), charges };
}

/** True when a stored amount is a whole number of minor units (most prices; not 0.0004 usd). */
export function isWholeMinorAmount(amount: number, currency: string): boolean {
  return toMillionths(amount) % powerOfTen(PRICE_SCALE - currencyExponent(currency)) === ZERO;
}
