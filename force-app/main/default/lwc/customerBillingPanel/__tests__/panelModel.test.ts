import {
  churnRiskClass,
  dunningClass,
  healthGauge,
  methodText,
  paymentTimeline,
  priceText,
  renewalText,
  safeUrl,
  statusLabel,
  stripeCustomerUrl,
  toCustomerView,
  toInvoiceView,
  toSubscriptionView,
  type CustomerSummary,
  type InvoiceItem,
  type PaymentItem,
  type SubscriptionItem
} from '../panelModel';
import contact from './data/panelContact.json';
import account from './data/panelAccount.json';

const subs = contact.subscriptions as SubscriptionItem[];
const invoices = contact.invoices as InvoiceItem[];
const payments = contact.payments as PaymentItem[];
const sub = (change: Partial<SubscriptionItem>): SubscriptionItem => ({
  ...(subs[0] as SubscriptionItem),
  ...change
});

describe('healthGauge', () => {
  it('fills the ring in proportion to the score and names it for screen readers', () => {
    const gauge = healthGauge(62, 'Medium');
    expect(gauge.circumference).toBe(226.19);
    expect(gauge.dashArray).toBe('140.24 85.95');
    expect(gauge.label).toBe('Health score 62 out of 100');
    expect(gauge.text).toBe('62');
    expect(gauge.tone).toBe('fair');
  });

  it('takes its colour from the server churn risk, not from thresholds of its own', () => {
    expect(healthGauge(10, 'Critical').tone).toBe('bad');
    expect(healthGauge(40, 'High').tone).toBe('poor');
    expect(healthGauge(90, 'Low').tone).toBe('good');
    expect(healthGauge(90, null).tone).toBe('unknown');
  });

  it('is empty at 0, full at 100, and clamps anything outside', () => {
    expect(healthGauge(0).dashArray).toBe('0 226.19');
    expect(healthGauge(100).dashArray).toBe('226.19 0');
    expect(healthGauge(130).score).toBe(100);
    expect(healthGauge(-5).score).toBe(0);
  });

  it('says the score is not calculated rather than showing zero', () => {
    for (const blank of [null, undefined, Number.NaN]) {
      const gauge = healthGauge(blank);
      expect(gauge.text).toBe('—');
      expect(gauge.label).toBe('Health score not calculated yet');
      expect(gauge.dashArray).toBe('0 226.19');
    }
  });
});

describe('labels, badges and links', () => {
  it('labels Stripe statuses', () => {
    expect(statusLabel('past_due')).toBe('Past Due');
    expect(statusLabel('partially_refunded')).toBe('Partially Refunded');
    expect(statusLabel('requires_action')).toBe('Requires Action');
    expect(statusLabel('brand_new_status')).toBe('brand_new_status');
    expect(statusLabel(null)).toBe('—');
  });

  it('colours churn and dunning badges by severity', () => {
    expect(churnRiskClass('Critical')).toContain('slds-theme_error');
    expect(churnRiskClass('High')).toContain('slds-theme_error');
    expect(churnRiskClass('Medium')).toContain('slds-theme_warning');
    expect(churnRiskClass('Low')).toContain('slds-theme_success');
    expect(churnRiskClass(null)).toBe('slds-badge');
    expect(dunningClass('Collections')).toContain('slds-theme_error');
    expect(dunningClass('Final Notice')).toContain('slds-theme_error');
    expect(dunningClass('Reminder')).toContain('slds-theme_warning');
    expect(dunningClass('Warning')).toContain('slds-theme_warning');
    expect(dunningClass('None')).toBe('slds-badge slds-badge_lightest');
  });

  it('opens only https links', () => {
    expect(safeUrl('https://invoice.stripe.com/i/x')).toBe('https://invoice.stripe.com/i/x');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('http://invoice.stripe.com/i/x')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(safeUrl(null)).toBeNull();
  });

  it('links a Stripe customer to the Stripe dashboard', () => {
    expect(stripeCustomerUrl('cus_QAda01')).toBe('https://dashboard.stripe.com/customers/cus_QAda01');
    expect(stripeCustomerUrl(null)).toBeNull();
  });
});

describe('customer view', () => {
  it('formats figures in the customer currency and reads a negative balance as credit', () => {
    const view = toCustomerView(contact.customers[0] as CustomerSummary, 'en-US');
    expect(view.displayName).toBe('Ada Lovelace');
    expect(view.mrrDisplay).toBe('$490.00');
    expect(view.lifetimeDisplay).toBe('$5,390.50');
    expect(view.balanceDisplay).toBe('$25.00');
    expect(view.balanceNote).toBe('credit');
    expect(view.churnLabel).toBe('Churn risk: Medium');
    expect(view.dunningLabel).toBe('Dunning: Warning');
    expect(view.gaugeClass).toBe('gauge gauge_fair');
    expect(view.hasSyncError).toBe(false);
  });

  it('keeps each currency of a multi-currency account apart', () => {
    const views = (account.customers as CustomerSummary[]).map((c) => toCustomerView(c, 'en-US'));
    expect(views.map((v) => v.mrrDisplay)).toEqual(['$1,200.00', '€800.00', '¥98,000']);
    expect(views[0]?.balanceNote).toBe('');
    expect(views[1]?.balanceNote).toBe('owed');
    expect(views[1]?.displayName).toBe('ap-eu@globex.example');
    expect(views[1]?.hasSyncError).toBe(true);
    expect(views[2]?.isPending).toBe(true);
    expect(views[2]?.balanceDisplay).toBe('—');
    expect(views[2]?.churnLabel).toBe('Churn risk: not rated');
    expect(views[2]?.dunningLabel).toBe('Dunning: None');
    expect(views[2]?.stripeUrl).toBeNull();
  });

  it('falls back to a neutral name when Stripe has none', () => {
    const blank = { id: 'x', name: null, email: null, stripeCustomerId: null } as CustomerSummary;
    expect(toCustomerView(blank).displayName).toBe('Unnamed customer');
  });
});

