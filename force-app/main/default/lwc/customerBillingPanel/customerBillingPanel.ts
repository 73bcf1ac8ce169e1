import { LightningElement, api } from 'lwc';
import getPanel from '@salesforce/apex/CustomerBillingPanelController.getPanel';
import syncContact from '@salesforce/apex/CustomerSyncController.syncContact';
import { errorMessage } from 'c/billingErrors';
import {
  GAUGE_RADIUS,
  paymentTimeline,
  toCustomerView,
  toInvoiceView,
  toSubscriptionView,
  type BillingPanel,
  type CustomerView,
  type InvoiceView,
  type PaymentView,
  type SubscriptionView
} from './panelModel';

/**
 * Billing at a glance on a Contact, Account or Stripe Customer record: each Stripe customer with its
 * health, churn risk and dunning stage, subscriptions, invoices with Stripe links, and a payment
 * timeline. A contact without a Stripe customer can get one from here; a failed sync can be retried.
 */
export default class CustomerBillingPanel extends LightningElement {
  private currentRecordId: string | undefined;
  private connected = false;

  /** The record the panel sits on; a new record (a console tab reusing the panel) reloads it. */
  @api
  get recordId(): string | undefined {
    return this.currentRecordId;
  }
  set recordId(value: string | undefined) {
    const changed = value !== this.currentRecordId;
    this.currentRecordId = value;
    if (changed && this.connected) void this.load();
  }

  panel: BillingPanel | null = null;
  loading = true;
  error = '';
  syncing = false;
  syncMessage = '';
  syncError = '';

  readonly gaugeRadius = GAUGE_RADIUS;

  override connectedCallback(): void {
    this.connected = true;
    void this.load();
  }

  override disconnectedCallback(): void {
    this.connected = false;
  }

  async load(): Promise<void> {
    if (!this.recordId) {
      this.loading = false;
      this.error = 'This panel works on a Contact, Account or Stripe Customer record page.';
      return;
    }
    const recordId = this.recordId;
    this.loading = true;
    this.error = '';
    try {
      const panel = (await getPanel({ recordId })) as BillingPanel;
      if (recordId === this.recordId) this.panel = panel; // a newer record replaced this request
    } catch (error) {
      if (recordId !== this.recordId) return;
      this.panel = null;
      this.error = errorMessage(error);
    } finally {
      if (recordId === this.recordId) this.loading = false;
    }
  }

  handleRefresh(): void {
    this.syncMessage = '';
    this.syncError = '';
    void this.load();
  }

  /** "Create Stripe customer" and "Retry sync" both ask the outbound sync to run for the contact now. */
  async handleSync(): Promise<void> {
    const contactId = this.panel?.contactId;
    if (!contactId || this.syncing) return;
    this.syncing = true;
    this.syncMessage = '';
    this.syncError = '';
    try {
      const message = (await syncContact({ contactId })) as string | null;
      this.syncMessage = message || 'Sent to Stripe. Refresh in a moment to see the result.';
    } catch (error) {
      this.syncError = errorMessage(error);
    } finally {
      this.syncing = false;
    }
  }

  // ---- state --------------------------------------------------------------------------------------

  get hasData(): boolean {
    return !this.loading && !this.error && !!this.panel;
  }

  get showNoCustomer(): boolean {
    return this.hasData && (!this.panel!.hasCustomer || this.customers.length === 0);
  }

  get showCustomers(): boolean {
    return this.hasData && !this.showNoCustomer;
  }

  get canCreateCustomer(): boolean {
    return !!this.panel?.contactId;
  }

  /**
   * syncContact works on a contact, and the panel knows the contact only as a whole (panel.contactId),
   * not per customer; with several customers a retry could sync another customer than the failed one.
   */
  get canRetrySync(): boolean {
    return !!this.panel?.contactId && this.customers.length === 1;
  }

  get noCustomerMessage(): string {
    return this.canCreateCustomer
      ? 'This contact has no Stripe customer yet. Create one to bill them through Stripe.'
      : 'No Stripe customer is linked to this record yet. Open one of its contacts to create one.';
  }

  get createLabel(): string {
    return this.syncing ? 'Creating…' : 'Create Stripe customer';
  }

  get retryLabel(): string {
    return this.syncing ? 'Retrying…' : 'Retry sync';
  }

  // ---- view models ----------------------------------------------------------------------------------

  get customers(): CustomerView[] {
    return (this.panel?.customers ?? []).map((c) => toCustomerView(c));
  }

  get customerHeading(): string {
    const count = this.customers.length;
    return count === 1 ? 'Stripe customer' : `Stripe customers (${count})`;
  }

  get subscriptions(): SubscriptionView[] {
    return (this.panel?.subscriptions ?? []).map((s) => toSubscriptionView(s));
  }

  get hasSubscriptions(): boolean {
    return this.subscriptions.length > 0;
  }

  get invoices(): InvoiceView[] {
    return (this.panel?.invoices ?? []).map((i) => toInvoiceView(i));
  }

  get hasInvoices(): boolean {
    return this.invoices.length > 0;
  }

  get payments(): PaymentView[] {
    return paymentTimeline(this.panel?.payments ?? []);
  }

  get hasPayments(): boolean {
    return this.payments.length > 0;
  }
}
