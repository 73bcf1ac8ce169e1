/**
 * Builds a Stripe Checkout link for a contact: pick plans and quantities, see what Stripe will
 * charge, set a trial, promotion code and expiry, then copy or email the link and follow it in the
 * recent links list. On an Account the rep picks one of its contacts; on an app page, any contact.
 */
import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getCatalog from '@salesforce/apex/CheckoutLinkController.getCatalog';
import getRecentLinks from '@salesforce/apex/CheckoutLinkController.getRecentLinks';
import createLink from '@salesforce/apex/CheckoutLinkController.createLink';
import expireLink from '@salesforce/apex/CheckoutLinkController.expireLink';
import regenerateLink from '@salesforce/apex/CheckoutLinkController.regenerateLink';
import emailLink from '@salesforce/apex/CheckoutLinkController.emailLink';
import ACCOUNT_OBJECT from '@salesforce/schema/Account';
import CONTACT_OBJECT from '@salesforce/schema/Contact';
import CONTACT_NAME_FIELD from '@salesforce/schema/Contact.Name';
import CONTACT_EMAIL_FIELD from '@salesforce/schema/Contact.Email';
import { formatMoney } from 'c/billingFormat';
import {
  CONTACT_FIELD,
  PLANS_FIELD,
  createLinkParams,
  currenciesOf,
  currencyLabel,
  effectiveStatus,
  errorMessage,
  groupPlansByProduct,
  isRecurring,
  planName,
  planPriceLabel,
  previewLines,
  previewTotals,
  quantityField,
  validateLinkForm,
  type Catalog,
  type FieldError,
  type LinkFormState,
  type LinkView,
  type PlanOption
} from './linkForm';

interface WiredResult<T> {
  data?: T;
  error?: unknown;
}

/** The part of lightning-input, -combobox and -record-picker this component calls. */
interface ValidatableField extends HTMLElement {
  setCustomValidity(message: string): void;
  reportValidity(): boolean;
}

const BADGE_CLASSES: Record<string, string> = {
  Open: 'slds-badge slds-theme_info',
  Completed: 'slds-badge slds-theme_success',
  Expired: 'slds-badge slds-badge_lightest'
};

export default class CheckoutLinkBuilder extends LightningElement {
  private currentRecordId: string | undefined;

  /** The record page's object; on an app page there is none and the rep picks a contact. */
  @api objectApiName: string | undefined;

  @api
  get recordId(): string | undefined {
    return this.currentRecordId;
  }
  set recordId(value: string | undefined) {
    this.currentRecordId = value;
    this.contextId = value ?? this.pickedContactId;
  }

  /** Contact or Account the catalogue and recent links are read for. */
  contextId: string | undefined;
  pickedContactId: string | undefined;

  catalog: Catalog | undefined;
  catalogError: string | undefined;
  links: LinkView[] | undefined;
  linksError: string | undefined;
  linksResult: WiredResult<LinkView[]> | undefined;

  chosenContactId: string | null = null;
  currency: string | null = null;
  quantities: Record<string, number | null> = {};
  trialDays: number | null = null;
  promotionCode = '';
  expiresInMinutes: number | null = null;

  fieldErrors: FieldError[] = [];
  submitted = false;
  isCreating = false;
  createError: string | undefined;
  createdLink: LinkView | undefined;
  busyLinkId: string | undefined;
  linkActionError: string | undefined;

  /** Record picker settings for an app page, built from the schema imports. */
  readonly contactDisplayInfo = { additionalFields: [String(CONTACT_EMAIL_FIELD.fieldApiName)] };
  readonly contactMatchingInfo = {
    primaryField: { fieldPath: String(CONTACT_NAME_FIELD.fieldApiName) },
    additionalFields: [{ fieldPath: String(CONTACT_EMAIL_FIELD.fieldApiName) }]
  };
  readonly contactObjectApiName = CONTACT_OBJECT.objectApiName;

