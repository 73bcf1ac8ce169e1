import { createElement } from 'lwc';
import CustomerBillingPanel from 'c/customerBillingPanel';
import getPanel from '@salesforce/apex/CustomerBillingPanelController.getPanel';
import syncContact from '@salesforce/apex/CustomerSyncController.syncContact';
import panelContact from './data/panelContact.json';
import panelAccount from './data/panelAccount.json';
import panelNoCustomer from './data/panelNoCustomer.json';
import { $, $$, apexError, flush, mocked, shownState, text, unmountAll } from '../../__tests__/testUtils';

jest.mock('@salesforce/apex/CustomerBillingPanelController.getPanel', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/CustomerSyncController.syncContact', () => ({ default: jest.fn() }), {
  virtual: true
});

function mount(recordId = '0035g00000Ada01AAA'): HTMLElement {
  const element = createElement('c-customer-billing-panel', { is: CustomerBillingPanel });
  (element as HTMLElement & { recordId?: string }).recordId = recordId || undefined;
  document.body.appendChild(element);
  return element;
}

afterEach(() => {
  unmountAll();
  jest.clearAllMocks();
});

describe('c-customer-billing-panel: loading and errors', () => {
  it('asks for the record it sits on and shows a spinner meanwhile', async () => {
    mocked(getPanel).mockReturnValue(new Promise(() => undefined));
    const element = mount();
    await flush();
    expect(getPanel).toHaveBeenCalledWith({ recordId: '0035g00000Ada01AAA' });
    expect(shownState(element, '.panel-state').loading).toBe('Loading billing');
  });

  it('shows the error as an alert and loads again on "Try again"', async () => {
    mocked(getPanel)
      .mockRejectedValueOnce(apexError('Insufficient access to Stripe_Customer__c.'))
      .mockResolvedValueOnce(panelContact);
    const element = mount();
    await flush();
    const state = shownState(element, '.panel-state');
    expect(state.errorRole).toBe('alert');
    expect(state.error).toBe('Billing could not be loaded: Insufficient access to Stripe_Customer__c.');
    state.retry();
    await flush();
    expect(shownState(element, '.panel-state').error).toBeNull();
    expect(text($(element, '.customer-name'))).toBe('Ada Lovelace');
  });

  it('explains itself when placed where there is no record', async () => {
    const element = mount('');
    await flush();
    expect(getPanel).not.toHaveBeenCalled();
    expect(shownState(element, '.panel-state').error).toContain(
      'works on a Contact, Account or Stripe Customer record page'
    );
  });

  it('refreshes on the refresh button, which has an accessible name', async () => {
    mocked(getPanel).mockResolvedValue(panelContact);
    const element = mount();
    await flush();
    const refresh = $(element, '.refresh-button') as HTMLElement & { alternativeText: string };
    expect(refresh.alternativeText).toBe('Refresh billing');
    refresh.click();
    await flush();
    expect(getPanel).toHaveBeenCalledTimes(2);
  });
});

describe('c-customer-billing-panel: record changes', () => {
  it('loads again for a new record and ignores the answer for the old one', async () => {
    let resolveFirst: (value: unknown) => void = () => undefined;
    mocked(getPanel)
      .mockReturnValueOnce(new Promise((resolve) => (resolveFirst = resolve)))
      .mockResolvedValueOnce(panelAccount);
    const element = mount('0035g00000Ada01AAA');
    await flush();
    (element as HTMLElement & { recordId?: string }).recordId = '0015g00000Glo01AAA';
    await flush();
    resolveFirst(panelContact);
    await flush();
    expect(getPanel).toHaveBeenLastCalledWith({ recordId: '0015g00000Glo01AAA' });
    expect(text($(element, 'section h2'))).toBe('Stripe customers (3)');
    expect((element as HTMLElement & { recordId?: string }).recordId).toBe('0015g00000Glo01AAA');
  });

  it('does not reload when the same record is set again', async () => {
    mocked(getPanel).mockResolvedValue(panelContact);
    const element = mount('0035g00000Ada01AAA');
    await flush();
    (element as HTMLElement & { recordId?: string }).recordId = '0035g00000Ada01AAA';
    await flush();
    expect(getPanel).toHaveBeenCalledTimes(1);
  });
});

