/**
 * Pure logic behind the customer billing panel: the BillingPanel shape CustomerBillingPanelController
 * returns, and the view models the template renders (customer cards with a health gauge, badges,
 * subscription and invoice rows, a payment timeline). Money is formatted by c/billingFormat.
 */
import { formatDate, formatMoney } from 'c/billingFormat';

// ---- Apex DTOs -----------------------------------------------------------------------------------

export interface CustomerSummary {
  id: string;
  stripeCustomerId: string | null;
  name: string | null;
  email: string | null;
  currencyCode: string | null;
  healthScore: number | null;
  churnRisk: string | null;
  dunningStage: string | null;
  mrr: number | null;
  lifetimeRevenue: number | null;
  balance: number | null;
  delinquent: boolean | null;
  syncStatus: string | null;
  syncError: string | null;
  deleted: boolean | null;
}

export interface SubscriptionItem {
  id: string;
  stripeSubscriptionId: string | null;
  status: string | null;
  planName: string | null;
  quantity: number | null;
  amount: number | null;
  currencyCode: string | null;
  interval: string | null;
  intervalCount: number | null;
  mrr: number | null;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean | null;
  trialEnd: string | null;
}

export interface InvoiceItem {
  id: string;
  stripeInvoiceId: string | null;
  number: string | null;
  status: string | null;
  amountDue: number | null;
  amountPaid: number | null;
  amountRemaining: number | null;
  currencyCode: string | null;
  dueDate: string | null;
  hostedInvoiceUrl: string | null;
  invoicePdf: string | null;
  dunningStage: string | null;
  attemptCount: number | null;
  paidAt: string | null;
}

export interface PaymentItem {
  id: string;
  paymentIntentId: string | null;
  amount: number | null;
  currencyCode: string | null;
  status: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  refundedAmount: number | null;
  processedAt: string | null;
  paymentMethodType: string | null;
  cardBrand: string | null;
  cardLast4: string | null;
  invoiceNumber: string | null;
}

export interface BillingPanel {
  hasCustomer: boolean | null;
  contactId: string | null;
  customers: CustomerSummary[] | null;
  subscriptions: SubscriptionItem[] | null;
  invoices: InvoiceItem[] | null;
  payments: PaymentItem[] | null;
}

// ---- Labels and badges ---------------------------------------------------------------------------

const LABELS: Record<string, string> = {
  active: 'Active',
  trialing: 'Trialing',
  past_due: 'Past Due',
  unpaid: 'Unpaid',
  paused: 'Paused',
  canceled: 'Canceled',
  incomplete: 'Incomplete',
  incomplete_expired: 'Incomplete Expired',
  draft: 'Draft',
  open: 'Open',
  paid: 'Paid',
  uncollectible: 'Uncollectible',
  void: 'Void',
  succeeded: 'Succeeded',
  failed: 'Failed',
  refunded: 'Refunded',
  partially_refunded: 'Partially Refunded',
  processing: 'Processing',
  requires_payment_method: 'Requires Payment Method',
  requires_confirmation: 'Requires Confirmation',
  requires_action: 'Requires Action',
  requires_capture: 'Requires Capture'
};

/** A Stripe status value as people read it; unknown values are shown as sent. */
export function statusLabel(value: string | null | undefined): string {
  if (!value) return '—';
  return LABELS[value] ?? value;
}

/** SLDS theme class for a churn risk badge. */
export function churnRiskClass(risk: string | null | undefined): string {
  switch (risk) {
    case 'Critical':
    case 'High':
      return 'slds-badge slds-theme_error';
    case 'Medium':
      return 'slds-badge slds-theme_warning';
    case 'Low':
      return 'slds-badge slds-theme_success';
    default:
      return 'slds-badge';
  }
}

/** SLDS theme class for a dunning stage badge. */
export function dunningClass(stage: string | null | undefined): string {
  switch (stage) {
    case 'Final Notice':
    case 'Collections':
      return 'slds-badge slds-theme_error';
    case 'Reminder':
    case 'Warning':
      return 'slds-badge slds-theme_warning';
    default:
      return 'slds-badge slds-badge_lightest';
  }
}

/** Only https links open from the panel; anything else (javascript:, http:) is dropped. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

// ---- Health gauge ----------------------------------------------------------------------------------

export interface Gauge {
  score: number | null;
  /** Circumference of the ring, for stroke-dasharray. */
  circumference: number;
  /** `filled rest` lengths for stroke-dasharray. */
  dashArray: string;
  label: string;
  text: string;
  tone: 'good' | 'fair' | 'poor' | 'bad' | 'unknown';
}

