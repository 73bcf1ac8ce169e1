/**
 * The link builder's form logic without the DOM: the shapes `CheckoutLinkController` returns, the
 * plan picker's grouping, the preview's lines and totals, and the field checks run before a link is
 * created. The component only renders what these functions return.
 */
import { currencyExponent, formatMoney, fromMinorUnits } from 'c/billingFormat';
import {
  isWholeMinorAmount,
  priceLine,
  type LinePrice,
  type PriceTier,
  type TierCharge
} from './tierPricing';

/** `CheckoutLinkController.ContactOption`. */
export interface ContactOption {
  id: string;
  name: string;
  email: string | null;
  hasStripeCustomer: boolean;
}

/** `CheckoutLinkController.PlanOption`: an active Stripe price. Amounts in major units. */
export interface PlanOption {
  id: string;
  priceId: string;
  productId: string;
  productName: string;
  nickname: string | null;
  currencyCode: string;
  unitAmount: number | null;
  interval: string | null;
  intervalCount: number | null;
  billingScheme: string;
  tiersMode: string | null;
  tiers: PriceTier[] | null;
}

/** `CheckoutLinkController.Catalog`. */
export interface Catalog {
  contacts: ContactOption[];
  customerCurrency: string | null;
  maxQuantity: number;
  minExpiryMinutes: number;
  maxExpiryMinutes: number;
  defaultExpiryMinutes: number;
  maxTrialDays: number;
  plans: PlanOption[];
  /** False for users who may list, expire and email links but not create or regenerate them. */
  canCreateLinks: boolean;
}

/** `CheckoutLinkController.LinkView`. Datetimes arrive as ISO strings. */
export interface LinkView {
  id: string;
  sessionId: string;
  url: string;
  status: string;
  expiresAt: string | null;
  amountTotal: number | null;
  currencyCode: string | null;
  lineItemsSummary: string | null;
  contactId: string | null;
  contactName: string | null;
  createdDate: string | null;
}

/** What the rep has entered. Numbers are null while a field is blank. */
export interface LinkFormState {
  contactId: string | null;
  currency: string | null;
  /** Plan id → quantity, for every ticked plan. */
  quantities: Record<string, number | null>;
  trialDays: number | null;
  expiresInMinutes: number | null;
}

/** A field that failed, named by the `data-field` attribute of its input. */
export interface FieldError {
  field: string;
  message: string;
}

export const CONTACT_FIELD = 'contact';
export const PLANS_FIELD = 'plans';
export const TRIAL_FIELD = 'trialDays';
export const EXPIRY_FIELD = 'expiresInMinutes';

/** The `data-field` name of a plan's quantity input. */
export function quantityField(planId: string): string {
  return `quantity-${planId}`;
}

const sameCurrency = (a: string | null | undefined, b: string | null | undefined): boolean =>
  (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

/** Upper-case ISO code for display. */
export function currencyLabel(code: string | null | undefined): string {
  return (code ?? '').trim().toUpperCase();
}

/** The distinct currencies of the catalogue, upper-case and sorted. */
export function currenciesOf(plans: readonly PlanOption[]): string[] {
  return [...new Set(plans.map((p) => currencyLabel(p.currencyCode)))].sort();
}

/** "per month", "every 3 months", "one-time". */
export function intervalLabel(interval: string | null | undefined, intervalCount?: number | null): string {
  if (!interval) return 'one-time';
  const count = intervalCount ?? 1;
  return count === 1 ? `per ${interval}` : `every ${count} ${interval}s`;
}

export function isRecurring(plan: PlanOption): boolean {
  return Boolean(plan.interval);
}

/**
 * A price as a rep reads it. Prices below a minor unit (0.0004 usd) keep their own decimals so they
 * do not display as a misleading $0.00.
 */
export function formatPrice(amount: number, currency: string): string {
  if (isWholeMinorAmount(amount, currency)) return formatMoney(amount, currency);
  const code = currencyLabel(currency);
  return new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency: code,
    minimumFractionDigits: currencyExponent(code),
    maximumFractionDigits: 6
  }).format(amount);
}

/** How a plan's price reads in the picker: "$10.00 per month", "Graduated tiers, per year". */
export function planPriceLabel(plan: PlanOption): string {
  const interval = intervalLabel(plan.interval, plan.intervalCount);
  if (plan.billingScheme === 'tiered') {
    const mode = plan.tiersMode === 'volume' ? 'Volume' : 'Graduated';
    return `${mode} tiers, ${interval}`;
  }
  return `${formatPrice(plan.unitAmount ?? 0, plan.currencyCode)} ${interval}`;
}