describe('c-customer-billing-panel: a contact with one customer', () => {
  beforeEach(() => mocked(getPanel).mockResolvedValue(panelContact));

  it('shows the customer summary with gauge, badges and figures', async () => {
    const element = mount();
    await flush();
    expect(text($(element, '#customers-heading') ?? $(element, 'h2'))).toBe('Stripe customer');
    const gauge = $(element, 'svg.gauge')!;
    expect(gauge.getAttribute('role')).toBe('img');
    expect(gauge.getAttribute('aria-label')).toBe('Health score 62 out of 100');
    expect(gauge.getAttribute('class')).toContain('gauge_fair');
    expect($(element, '.gauge-fill')?.getAttribute('stroke-dasharray')).toBe('140.24 85.95');
    expect(text($(element, '.churn-badge'))).toBe('Churn risk: Medium');
    expect(text($(element, '.dunning-badge'))).toBe('Dunning: Warning');
    expect($(element, '.delinquent-badge')).not.toBeNull();
    expect(text($(element, '.mrr-value'))).toBe('$490.00');
    expect(text($(element, '.lifetime-value'))).toBe('$5,390.50');
    expect(text($(element, '.balance-value'))).toBe('$25.00 credit');
    expect($(element, '.sync-error')).toBeNull();
    expect($(element, '.create-customer')).toBeNull();
  });

  it('lists subscriptions with price, MRR and what happens next', async () => {
    const element = mount();
    await flush();
    const rows = $$(element, 'table.subscriptions tbody tr');
    expect(rows).toHaveLength(2);
    expect(Array.from(rows[0]!.children).map((c) => text(c))).toEqual([
      'Pro monthly',
      'Past Due',
      '$49.00 × 10 every month',
      '$490.00',
      'Renews Dec 15, 2026'
    ]);
    expect(text(rows[1]!.lastElementChild)).toBe('Trial ends Dec 20, 2026');
    expect(rows[0]!.querySelector('th')?.getAttribute('scope')).toBe('row');
  });

  it('links invoices to Stripe in a new tab without giving the page a handle', async () => {
    const element = mount();
    await flush();
    const rows = $$(element, 'table.invoices tbody tr');
    expect(rows).toHaveLength(2);
    const hosted = rows[0]!.querySelector('a.hosted-link') as HTMLAnchorElement;
    expect(hosted.getAttribute('href')).toBe('https://invoice.stripe.com/i/acct_1/test_ADA0007');
    expect(hosted.getAttribute('target')).toBe('_blank');
    expect(hosted.getAttribute('rel')).toBe('noopener noreferrer');
    expect(hosted.getAttribute('aria-label')).toBe('View invoice ADA-0007 in Stripe (opens in a new tab)');
    const pdf = rows[0]!.querySelector('a.pdf-link') as HTMLAnchorElement;
    expect(pdf.getAttribute('href')).toBe('https://pay.stripe.com/invoice/acct_1/test_ADA0007/pdf');
    expect(pdf.getAttribute('rel')).toBe('noopener noreferrer');
    expect(text(rows[0]!.querySelector('.invoice-dunning'))).toBe('Warning');
    // Without a gap the status and its badge run together ("OpenWarning" in the browser).
    expect(rows[0]!.querySelector('.invoice-dunning-gap .invoice-dunning')).not.toBeNull();
    expect(rows[0]!.querySelector('.invoice-dunning-gap')?.classList).toContain('slds-m-left_x-small');
    // The paid invoice carries a javascript: URL in the fixture; it must not become a link.
    expect(rows[1]!.querySelector('a')).toBeNull();
    expect(rows[1]!.querySelector('.invoice-dunning')).toBeNull();
  });

  it('shows the payment timeline newest first with the failure reason and the refund', async () => {
    const element = mount();
    await flush();
    const items = $$(element, 'ol.payment-timeline > li');
    expect(items.map((i) => i.dataset.id)).toEqual(['a045g00000Pay02AAA', 'a045g00000Pay01AAA']);
    expect(text(items[0]!.querySelector('.failure-reason'))).toBe(
      'card_declined: Your card has insufficient funds.'
    );
    expect(items[0]!.querySelector('.refund')).toBeNull();
    expect(text(items[1]!.querySelector('.refund'))).toBe('Refunded $100.00');
    expect(text(items[1])).toContain('Visa •••• 4242');
    expect(text(items[1])).toContain('invoice ADA-0006');
    const icon = items[0]!.querySelector('lightning-icon') as HTMLElement & { alternativeText: string };
    expect(icon.alternativeText).toBe('Failed');
  });

  it('gives every section a heading', async () => {
    const element = mount();
    await flush();
    expect($$(element, 'section h2').map((h) => text(h))).toEqual([
      'Stripe customer',
      'Subscriptions',
      'Invoices',
      'Payments'
    ]);
    for (const section of $$(element, 'section')) {
      expect(section.getAttribute('aria-labelledby')).toBe(section.querySelector('h2')?.id);
    }
  });
});