export const GAUGE_RADIUS = 36;

const TONE_BY_RISK: Record<string, Gauge['tone']> = {
  Critical: 'bad',
  High: 'poor',
  Medium: 'fair',
  Low: 'good'
};

/**
 * A ring filled to the score (0–100, clamped). Its colour follows the churn risk the server derived
 * from the same score with the thresholds in Stripe_Settings__mdt, so the panel repeats no threshold.
 */
export function healthGauge(score: number | null | undefined, churnRisk?: string | null): Gauge {
  const circumference = Math.round(2 * Math.PI * GAUGE_RADIUS * 100) / 100;
  if (score === null || score === undefined || Number.isNaN(score)) {
    return {
      score: null,
      circumference,
      dashArray: `0 ${circumference}`,
      label: 'Health score not calculated yet',
      text: '—',
      tone: 'unknown'
    };
  }
  const clamped = Math.min(100, Math.max(0, Math.round(score)));
  const filled = Math.round(((circumference * clamped) / 100) * 100) / 100;
  const tone = TONE_BY_RISK[churnRisk ?? ''] ?? 'unknown';
  return {
    score: clamped,
    circumference,
    dashArray: `${filled} ${Math.round((circumference - filled) * 100) / 100}`,
    label: `Health score ${clamped} out of 100`,
    text: String(clamped),
    tone
  };
}

// ---- View models ------------------------------------------------------------------------------------

export interface CustomerView extends CustomerSummary {
  displayName: string;
  gauge: Gauge;
  gaugeClass: string;
  churnLabel: string;
  churnClass: string;
  dunningLabel: string;
  dunningBadgeClass: string;
  mrrDisplay: string;
  lifetimeDisplay: string;
  balanceDisplay: string;
  balanceNote: string;
  hasSyncError: boolean;
  isPending: boolean;
  stripeUrl: string | null;
}

/** Stripe dashboard link for a customer id (test-mode ids open the same path). */
export function stripeCustomerUrl(stripeCustomerId: string | null | undefined): string | null {
  return stripeCustomerId
    ? `https://dashboard.stripe.com/customers/${encodeURIComponent(stripeCustomerId)}`
    : null;
}

export function toCustomerView(c: CustomerSummary, locale?: string): CustomerView {
  const gauge = healthGauge(c.healthScore, c.churnRisk);
  const balance = c.balance ?? null;
  return {
    ...c,
    displayName: c.name || c.email || c.stripeCustomerId || 'Unnamed customer',
    gauge,
    gaugeClass: `gauge gauge_${gauge.tone}`,
    churnLabel: `Churn risk: ${c.churnRisk ?? 'not rated'}`,
    churnClass: churnRiskClass(c.churnRisk),
    dunningLabel: `Dunning: ${c.dunningStage ?? 'None'}`,
    dunningBadgeClass: dunningClass(c.dunningStage),
    mrrDisplay: formatMoney(c.mrr, c.currencyCode, locale),
    lifetimeDisplay: formatMoney(c.lifetimeRevenue, c.currencyCode, locale),
    balanceDisplay: formatMoney(balance === null ? null : Math.abs(balance), c.currencyCode, locale),
    // Stripe's customer balance: negative is credit the customer holds, positive is owed.
    balanceNote: balance === null || balance === 0 ? '' : balance < 0 ? 'credit' : 'owed',
    hasSyncError: c.syncStatus === 'Error',
    isPending: c.syncStatus === 'Pending',
    stripeUrl: stripeCustomerUrl(c.stripeCustomerId)
  };
}

export interface SubscriptionView extends SubscriptionItem {
  statusText: string;
  priceDisplay: string;
  mrrDisplay: string;
  renewalText: string;
}

/** "$49.00 × 10 every month", "¥9,800 every 3 weeks", "€300.00 one-time". */
export function priceText(item: SubscriptionItem, locale?: string): string {
  const price = formatMoney(item.amount, item.currencyCode, locale);
  const quantity = item.quantity && item.quantity !== 1 ? ` × ${item.quantity}` : '';
  if (!item.interval) return `${price}${quantity} one-time`;
  const count = item.intervalCount && item.intervalCount > 1 ? item.intervalCount : 1;
  const every = count === 1 ? `every ${item.interval}` : `every ${count} ${item.interval}s`;
  return `${price}${quantity} ${every}`;
}