  @wire(getCatalog, { recordId: '$contextId' })
  wiredCatalog(result: WiredResult<Catalog>): void {
    if (result.data) {
      this.catalog = result.data;
      this.catalogError = undefined;
      this.applyCatalogDefaults(result.data);
    } else if (result.error) {
      this.catalog = undefined;
      this.catalogError = errorMessage(result.error);
    }
  }

  @wire(getRecentLinks, { recordId: '$contextId' })
  wiredLinks(result: WiredResult<LinkView[]>): void {
    this.linksResult = result;
    if (result.data) {
      this.links = result.data;
      this.linksError = undefined;
    } else if (result.error) {
      this.links = undefined;
      this.linksError = errorMessage(result.error);
    }
  }

  private applyCatalogDefaults(catalog: Catalog): void {
    const currencies = currenciesOf(catalog.plans);
    if (catalog.customerCurrency) this.currency = currencyLabel(catalog.customerCurrency);
    else if (!this.currency && currencies.length === 1) this.currency = currencies[0] ?? null;
    if (this.expiresInMinutes === null) this.expiresInMinutes = catalog.defaultExpiryMinutes;
    if (this.isContactRecord || this.isAppPage) {
      this.chosenContactId = this.contextId ?? null;
    } else if (!this.chosenContactId && catalog.contacts.length === 1) {
      this.chosenContactId = catalog.contacts[0]?.id ?? null;
    }
  }

  // ----- context -----

  get isAccountRecord(): boolean {
    return Boolean(this.recordId) && this.objectApiName === ACCOUNT_OBJECT.objectApiName;
  }

  get isContactRecord(): boolean {
    return Boolean(this.recordId) && !this.isAccountRecord;
  }

  get isAppPage(): boolean {
    return !this.recordId;
  }

  get needsContactPick(): boolean {
    return this.isAppPage && !this.pickedContactId;
  }

  get isLoading(): boolean {
    return Boolean(this.contextId) && !this.catalog && !this.catalogError;
  }

  get isCatalogEmpty(): boolean {
    return this.catalog !== undefined && this.catalog.plans.length === 0;
  }

  get showForm(): boolean {
    return Boolean(this.catalog) && !this.isCatalogEmpty;
  }

  /** The server refuses creation without create access on links; say so instead of offering it. */
  get canCreateLinks(): boolean {
    return this.catalog?.canCreateLinks === true;
  }

  get contactOptions(): { label: string; value: string }[] {
    return (this.catalog?.contacts ?? []).map((c) => ({
      label: c.email ? `${c.name} (${c.email})` : `${c.name} (no email)`,
      value: c.id
    }));
  }

  /** Who pays, as the Contact page and app page show it (an Account page has the picker instead). */
  get payingContactText(): string {
    const contact = this.catalog?.contacts.find((c) => c.id === this.chosenContactId);
    if (!contact) return '';
    if (!contact.email) return `${contact.name} has no email address.`;
    const customer = contact.hasStripeCustomer ? '' : ' Stripe gets a new customer for them with this link.';
    return `${contact.name} pays at ${contact.email}.${customer}`;
  }

  // ----- currency and plans -----

  private get plans(): PlanOption[] {
    return this.catalog?.plans ?? [];
  }

  get currencyOptions(): { label: string; value: string }[] {
    const codes = new Set(currenciesOf(this.plans));
    if (this.currency) codes.add(this.currency);
    return [...codes].sort().map((code) => ({ label: code, value: code }));
  }

  get isCurrencyLocked(): boolean {
    return Boolean(this.catalog?.customerCurrency);
  }

  get currencyHelp(): string {
    return this.isCurrencyLocked
      ? `This customer already pays in ${this.currency}; Stripe bills a customer in one currency.`
      : 'Plans are listed in the currency you choose.';
  }

  get noPlansInCurrency(): boolean {
    return this.planGroups.length === 0;
  }

  get choosePlansHint(): string {
    return this.currency
      ? `No active plans in ${this.currency}. An admin can add prices in Stripe and sync them.`
      : 'Choose a currency to see its plans.';
  }