describe('c-customer-billing-panel: an account with several customers', () => {
  beforeEach(() => mocked(getPanel).mockResolvedValue(panelAccount));

  it('shows each customer in its own currency, with empty sections said plainly', async () => {
    const element = mount('0015g00000Glo01AAA');
    await flush();
    expect(text($(element, 'section h2'))).toBe('Stripe customers (3)');
    const customers = $$(element, 'li.customer');
    expect(customers.map((c) => text(c.querySelector('.mrr-value')))).toEqual([
      '$1,200.00',
      '€800.00',
      '¥98,000'
    ]);
    expect(customers.map((c) => text(c.querySelector('.customer-name')))).toEqual([
      'Globex US',
      'ap-eu@globex.example',
      'Globex KK'
    ]);
    expect(customers[2]!.querySelector('svg.gauge')?.getAttribute('aria-label')).toBe(
      'Health score not calculated yet'
    );
    expect(text(customers[2]!.querySelector('.pending-note'))).toBe(
      'Waiting for Stripe to confirm this customer.'
    );
    expect(text($(element, '.subscriptions-empty'))).toBe('No subscriptions.');
    expect(text($(element, '.invoices-empty'))).toBe('No invoices.');
    expect(text($(element, '.payments-empty'))).toBe('No payments.');
  });

  it('shows a sync error; without a contact it says where to retry', async () => {
    const element = mount('0015g00000Glo01AAA');
    await flush();
    const error = $(element, '.sync-error');
    expect(error?.getAttribute('role')).toBe('alert');
    expect(text(error)).toContain('The last sync to Stripe failed: Stripe rejected the email address.');
    expect($(element, '.retry-sync')).toBeNull();
    expect(text(error)).toContain("Open the customer's contact to retry.");
  });

  it('offers no retry with several customers even when a contact is known', async () => {
    mocked(getPanel).mockResolvedValue({ ...panelAccount, contactId: '0035g00000Glo01AAA' });
    const element = mount('0015g00000Glo01AAA');
    await flush();
    expect($(element, '.sync-error')).not.toBeNull();
    expect($(element, '.retry-sync')).toBeNull();
  });
});

describe('c-customer-billing-panel: sync error on a contact', () => {
  const failedSync = {
    ...panelContact,
    customers: [
      { ...panelContact.customers[0], syncStatus: 'Error', syncError: 'No such customer: cus_QAda01' }
    ]
  };

  it('retries the sync and announces the answer', async () => {
    mocked(getPanel).mockResolvedValue(failedSync);
    mocked(syncContact).mockResolvedValue('Sync queued; Stripe will be updated within a minute.');
    const element = mount();
    await flush();
    const retry = $(element, '.retry-sync') as HTMLElement & { label: string };
    expect(retry.label).toBe('Retry sync');
    retry.click();
    await flush();
    expect(syncContact).toHaveBeenCalledWith({ contactId: '0035g00000Ada01AAA' });
    expect($(element, '.sync-status')?.getAttribute('aria-live')).toBe('polite');
    expect(text($(element, '.sync-message'))).toBe('Sync queued; Stripe will be updated within a minute.');
  });

  it('reports a failed retry without losing the panel', async () => {
    mocked(getPanel).mockResolvedValue(failedSync);
    mocked(syncContact).mockRejectedValue(apexError('You cannot sync this contact.'));
    const element = mount();
    await flush();
    ($(element, '.retry-sync') as HTMLElement).click();
    await flush();
    expect(text($(element, '.sync-call-error'))).toBe(
      'The request did not reach Stripe: You cannot sync this contact.'
    );
    expect($(element, 'li.customer')).not.toBeNull();
  });
});

describe('c-customer-billing-panel: no Stripe customer', () => {
  it('offers to create one for a contact', async () => {
    mocked(getPanel).mockResolvedValue(panelNoCustomer);
    let resolveSync: (value: unknown) => void = () => undefined;
    mocked(syncContact).mockReturnValue(new Promise((resolve) => (resolveSync = resolve)));
    const element = mount('0035g00000New01AAA');
    await flush();
    expect(text($(element, '.no-customer'))).toContain('This contact has no Stripe customer yet.');
    expect($(element, 'section')).toBeNull();
    const create = $(element, '.create-customer') as HTMLElement & { label: string; disabled: boolean };
    expect(create.label).toBe('Create Stripe customer');
    create.click();
    await flush();
    expect(syncContact).toHaveBeenCalledWith({ contactId: '0035g00000New01AAA' });
    expect(create.label).toBe('Creating…');
    expect(create.disabled).toBe(true);
    create.click();
    await flush();
    expect(syncContact).toHaveBeenCalledTimes(1);
    resolveSync('');
    await flush();
    expect(text($(element, '.sync-message'))).toBe('Sent to Stripe. Refresh in a moment to see the result.');
    expect(create.disabled).toBe(false);
  });

  it('offers nothing to create on an account without customers', async () => {
    mocked(getPanel).mockResolvedValue({ ...panelNoCustomer, contactId: null });
    const element = mount('0015g00000Glo02AAA');
    await flush();
    expect(text($(element, '.no-customer'))).toContain('No Stripe customer is linked to this record yet.');
    expect($(element, '.create-customer')).toBeNull();
  });

  it('treats a panel with the flag set but no customers as empty', async () => {
    mocked(getPanel).mockResolvedValue({ ...panelNoCustomer, hasCustomer: true, customers: null });
    const element = mount('0035g00000New01AAA');
    await flush();
    expect($(element, '.no-customer')).not.toBeNull();
  });

  it('clears an earlier sync message on refresh', async () => {
    mocked(getPanel).mockResolvedValue(panelNoCustomer);
    mocked(syncContact).mockResolvedValue('Queued.');
    const element = mount('0035g00000New01AAA');
    await flush();
    ($(element, '.create-customer') as HTMLElement).click();
    await flush();
    expect(text($(element, '.sync-message'))).toBe('Queued.');
    ($(element, '.refresh-button') as HTMLElement).click();
    await flush();
    expect($(element, '.sync-message')).toBeNull();
  });
});