export interface PlanGroup {
  productId: string;
  productName: string;
  plans: PlanOption[];
}

/** The plans of one currency, grouped by product (by product name, then as the catalogue lists them). */
export function groupPlansByProduct(plans: readonly PlanOption[], currency: string | null): PlanGroup[] {
  if (!currency) return [];
  const groups = new Map<string, PlanGroup>();
  for (const plan of plans) {
    if (!sameCurrency(plan.currencyCode, currency)) continue;
    const group = groups.get(plan.productId) ?? {
      productId: plan.productId,
      productName: plan.productName,
      plans: []
    };
    group.plans.push(plan);
    groups.set(plan.productId, group);
  }
  return [...groups.values()].sort((a, b) => a.productName.localeCompare(b.productName));
}

/** A plan's display name: its nickname, or the product when the price has none. */
export function planName(plan: PlanOption): string {
  return plan.nickname ? `${plan.productName} · ${plan.nickname}` : plan.productName;
}

export interface PreviewLine {
  planId: string;
  name: string;
  quantity: number;
  intervalLabel: string;
  price: LinePrice;
  total: string;
  breakdown: string;
}

export interface PreviewTotal {
  key: string;
  label: string;
  amountMinor: number;
  total: string;
}

function describeCharge(c: TierCharge, currency: string, tiered: boolean): string {
  const units = tiered ? `units ${c.firstUnit}–${c.lastUnit}: ` : '';
  const perUnit = `${c.quantity} × ${formatPrice(c.unitAmount, currency)}`;
  const flat = c.flatAmount ? ` + ${formatPrice(c.flatAmount, currency)} flat` : '';
  return `${units}${perUnit}${flat}`;
}

/**
 * The preview's lines for the ticked plans whose quantity can be priced. A line that cannot be
 * priced (blank or out-of-range quantity) is left out; validation names the field instead.
 */
export function previewLines(
  plans: readonly PlanOption[],
  quantities: Record<string, number | null>
): PreviewLine[] {
  const lines: PreviewLine[] = [];
  for (const plan of plans) {
    const quantity = quantities[plan.id];
    if (!(plan.id in quantities) || quantity === null || quantity === undefined) continue;
    let price: LinePrice;
    try {
      price = priceLine(plan, quantity);
    } catch {
      continue;
    }
    const tiered = plan.billingScheme === 'tiered';
    lines.push({
      planId: plan.id,
      name: planName(plan),
      quantity,
      intervalLabel: intervalLabel(plan.interval, plan.intervalCount),
      price,
      total: formatMoney(price.amount, plan.currencyCode),
      breakdown: price.charges.map((c) => describeCharge(c, plan.currencyCode, tiered)).join('; ')
    });
  }
  return lines;
}

/**
 * Totals per billing interval (one-time charges separately), summed in integer minor units. Lines of
 * different currencies are never added together: each currency gets its own totals.
 */
export function previewTotals(plans: readonly PlanOption[], lines: readonly PreviewLine[]): PreviewTotal[] {
  const byId = new Map(plans.map((p) => [p.id, p]));
  const totals = new Map<string, PreviewTotal & { currency: string }>();
  for (const line of lines) {
    const plan = byId.get(line.planId);
    if (!plan) continue;
    const currency = currencyLabel(plan.currencyCode);
    const key = `${currency}:${plan.interval ?? 'one_time'}:${plan.interval ? (plan.intervalCount ?? 1) : 0}`;
    const entry = totals.get(key) ?? { key, label: line.intervalLabel, amountMinor: 0, total: '', currency };
    entry.amountMinor += line.price.amountMinor;
    totals.set(key, entry);
  }
  return [...totals.values()].map(({ key, label, amountMinor, currency }) => ({
    key,
    label,
    amountMinor,
    total: formatMoney(fromMinorUnits(amountMinor, currency), currency)
  }));
}

const isWhole = (value: number | null | undefined, min: number, max: number): boolean =>
  value !== null && value !== undefined && Number.isInteger(value) && value >= min && value <= max;

const grouped = (n: number): string => n.toLocaleString('en-US');

/**
 * Every problem with the form, in the order the fields appear (so the first one gets focus).
 * The server checks the same rules; these give the rep the message before a round trip.
 */