describe('subscription view', () => {
  it('describes the price, quantity and interval', () => {
    expect(priceText(sub({}), 'en-US')).toBe('$49.00 × 10 every month');
    expect(priceText(sub({ quantity: 1, intervalCount: 3 }), 'en-US')).toBe('$49.00 every 3 months');
    expect(
      priceText(
        sub({ currencyCode: 'jpy', amount: 9800, quantity: 1, interval: 'week', intervalCount: 3 }),
        'en-US'
      )
    ).toBe('¥9,800 every 3 weeks');
    expect(priceText(sub({ interval: null, quantity: null }), 'en-US')).toBe('$49.00 one-time');
  });

  it('says what happens next', () => {
    expect(renewalText(sub({}), 'en-US')).toBe('Renews Dec 15, 2026');
    expect(renewalText(sub({ cancelAtPeriodEnd: true }), 'en-US')).toBe('Cancels Dec 15, 2026');
    expect(renewalText(subs[1] as SubscriptionItem, 'en-US')).toBe('Trial ends Dec 20, 2026');
    expect(renewalText(sub({ status: 'canceled' }))).toBe('Canceled');
    expect(renewalText(sub({ currentPeriodEnd: null }))).toBe('—');
  });

  it('builds the row', () => {
    expect(toSubscriptionView(sub({}), 'en-US')).toMatchObject({
      statusText: 'Past Due',
      mrrDisplay: '$490.00'
    });
  });
});

describe('invoice view', () => {
  it('formats amounts and due date, and labels links for screen readers', () => {
    const view = toInvoiceView(invoices[0] as InvoiceItem, 'en-US');
    expect(view.title).toBe('ADA-0007');
    expect(view.dueDisplay).toBe('$490.00');
    expect(view.remainingDisplay).toBe('$490.00');
    expect(view.dueDateDisplay).toBe('Nov 15, 2026');
    expect(view.showDunning).toBe(true);
    expect(view.hostedUrl).toBe('https://invoice.stripe.com/i/acct_1/test_ADA0007');
    expect(view.pdfUrl).toBe('https://pay.stripe.com/invoice/acct_1/test_ADA0007/pdf');
    expect(view.hostedLabel).toBe('View invoice ADA-0007 in Stripe (opens in a new tab)');
    expect(view.pdfLabel).toBe('Download invoice ADA-0007 as PDF (opens in a new tab)');
  });

  it('drops unsafe links and hides the None dunning stage', () => {
    const view = toInvoiceView(invoices[1] as InvoiceItem, 'en-US');
    expect(view.hostedUrl).toBeNull();
    expect(view.pdfUrl).toBeNull();
    expect(view.showDunning).toBe(false);
  });

  it('names a draft by its Stripe id or as a draft', () => {
    const draft = { ...(invoices[0] as InvoiceItem), number: null, dueDate: null, dunningStage: null };
    expect(toInvoiceView(draft).title).toBe('in_1QOpen');
    expect(toInvoiceView(draft).dueDateDisplay).toBe('—');
    expect(toInvoiceView(draft).dunningLabel).toBe('None');
    expect(toInvoiceView({ ...draft, stripeInvoiceId: null }).title).toBe('Draft invoice');
  });
});

describe('payment timeline', () => {
  it('puts the newest first and shows failure reasons and refunds', () => {
    const timeline = paymentTimeline(payments, 'en-US');
    expect(timeline.map((p) => p.id)).toEqual(['a045g00000Pay02AAA', 'a045g00000Pay01AAA']);
    const [failed, refunded] = timeline;
    expect(failed).toMatchObject({
      isFailure: true,
      failureText: 'card_declined: Your card has insufficient funds.',
      statusText: 'Failed',
      iconName: 'utility:error',
      hasRefund: false,
      dateDisplay: 'Nov 16, 2026',
      itemClass: 'timeline-item timeline-item_failed'
    });
    expect(refunded).toMatchObject({
      isFailure: false,
      hasRefund: true,
      refundText: 'Refunded $100.00',
      amountDisplay: '$490.00',
      methodText: 'Visa •••• 4242',
      iconName: 'utility:undo',
      itemClass: 'timeline-item timeline-item_refund'
    });
  });

  it('puts undated payments last and explains a failure without a reason', () => {
    const undated = { ...(payments[0] as PaymentItem), id: 'undated', processedAt: null };
    const silent = {
      ...(payments[1] as PaymentItem),
      id: 'silent',
      failureCode: null,
      failureMessage: null,
      refundedAmount: null
    };
    const timeline = paymentTimeline([undated, silent]);
    expect(timeline.map((p) => p.id)).toEqual(['silent', 'undated']);
    expect(timeline[0]?.failureText).toBe('No reason given by Stripe');
    expect(timeline[1]?.dateDisplay).toBe('—');
    const ok = paymentTimeline([{ ...silent, status: 'succeeded' }])[0];
    expect(ok).toMatchObject({ isFailure: false, iconName: 'utility:success', itemClass: 'timeline-item' });
  });

  it('describes the payment method', () => {
    const p = payments[0] as PaymentItem;
    expect(methodText({ ...p, cardLast4: null })).toBe('Visa');
    expect(methodText({ ...p, cardBrand: null })).toBe('Card •••• 4242');
    expect(methodText({ ...p, cardBrand: null, cardLast4: null, paymentMethodType: 'sepa_debit' })).toBe(
      'sepa debit'
    );
    expect(methodText({ ...p, cardBrand: null, cardLast4: null, paymentMethodType: null })).toBe('');
  });
});