/** What happens next to a subscription: trial end, cancellation or renewal date. */
export function renewalText(item: SubscriptionItem, locale?: string): string {
  if (item.status === 'canceled') return 'Canceled';
  if (item.status === 'trialing' && item.trialEnd) return `Trial ends ${formatDate(item.trialEnd, locale)}`;
  if (!item.currentPeriodEnd) return '—';
  const date = formatDate(item.currentPeriodEnd, locale);
  return item.cancelAtPeriodEnd ? `Cancels ${date}` : `Renews ${date}`;
}

export function toSubscriptionView(item: SubscriptionItem, locale?: string): SubscriptionView {
  return {
    ...item,
    statusText: statusLabel(item.status),
    priceDisplay: priceText(item, locale),
    mrrDisplay: formatMoney(item.mrr, item.currencyCode, locale),
    renewalText: renewalText(item, locale)
  };
}

export interface InvoiceView extends InvoiceItem {
  title: string;
  statusText: string;
  dueDisplay: string;
  remainingDisplay: string;
  dueDateDisplay: string;
  dunningLabel: string;
  dunningBadgeClass: string;
  showDunning: boolean;
  hostedUrl: string | null;
  pdfUrl: string | null;
  hostedLabel: string;
  pdfLabel: string;
}

export function toInvoiceView(item: InvoiceItem, locale?: string): InvoiceView {
  const title = item.number || item.stripeInvoiceId || 'Draft invoice';
  return {
    ...item,
    title,
    statusText: statusLabel(item.status),
    dueDisplay: formatMoney(item.amountDue, item.currencyCode, locale),
    remainingDisplay: formatMoney(item.amountRemaining, item.currencyCode, locale),
    dueDateDisplay: item.dueDate ? formatDate(`${item.dueDate}T00:00:00Z`, locale) : '—',
    dunningLabel: item.dunningStage ?? 'None',
    dunningBadgeClass: dunningClass(item.dunningStage),
    showDunning: !!item.dunningStage && item.dunningStage !== 'None',
    hostedUrl: safeUrl(item.hostedInvoiceUrl),
    pdfUrl: safeUrl(item.invoicePdf),
    hostedLabel: `View invoice ${title} in Stripe (opens in a new tab)`,
    pdfLabel: `Download invoice ${title} as PDF (opens in a new tab)`
  };
}

export interface PaymentView extends PaymentItem {
  dateDisplay: string;
  amountDisplay: string;
  statusText: string;
  methodText: string;
  isFailure: boolean;
  failureText: string;
  hasRefund: boolean;
  refundText: string;
  iconName: string;
  itemClass: string;
}

/** "Visa •••• 4242", or the payment method type ("sepa_debit" → "sepa debit"). */
export function methodText(p: PaymentItem): string {
  if (p.cardBrand || p.cardLast4) {
    const brand = p.cardBrand ? p.cardBrand.charAt(0).toUpperCase() + p.cardBrand.slice(1) : 'Card';
    return p.cardLast4 ? `${brand} •••• ${p.cardLast4}` : brand;
  }
  return p.paymentMethodType ? p.paymentMethodType.replace(/_/g, ' ') : '';
}

/** The payment timeline, newest first; payments without a date go last. */
export function paymentTimeline(payments: PaymentItem[], locale?: string): PaymentView[] {
  const time = (p: PaymentItem): number =>
    p.processedAt ? Date.parse(p.processedAt) : Number.NEGATIVE_INFINITY;
  return [...payments]
    .sort((a, b) => time(b) - time(a))
    .map((p) => {
      const isFailure = p.status === 'failed' || !!p.failureCode;
      const refunded = p.refundedAmount ?? 0;
      const failureText = isFailure
        ? [p.failureCode, p.failureMessage].filter((s) => !!s).join(': ') || 'No reason given by Stripe'
        : '';
      return {
        ...p,
        dateDisplay: formatDate(p.processedAt, locale),
        amountDisplay: formatMoney(p.amount, p.currencyCode, locale),
        statusText: statusLabel(p.status),
        methodText: methodText(p),
        isFailure,
        failureText,
        hasRefund: refunded > 0,
        refundText: refunded > 0 ? `Refunded ${formatMoney(refunded, p.currencyCode, locale)}` : '',
        iconName: isFailure ? 'utility:error' : refunded > 0 ? 'utility:undo' : 'utility:success',
        itemClass:
          `timeline-item ${isFailure ? 'timeline-item_failed' : refunded > 0 ? 'timeline-item_refund' : ''}`.trim()
      };
    });
}