export function validateLinkForm(state: LinkFormState, catalog: Catalog): FieldError[] {
  const errors: FieldError[] = [];
  const contact = catalog.contacts.find((c) => c.id === state.contactId);
  if (!state.contactId) {
    errors.push({ field: CONTACT_FIELD, message: 'Choose the contact who will pay.' });
  } else if (contact && !contact.email) {
    errors.push({
      field: CONTACT_FIELD,
      message: `${contact.name} has no email address. Add one to the contact before creating a link.`
    });
  }

  const chosen = catalog.plans.filter((p) => p.id in state.quantities);
  if (chosen.length === 0) {
    errors.push({ field: PLANS_FIELD, message: 'Choose at least one plan.' });
  } else {
    const foreign = chosen.filter((p) => !sameCurrency(p.currencyCode, state.currency));
    if (foreign.length > 0) {
      const codes = currenciesOf(foreign).join(', ');
      errors.push({
        field: PLANS_FIELD,
        message: `All plans in one link must be in ${currencyLabel(state.currency) || 'one currency'}. Remove the ${codes} plans (${foreign.map(planName).join(', ')}) or switch the currency back.`
      });
    }
  }
  for (const plan of chosen) {
    if (!isWhole(state.quantities[plan.id], 1, catalog.maxQuantity)) {
      errors.push({
        field: quantityField(plan.id),
        message: `Enter a whole quantity from 1 to ${grouped(catalog.maxQuantity)} for ${planName(plan)}.`
      });
    }
  }

  if (
    chosen.some(isRecurring) &&
    state.trialDays !== null &&
    !isWhole(state.trialDays, 0, catalog.maxTrialDays)
  ) {
    errors.push({
      field: TRIAL_FIELD,
      message: `Trial days must be a whole number from 0 to ${grouped(catalog.maxTrialDays)}.`
    });
  }

  if (!isWhole(state.expiresInMinutes, catalog.minExpiryMinutes, catalog.maxExpiryMinutes)) {
    errors.push({
      field: EXPIRY_FIELD,
      message: `The link must expire after ${grouped(catalog.minExpiryMinutes)} to ${grouped(catalog.maxExpiryMinutes)} minutes.`
    });
  }
  return errors;
}

/** The `createLink` parameters for a valid form. Trial days go only with recurring plans. */
export function createLinkParams(
  state: LinkFormState,
  catalog: Catalog,
  promotionCode: string
): {
  contactId: string | null;
  lineItems: { priceId: string; quantity: number }[];
  trialDays: number | null;
  promotionCode: string | null;
  expiresInMinutes: number | null;
} {
  const chosen = catalog.plans.filter((p) => p.id in state.quantities);
  const trial = chosen.some(isRecurring) && state.trialDays ? state.trialDays : null;
  return {
    contactId: state.contactId,
    lineItems: chosen.map((p) => ({ priceId: p.priceId, quantity: state.quantities[p.id] ?? 0 })),
    trialDays: trial,
    promotionCode: promotionCode.trim() || null,
    expiresInMinutes: state.expiresInMinutes
  };
}

/**
 * The status a rep should see. A link whose expiry has passed is expired at Stripe even before the
 * `checkout.session.expired` webhook has updated the record.
 */
export function effectiveStatus(link: LinkView, now: Date): 'Open' | 'Completed' | 'Expired' {
  if (link.status === 'Completed') return 'Completed';
  if (link.status === 'Expired') return 'Expired';
  if (link.expiresAt && new Date(link.expiresAt).getTime() <= now.getTime()) return 'Expired';
  return 'Open';
}

/** The plain sentence from an Apex error (`AuraHandledException` body.message) or any other failure. */
export function errorMessage(error: unknown): string {
  const fallback = 'Something went wrong. Try again, and ask an admin if it keeps happening.';
  if (!error || typeof error !== 'object') return fallback;
  const { body, message } = error as { body?: unknown; message?: unknown };
  if (Array.isArray(body)) {
    const messages = body
      .map((b) => (b && typeof b === 'object' ? (b as { message?: unknown }).message : undefined))
      .filter((m): m is string => typeof m === 'string' && m.length > 0);
    if (messages.length > 0) return messages.join(' ');
  } else if (body && typeof body === 'object') {
    const bodyMessage = (body as { message?: unknown }).message;
    if (typeof bodyMessage === 'string' && bodyMessage) return bodyMessage;
  }
  if (typeof message === 'string' && message) return message;
  return fallback;
}