  private planRow(plan: PlanOption) {
    const checked = plan.id in this.quantities;
    const name = plan.nickname ?? 'Standard price';
    return {
      id: plan.id,
      checked,
      checkboxLabel: `${name}, ${planPriceLabel(plan)}`,
      quantity: this.quantities[plan.id] ?? null,
      quantityField: quantityField(plan.id),
      quantityLabel: `Quantity of ${planName(plan)}`
    };
  }

  get planGroups() {
    return groupPlansByProduct(this.plans, this.currency).map((group) => ({
      key: group.productId,
      productName: group.productName,
      plans: group.plans.map((p) => this.planRow(p))
    }));
  }

  /** Plans still ticked from another currency, listed so the rep can untick them. */
  get foreignPlans() {
    return this.plans
      .filter((p) => p.id in this.quantities && currencyLabel(p.currencyCode) !== this.currency)
      .map((p) => ({
        ...this.planRow(p),
        checkboxLabel: `${planName(p)} (${currencyLabel(p.currencyCode)})`
      }));
  }

  get hasForeignPlans(): boolean {
    return this.foreignPlans.length > 0;
  }

  get chosenPlans(): PlanOption[] {
    return this.plans.filter((p) => p.id in this.quantities);
  }

  get showTrial(): boolean {
    return this.chosenPlans.some(isRecurring);
  }

  get trialHelp(): string {
    return `0 to ${this.catalog?.maxTrialDays ?? 0} days before the first recurring charge.`;
  }

  get expiryHelp(): string {
    const c = this.catalog;
    return c ? `Between ${c.minExpiryMinutes} and ${c.maxExpiryMinutes} minutes.` : '';
  }

  // ----- preview -----

  get previewLines() {
    return previewLines(this.chosenPlans, this.quantities);
  }

  get previewTotals() {
    return previewTotals(this.chosenPlans, this.previewLines);
  }

  get hasPreview(): boolean {
    return this.previewLines.length > 0;
  }

  get trialNote(): string {
    return this.showTrial && this.trialDays
      ? `Recurring charges start after a ${this.trialDays}-day trial.`
      : '';
  }

  // ----- validation -----

  get formState(): LinkFormState {
    return {
      contactId: this.chosenContactId,
      currency: this.currency,
      quantities: this.quantities,
      trialDays: this.showTrial ? this.trialDays : null,
      expiresInMinutes: this.expiresInMinutes
    };
  }

  private errorFor(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field)?.message;
  }

  get contactError(): string | undefined {
    return this.errorFor(CONTACT_FIELD);
  }

  get plansError(): string | undefined {
    return this.errorFor(PLANS_FIELD);
  }

  get hasErrors(): boolean {
    return this.fieldErrors.length > 0;
  }

  get errorSummary(): string {
    const n = this.fieldErrors.length;
    return n === 1
      ? 'Fix 1 problem before creating the link:'
      : `Fix ${n} problems before creating the link:`;
  }

  get errorList() {
    return this.fieldErrors.map((e) => ({ key: e.field, message: e.message }));
  }

  /** Runs the checks and keeps the errors for the summary and the fields. */
  private validate(): FieldError[] {
    const errors = this.catalog ? validateLinkForm(this.formState, this.catalog) : [];
    this.fieldErrors = errors;
    return errors;
  }

  /**
   * After the first attempt, every render puts each field's message on it (or clears it), so a
   * quantity field that appears later still shows its message.
   */
  override renderedCallback(): void {
    if (!this.submitted) return;
    this.template?.querySelectorAll<ValidatableField>('[data-validatable]').forEach((input) => {
      input.setCustomValidity(this.errorFor(String(input.dataset.field)) ?? '');
      input.reportValidity();
    });
  }

  private focusField(field: string): void {
    this.template?.querySelector<HTMLElement>(`[data-field="${field}"]`)?.focus();
  }

  private changed(): void {
    this.createError = undefined;
    if (this.submitted) this.validate();
  }

  // ----- handlers -----

  handleContactPicked(event: CustomEvent<{ recordId: string | null }>): void {
    this.pickedContactId = event.detail.recordId ?? undefined;
    this.contextId = this.pickedContactId;
    this.chosenContactId = this.pickedContactId ?? null;
    this.catalog = undefined;
    this.links = undefined;
    this.createdLink = undefined;
    this.changed();
  }

  handleContactChange(event: CustomEvent<{ value: string }>): void {
    this.chosenContactId = event.detail.value || null;
    this.changed();
  }

  handleCurrencyChange(event: CustomEvent<{ value: string }>): void {
    this.currency = event.detail.value || null;
    this.changed();
  }

  handlePlanToggle(event: CustomEvent<{ checked: boolean }>): void {
    const planId = String((event.target as HTMLElement).dataset.planId);
    const next = { ...this.quantities };
    if (event.detail.checked) next[planId] = 1;
    else delete next[planId];
    this.quantities = next;
    this.changed();
  }

  handleQuantityChange(event: CustomEvent<{ value: string }>): void {
    const planId = String((event.target as HTMLElement).dataset.planId);
    this.quantities = { ...this.quantities, [planId]: toNumber(event.detail.value) };
    this.changed();
  }

  handleTrialChange(event: CustomEvent<{ value: string }>): void {
    this.trialDays = toNumber(event.detail.value);
    this.changed();
  }

  handlePromotionChange(event: CustomEvent<{ value: string }>): void {
    this.promotionCode = event.detail.value;
    this.changed();
  }

  handleExpiryChange(event: CustomEvent<{ value: string }>): void {
    this.expiresInMinutes = toNumber(event.detail.value);
    this.changed();
  }

  async handleCreate(): Promise<void> {
    const catalog = this.catalog;
    if (!catalog || this.isCreating) return;
    this.submitted = true;
    const errors = this.validate();
    const first = errors[0];
    if (first) {
      this.focusField(first.field);
      return;
    }
    this.isCreating = true;
    this.createError = undefined;
    try {
      const link = (await createLink(
        createLinkParams(this.formState, catalog, this.promotionCode)
      )) as LinkView;
      this.showResult(link, 'Checkout link created', 'Copy it or email it to the contact.');
    } catch (error) {
      this.createError = errorMessage(error);
    } finally {
      this.isCreating = false;
    }
  }

  private showResult(link: LinkView, title: string, message: string): void {
    this.createdLink = link;
    this.toast(title, message, 'success');
    void this.refreshLinks();
    // The result panel renders on the next cycle; move focus to its first action then.
    void Promise.resolve().then(() =>
      this.template?.querySelector<HTMLElement>('[data-id="copy-created"]')?.focus()
    );
  }

  private async refreshLinks(): Promise<void> {
    if (this.linksResult) await refreshApex(this.linksResult);
  }

  // ----- created link -----

  get createdLinkStatus(): string {
    return this.createdLink ? `Link ready for ${this.createdLink.contactName ?? 'the contact'}.` : '';
  }

  /** Trailing spaces survive only as values: the template compiler trims text at line ends. */
  readonly createdExpiryPrefix = 'Expires ';
  readonly labelSeparator = ': ';

  get createdLinkTotal(): string {
    const link = this.createdLink;
    return link ? formatMoney(link.amountTotal, link.currencyCode) : '';
  }

  handleCopyCreated(): void {
    if (this.createdLink) void this.copy(this.createdLink.url);
  }

  handleEmailCreated(): void {
    if (this.createdLink) void this.email(this.createdLink);
  }

  // ----- recent links -----

  get recentLinks() {
    const now = new Date();
    return (this.links ?? []).map((link) => {
      const status = effectiveStatus(link, now);
      const busy = this.busyLinkId === link.id;
      const subject = link.lineItemsSummary ?? link.contactName ?? 'this checkout';
      return {
        id: link.id,
        url: link.url,
        status,
        badgeClass: BADGE_CLASSES[status],
        summary: link.lineItemsSummary ?? 'Checkout link',
        total: formatMoney(link.amountTotal, link.currencyCode),
        contactName: link.contactName ?? '',
        expiresAt: link.expiresAt,
        createdDate: link.createdDate,
        isOpen: status === 'Open',
        isExpired: status === 'Expired',
        canRegenerate: status === 'Expired' && this.canCreateLinks,
        // The spaces live in the value: the template compiler trims text at the end of a line.
        expiryText: status === 'Open' ? ' · Expires ' : ' · Expired ',
        showExpiry: status !== 'Completed' && Boolean(link.expiresAt),
        busy,
        actionSubject: `link for ${subject}`,
        copyLabel: `Copy link for ${subject}`,
        emailLabel: `Email link to ${link.contactName ?? 'the contact'}`
      };
    });
  }

  get hasRecentLinks(): boolean {
    return (this.links?.length ?? 0) > 0;
  }

  get noRecentLinks(): boolean {
    return this.links !== undefined && this.links.length === 0;
  }

  private linkById(event: Event): LinkView | undefined {
    const id = (event.currentTarget as HTMLElement).dataset.linkId;
    return this.links?.find((l) => l.id === id);
  }

  async handleExpire(event: Event): Promise<void> {
    const link = this.linkById(event);
    if (!link) return;
    await this.runLinkAction(link, async () => {
      await expireLink({ linkId: link.id });
      if (this.createdLink?.id === link.id) this.createdLink = undefined;
      this.toast('Link expired', 'The customer can no longer pay with it.', 'success');
      await this.refreshLinks();
    });
  }

  async handleRegenerate(event: Event): Promise<void> {
    const link = this.linkById(event);
    if (!link) return;
    await this.runLinkAction(link, async () => {
      const fresh = (await regenerateLink({ linkId: link.id })) as LinkView;
      this.showResult(fresh, 'New checkout link created', 'It has the same plans; copy it or email it.');
    });
  }

  handleCopyRecent(event: Event): void {
    const link = this.linkById(event);
    if (link) void this.copy(link.url);
  }

  async handleEmailRecent(event: Event): Promise<void> {
    const link = this.linkById(event);
    if (link) await this.email(link);
  }

  private async runLinkAction(link: LinkView, action: () => Promise<void>): Promise<void> {
    this.busyLinkId = link.id;
    this.linkActionError = undefined;
    try {
      await action();
    } catch (error) {
      this.linkActionError = errorMessage(error);
      this.toast('That did not go through', this.linkActionError, 'error');
    } finally {
      this.busyLinkId = undefined;
    }
  }

  private async email(link: LinkView): Promise<void> {
    await this.runLinkAction(link, async () => {
      await emailLink({ linkId: link.id });
      this.toast('Link emailed', `Sent to ${link.contactName ?? 'the contact'}.`, 'success');
    });
  }

  /** Copies with the Clipboard API, else with a selected text field, else asks the rep to copy by hand. */
  private async copy(url: string): Promise<void> {
    try {
      if (navigator.clipboard?.writeText) {
        await navigator.clipboard.writeText(url);
        this.toast('Link copied', 'Paste it into your message to the customer.', 'success');
        return;
      }
    } catch {
      // Denied (no permission or not a secure context): fall back to the selection copy below.
    }
    const buffer = this.template?.querySelector<HTMLTextAreaElement>('[data-id="copy-buffer"]');
    let copied = false;
    if (buffer && typeof document.execCommand === 'function') {
      buffer.value = url;
      buffer.select();
      copied = document.execCommand('copy');
    }
    if (copied) this.toast('Link copied', 'Paste it into your message to the customer.', 'success');
    else this.toast('Copy the link by hand', `Your browser blocked copying. The link is ${url}`, 'warning');
  }

  private toast(title: string, message: string, variant: 'success' | 'error' | 'warning'): void {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }
}

/** A number input's value, or null when blank or not a number. */
function toNumber(value: string | null | undefined): number | null {
  if (value === null || value === undefined || String(value).trim() === '') return null;
  const n = Number(value);
  return Number.isNaN(n) ? null : n;
}
