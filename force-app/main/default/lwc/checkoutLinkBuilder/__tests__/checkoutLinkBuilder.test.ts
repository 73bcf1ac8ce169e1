import { createElement } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import getCatalog from '@salesforce/apex/CheckoutLinkController.getCatalog';
import getRecentLinks from '@salesforce/apex/CheckoutLinkController.getRecentLinks';
import createLink from '@salesforce/apex/CheckoutLinkController.createLink';
import expireLink from '@salesforce/apex/CheckoutLinkController.expireLink';
import regenerateLink from '@salesforce/apex/CheckoutLinkController.regenerateLink';
import emailLink from '@salesforce/apex/CheckoutLinkController.emailLink';
import CheckoutLinkBuilder from '../checkoutLinkBuilder';
import accountCatalog from './data/catalogAccount.json';
import contactCatalog from './data/catalogContact.json';
import emptyCatalog from './data/catalogEmpty.json';
import createdLink from './data/createdLink.json';
import errors from './data/errors.json';
import recentLinks from './data/recentLinks.json';
import regeneratedLink from './data/regeneratedLink.json';
import { shownState, unmountAll } from '../../__tests__/testUtils';

jest.mock(
  '@salesforce/apex/CheckoutLinkController.getCatalog',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/CheckoutLinkController.getRecentLinks',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);
jest.mock('@salesforce/apex/CheckoutLinkController.createLink', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/CheckoutLinkController.expireLink', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/CheckoutLinkController.regenerateLink', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/CheckoutLinkController.emailLink', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), { virtual: true });

interface TestWireAdapter {
  emit(value: unknown): void;
  error(body?: unknown, status?: number, statusText?: string): void;
  getLastConfig(): Record<string, unknown> | undefined;
}
const catalogAdapter = getCatalog as unknown as TestWireAdapter;
const linksAdapter = getRecentLinks as unknown as TestWireAdapter;
const mockCreateLink = createLink as unknown as jest.Mock;
const mockExpireLink = expireLink as unknown as jest.Mock;
const mockRegenerateLink = regenerateLink as unknown as jest.Mock;
const mockEmailLink = emailLink as unknown as jest.Mock;
const mockRefreshApex = refreshApex as unknown as jest.Mock;

const CONTACT_ID = '0035g00000AdaAAA';
const ACCOUNT_ID = '0015g00000AcmeAAA';
const TEAM_MONTHLY_USD = 'a0B5g000001PlanAAA';
const SEATS_USD = 'a0B5g000001PlanCAA';
const ONBOARDING_USD = 'a0B5g000001PlanDAA';
const STORAGE_EUR = 'a0B5g000001PlanFAA';

type BuilderElement = HTMLElement & { recordId?: string; objectApiName?: string };
type FieldElement = HTMLElement & {
  label?: string;
  value?: unknown;
  checked?: boolean;
  disabled?: boolean;
  options?: { label: string; value: string }[];
  setCustomValidity(message: string): void;
};

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

let toasts: { title: string; message: string; variant: string }[] = [];

function mount(recordId?: string, objectApiName?: string): BuilderElement {
  const element = createElement('c-checkout-link-builder', { is: CheckoutLinkBuilder }) as BuilderElement;
  if (recordId) element.recordId = recordId;
  if (objectApiName) element.objectApiName = objectApiName;
  element.addEventListener('lightning__showtoast', (event) => {
    toasts.push((event as CustomEvent).detail);
  });
  document.body.appendChild(element);
  return element;
}

async function mountWith(
  catalog: unknown,
  links: unknown = recentLinks,
  recordId = CONTACT_ID,
  objectApiName = 'Contact'
): Promise<BuilderElement> {
  const element = mount(recordId, objectApiName);
  catalogAdapter.emit(catalog);
  linksAdapter.emit(links);
  await flushPromises();
  return element;
}

const root = (element: HTMLElement): ShadowRoot => element.shadowRoot as ShadowRoot;
const query = <T extends Element = FieldElement>(element: HTMLElement, selector: string): T | null =>
  root(element).querySelector(selector) as unknown as T | null;
const queryAll = <T extends Element = FieldElement>(element: HTMLElement, selector: string): T[] =>
  Array.from(root(element).querySelectorAll<T>(selector));
const text = (element: HTMLElement, selector: string): string =>
  (query<HTMLElement>(element, selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
const byLabel = (element: HTMLElement, label: string): FieldElement | undefined =>
  queryAll(element, 'lightning-input, lightning-combobox, lightning-record-picker').find(
    (f) => (f as FieldElement).label === label
  );

async function change(
  field: FieldElement | null | undefined,
  detail: Record<string, unknown>
): Promise<void> {
  if (!field) throw new Error('no such field');
  field.dispatchEvent(new CustomEvent('change', { detail }));
  await flushPromises();
}

function planCheckbox(element: HTMLElement, planId: string): FieldElement {
  const box = query(element, `lightning-input[data-id="plan-checkbox"][data-plan-id="${planId}"]`);
  if (!box) throw new Error(`no checkbox for ${planId}`);
  return box;
}

async function choosePlan(element: HTMLElement, planId: string, quantity?: number): Promise<void> {
  await change(planCheckbox(element, planId), { checked: true });
  if (quantity !== undefined) {
    await change(query<FieldElement>(element, `[data-field="quantity-${planId}"]`), {
      value: String(quantity)
    });
  }
}

async function clickCreate(element: HTMLElement): Promise<void> {
  query<HTMLElement>(element, 'lightning-button[data-id="create"]')?.click();
  await flushPromises();
}

beforeEach(() => {
  toasts = [];
});

afterEach(() => {
  unmountAll();
  jest.clearAllMocks();
});

describe('c-checkout-link-builder: loading and empty states', () => {
  it('shows a spinner with a text alternative until the catalogue arrives', async () => {
    const element = mount(CONTACT_ID, 'Contact');
    await flushPromises();
    expect(shownState(element, '[data-id="loading"]').loading).toBe('Loading plans and recent links');
    expect(catalogAdapter.getLastConfig()).toEqual({ recordId: CONTACT_ID });
    expect(linksAdapter.getLastConfig()).toEqual({ recordId: CONTACT_ID });
    catalogAdapter.emit(contactCatalog);
    await flushPromises();
    expect(shownState(element, '[data-id="loading"]').loading).toBeNull();
  });

  it('explains that an admin must sync prices when the catalogue is empty', async () => {
    const element = await mountWith(emptyCatalog, []);
    expect(text(element, '[data-id="empty-catalog"]')).toContain(
      'An admin must sync prices from Stripe before checkout links can be built.'
    );
    expect(query(element, '[data-id="link-form"]')).toBeNull();
    expect(text(element, '[data-id="no-links"]')).toBe('No checkout links yet.');
  });

  it('says plainly why the catalogue could not be loaded', async () => {
    const element = mount(CONTACT_ID, 'Contact');
    catalogAdapter.error(errors.stripeUnavailable.body, 500);
    linksAdapter.error({ message: 'Recent links are unavailable.' }, 500);
    await flushPromises();
    expect(query<HTMLElement>(element, '[data-id="catalog-error"]')?.getAttribute('role')).toBe('alert');
    expect(text(element, '[data-id="catalog-error"]')).toBe(
      'Plans could not be loaded: Stripe is not answering right now; no link was created. Try again in a minute.'
    );
    expect(text(element, '[data-id="links-error"]')).toBe(
      'Recent links could not be loaded: Recent links are unavailable.'
    );
  });
});

describe('c-checkout-link-builder: users who may not create links', () => {
  it('offers no Create or Regenerate to a user without create access, and says why', async () => {
    const element = await mountWith({ ...contactCatalog, canCreateLinks: false });
    expect(query(element, '[data-id="create"]')).toBeNull();
    expect(query(element, '[data-id="regenerate"]')).toBeNull();
    expect(query(element, '[data-id="cannot-create"]')?.textContent).toContain(
      'your permission sets do not allow creating checkout links'
    );
    // Expiring an open link is still theirs to do.
    expect(query(element, '[data-id="expire"]')).not.toBeNull();
  });
});

describe('c-checkout-link-builder: plan picker and preview', () => {
  it('locks the currency to the customer’s and groups that currency’s plans by product', async () => {
    const element = await mountWith(contactCatalog);
    const currency = byLabel(element, 'Currency');
    expect(currency?.value).toBe('USD');
    expect(currency?.disabled).toBe(true);
    const legends = queryAll<HTMLElement>(element, 'fieldset[data-id="product-group"] legend').map((l) =>
      l.textContent?.trim()
    );
    expect(legends).toEqual(['Analytics seats', 'Onboarding', 'Team']);
    expect(queryAll(element, 'lightning-input[data-id="plan-checkbox"]').map((c) => c.label)).toEqual([
      'Graduated, Graduated tiers, every 3 months',
      'Standard price, $499.00 one-time',
      'Monthly, $29.00 per month',
      'Yearly, $290.00 per year'
    ]);
    expect(text(element, '[data-id="paying-contact"]')).toBe('Ada Lovelace pays at ada@example.com.');
  });

  it('previews graduated tiers exactly as Stripe charges them, in a live region', async () => {
    const element = await mountWith(contactCatalog);
    expect(query<HTMLElement>(element, '[data-id="preview"]')?.getAttribute('aria-live')).toBe('polite');
    await choosePlan(element, SEATS_USD, 12);
    // 5 × $5 + 5 × $4 + 2 × $3 + $10 flat for reaching the third tier = $61.
    expect(text(element, '[data-id="line-total"]')).toBe('$61.00');
    expect(query<HTMLElement>(element, '[data-id="preview-line"] p')?.textContent).toBe(
      'Analytics seats · Graduated × 12: $61.00 every 3 months'
    );
    expect(text(element, '[data-id="preview-line"]')).toContain(
      'units 1–5: 5 × $5.00; units 6–10: 5 × $4.00; units 11–12: 2 × $3.00 + $10.00 flat'
    );
    await choosePlan(element, ONBOARDING_USD);
    expect(
      queryAll<HTMLElement>(element, '[data-id="preview-total"]').map((t) => t.textContent?.trim())
    ).toEqual(['$61.00', '$499.00']);
    expect(text(element, '[data-id="preview"]')).toContain('Total every 3 months');
    expect(text(element, '[data-id="preview"]')).toContain('Total one-time');
  });

  it('offers trial days only when a recurring plan is chosen', async () => {
    const element = await mountWith(contactCatalog);
    await choosePlan(element, ONBOARDING_USD);
    expect(byLabel(element, 'Trial days')).toBeUndefined();
    await choosePlan(element, TEAM_MONTHLY_USD);
    expect(byLabel(element, 'Trial days')).toBeDefined();
    await change(byLabel(element, 'Trial days'), { value: '14' });
    expect(text(element, '[data-id="preview"]')).toContain('Recurring charges start after a 14-day trial.');
    await change(planCheckbox(element, TEAM_MONTHLY_USD), { checked: false });
    expect(byLabel(element, 'Trial days')).toBeUndefined();
  });

  it('lets the rep pick the currency when the customer has none yet', async () => {
    const element = await mountWith(accountCatalog, [], ACCOUNT_ID, 'Account');
    const currency = byLabel(element, 'Currency');
    expect(currency?.disabled).toBe(false);
    expect(currency?.options?.map((o) => o.value)).toEqual(['EUR', 'USD']);
    expect(text(element, '[data-id="no-plans"]')).toBe('Choose a currency to see its plans.');
    await change(currency, { value: 'EUR' });
    const legends = queryAll<HTMLElement>(element, 'fieldset[data-id="product-group"] legend').map((l) =>
      l.textContent?.trim()
    );
    expect(legends).toEqual(['Storage', 'Team']);
  });
});

describe('c-checkout-link-builder: defaults from the catalogue', () => {
  it('preselects the only currency and the only contact of an account', async () => {
    const usdOnly = {
      ...accountCatalog,
      contacts: accountCatalog.contacts.slice(0, 1),
      plans: accountCatalog.plans.filter((p) => p.currencyCode === 'usd')
    };
    const element = await mountWith(usdOnly, [], ACCOUNT_ID, 'Account');
    expect(byLabel(element, 'Currency')?.value).toBe('USD');
    expect(byLabel(element, 'Currency')?.disabled).toBe(false);
    expect(byLabel(element, 'Contact who pays')?.value).toBe(CONTACT_ID);
    expect(byLabel(element, 'Link expires after (minutes)')?.value).toBe(1440);
  });

  it('says when the customer’s currency has no active plans', async () => {
    const element = await mountWith({ ...contactCatalog, customerCurrency: 'gbp' });
    expect(byLabel(element, 'Currency')?.value).toBe('GBP');
    expect(text(element, '[data-id="no-plans"]')).toBe(
      'No active plans in GBP. An admin can add prices in Stripe and sync them.'
    );
  });
});

describe('c-checkout-link-builder: validation', () => {
  it('asks for a plan and moves focus to the plan list', async () => {
    const element = await mountWith(contactCatalog);
    await clickCreate(element);
    expect(mockCreateLink).not.toHaveBeenCalled();
    expect(query<HTMLElement>(element, '[data-id="error-summary"]')?.getAttribute('role')).toBe('alert');
    expect(text(element, '[data-id="error-summary"]')).toContain('Choose at least one plan.');
    expect(text(element, '[data-id="plans-error"]')).toBe('Choose at least one plan.');
    const plans = query<HTMLElement>(element, '[data-field="plans"]');
    expect(root(element).activeElement).toBe(plans);
    expect(plans?.getAttribute('aria-describedby')).toBeTruthy();
  });

  it.each([
    ['0', 'zero'],
    ['101', 'above the limit']
  ])('puts a quantity of %s (%s) on its own field and focuses it', async (quantity) => {
    const element = await mountWith(contactCatalog);
    await choosePlan(element, TEAM_MONTHLY_USD, Number(quantity));
    const field = query(element, `[data-field="quantity-${TEAM_MONTHLY_USD}"]`) as FieldElement;
    const setCustomValidity = jest.spyOn(field, 'setCustomValidity');
    const focus = jest.spyOn(field, 'focus');
    await clickCreate(element);
    expect(setCustomValidity).toHaveBeenCalledWith(
      'Enter a whole quantity from 1 to 100 for Team · Monthly.'
    );
    expect(focus).toHaveBeenCalled();
    expect(mockCreateLink).not.toHaveBeenCalled();
  });

  it('treats a blank quantity as missing and leaves it out of the preview', async () => {
    const element = await mountWith(contactCatalog);
    await choosePlan(element, TEAM_MONTHLY_USD);
    await change(query<FieldElement>(element, `[data-field="quantity-${TEAM_MONTHLY_USD}"]`), { value: '' });
    expect(query(element, '[data-id="preview-line"]')).toBeNull();
    await clickCreate(element);
    expect(text(element, '[data-id="error-summary"] li')).toBe(
      'Enter a whole quantity from 1 to 100 for Team · Monthly.'
    );
  });

  it('rejects trial days and expiry out of range, then clears the messages once fixed', async () => {
    const element = await mountWith(contactCatalog);
    await choosePlan(element, TEAM_MONTHLY_USD, 1);
    await change(byLabel(element, 'Trial days'), { value: '731' });
    await change(byLabel(element, 'Link expires after (minutes)'), { value: '10' });
    const trial = byLabel(element, 'Trial days') as FieldElement;
    const trialFocus = jest.spyOn(trial, 'focus');
    await clickCreate(element);
    expect(text(element, '[data-id="error-summary"] p')).toBe('Fix 2 problems before creating the link:');
    expect(
      queryAll<HTMLElement>(element, '[data-id="error-summary"] li').map((li) => li.textContent)
    ).toEqual([
      'Trial days must be a whole number from 0 to 730.',
      'The link must expire after 30 to 1,440 minutes.'
    ]);
    expect(trialFocus).toHaveBeenCalled();
    const expiry = byLabel(element, 'Link expires after (minutes)') as FieldElement;
    const expiryValidity = jest.spyOn(expiry, 'setCustomValidity');
    await change(trial, { value: '30' });
    await change(expiry, { value: '120' });
    expect(expiryValidity).toHaveBeenLastCalledWith('');
    expect(query(element, '[data-id="error-summary"]')).toBeNull();
  });

  it('refuses to build a link for a contact page’s contact without an email, focusing the notice', async () => {
    const noEmail = { ...contactCatalog, contacts: [{ ...contactCatalog.contacts[0], email: null }] };
    const element = await mountWith(noEmail);
    expect(text(element, '[data-id="paying-contact"]')).toBe('Ada Lovelace has no email address.');
    await choosePlan(element, TEAM_MONTHLY_USD, 1);
    await clickCreate(element);
    expect(text(element, '[data-id="contact-error"]')).toBe(
      'Ada Lovelace has no email address. Add one to the contact before creating a link.'
    );
    expect(root(element).activeElement).toBe(query(element, '[data-id="paying-contact"]'));
    expect(mockCreateLink).not.toHaveBeenCalled();
  });

  it('tells the rep when Stripe gets a new customer with the link', async () => {
    const newCustomer = {
      ...contactCatalog,
      contacts: [{ ...contactCatalog.contacts[0], hasStripeCustomer: false }]
    };
    const element = await mountWith(newCustomer);
    expect(text(element, '[data-id="paying-contact"]')).toBe(
      'Ada Lovelace pays at ada@example.com. Stripe gets a new customer for them with this link.'
    );
  });

  it('refuses a contact without an email and focuses the contact picker', async () => {
    const element = await mountWith(accountCatalog, [], ACCOUNT_ID, 'Account');
    const contact = byLabel(element, 'Contact who pays') as FieldElement;
    expect(contact.options?.map((o) => o.label)).toEqual([
      'Ada Lovelace (ada@example.com)',
      'Bob Byron (no email)'
    ]);
    await change(contact, { value: '0035g00000BobAAA' });
    await change(byLabel(element, 'Currency'), { value: 'USD' });
    await choosePlan(element, TEAM_MONTHLY_USD, 1);
    const focus = jest.spyOn(contact, 'focus');
    const setCustomValidity = jest.spyOn(contact, 'setCustomValidity');
    await clickCreate(element);
    expect(setCustomValidity).toHaveBeenCalledWith(
      'Bob Byron has no email address. Add one to the contact before creating a link.'
    );
    expect(focus).toHaveBeenCalled();
    expect(mockCreateLink).not.toHaveBeenCalled();
  });

  it('refuses plans of mixed currency and keeps the foreign ones visible to untick', async () => {
    const element = await mountWith(accountCatalog, [], ACCOUNT_ID, 'Account');
    await change(byLabel(element, 'Contact who pays'), { value: CONTACT_ID });
    await change(byLabel(element, 'Currency'), { value: 'EUR' });
    await choosePlan(element, STORAGE_EUR, 11);
    await change(byLabel(element, 'Currency'), { value: 'USD' });
    await choosePlan(element, TEAM_MONTHLY_USD, 1);
    expect(queryAll(element, '[data-id="foreign-plans"] lightning-input').map((i) => i.label)).toEqual([
      'Storage · Volume (EUR)'
    ]);
    await clickCreate(element);
    expect(text(element, '[data-id="plans-error"]')).toBe(
      'All plans in one link must be in USD. Remove the EUR plans (Storage · Volume) or switch the currency back.'
    );
    expect(mockCreateLink).not.toHaveBeenCalled();
    await change(query<FieldElement>(element, '[data-id="foreign-plans"] lightning-input'), {
      checked: false
    });
    expect(query(element, '[data-id="foreign-plans"]')).toBeNull();
    expect(query(element, '[data-id="error-summary"]')).toBeNull();
  });
});

describe('c-checkout-link-builder: creating a link', () => {
  it('sends the form to createLink, shows the link and refreshes the recent links', async () => {
    mockCreateLink.mockResolvedValue(createdLink);
    const element = await mountWith(contactCatalog);
    await choosePlan(element, TEAM_MONTHLY_USD, 2);
    await change(byLabel(element, 'Trial days'), { value: '14' });
    await change(byLabel(element, 'Promotion code'), { value: ' SPRING25 ' });
    await change(byLabel(element, 'Link expires after (minutes)'), { value: '90' });
    await clickCreate(element);
    await flushPromises();
    expect(mockCreateLink).toHaveBeenCalledWith({
      contactId: CONTACT_ID,
      lineItems: [{ priceId: 'price_1PteamMonthlyUSD', quantity: 2 }],
      trialDays: 14,
      promotionCode: 'SPRING25',
      expiresInMinutes: 90
    });
    expect(query<HTMLInputElement>(element, '[data-id="created-url"]')?.value).toBe(createdLink.url);
    expect(text(element, '[data-id="result"]')).toContain('Link ready for Ada Lovelace.');
    expect(text(element, '[data-id="result"]')).toContain('Team · Monthly × 2 · $58.00');
    const expiry = query<HTMLElement & { value?: string }>(
      element,
      '[data-id="created-expiry"] lightning-formatted-date-time'
    );
    expect(expiry?.value).toBe(createdLink.expiresAt);
    expect(query<HTMLElement>(element, '[data-id="result"]')?.getAttribute('aria-live')).toBe('polite');
    expect(toasts).toEqual([
      { title: 'Checkout link created', message: 'Copy it or email it to the contact.', variant: 'success' }
    ]);
    expect(mockRefreshApex).toHaveBeenCalledWith(expect.objectContaining({ data: recentLinks }));
  });

  it('keeps a space between “Expires” and the new link’s expiry time', async () => {
    mockCreateLink.mockResolvedValue(createdLink);
    const element = await mountWith(contactCatalog);
    await choosePlan(element, TEAM_MONTHLY_USD, 1);
    await clickCreate(element);
    await flushPromises();
    expect(query<HTMLElement>(element, '[data-id="created-expiry"]')?.textContent).toBe('Expires ');
  });

  it('moves focus to the new link’s copy button', async () => {
    mockCreateLink.mockResolvedValue(createdLink);
    const element = await mountWith(contactCatalog);
    await choosePlan(element, TEAM_MONTHLY_USD, 1);
    const focusSpy = jest.spyOn(HTMLElement.prototype, 'focus');
    await clickCreate(element);
    await flushPromises();
    const copy = query<HTMLElement>(element, '[data-id="copy-created"]');
    expect(focusSpy.mock.contexts).toContain(copy);
    focusSpy.mockRestore();
  });

  it('shows Stripe’s error sentence as it is and creates nothing', async () => {
    mockCreateLink.mockRejectedValue(errors.promotionCodeInvalid);
    const element = await mountWith(contactCatalog);
    await choosePlan(element, TEAM_MONTHLY_USD, 1);
    await change(byLabel(element, 'Promotion code'), { value: 'SPRING25' });
    await clickCreate(element);
    await flushPromises();
    expect(query<HTMLElement>(element, '[data-id="create-error"]')?.getAttribute('role')).toBe('alert');
    expect(text(element, '[data-id="create-error"]')).toBe(
      'The promotion code SPRING25 is not valid for this customer.'
    );
    expect(query(element, '[data-id="created-url"]')).toBeNull();
    expect(mockRefreshApex).not.toHaveBeenCalled();
    expect((query(element, 'lightning-button[data-id="create"]') as FieldElement).disabled).toBe(false);
    await change(byLabel(element, 'Promotion code'), { value: 'SPRING26' });
    expect(query(element, '[data-id="create-error"]')).toBeNull();
  });

  it('disables the button and says so while Stripe is creating the link', async () => {
    let resolve: (value: unknown) => void = () => undefined;
    mockCreateLink.mockReturnValue(new Promise((r) => (resolve = r)));
    const element = await mountWith(contactCatalog);
    await choosePlan(element, ONBOARDING_USD, 1);
    await clickCreate(element);
    const button = query(element, 'lightning-button[data-id="create"]') as FieldElement;
    expect(button.disabled).toBe(true);
    expect(text(element, '[role="status"]')).toBe('Creating the link in Stripe…');
    await clickCreate(element);
    expect(mockCreateLink).toHaveBeenCalledTimes(1);
    expect(mockCreateLink.mock.calls[0][0].trialDays).toBeNull();
    resolve(createdLink);
    await flushPromises();
    expect(button.disabled).toBe(false);
  });
});

describe('c-checkout-link-builder: copy and email', () => {
  const originalClipboard = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
  afterEach(() => {
    if (originalClipboard) Object.defineProperty(navigator, 'clipboard', originalClipboard);
    else delete (navigator as unknown as Record<string, unknown>).clipboard;
    delete (document as unknown as Record<string, unknown>).execCommand;
  });

  async function elementWithCreatedLink(): Promise<BuilderElement> {
    mockCreateLink.mockResolvedValue(createdLink);
    const element = await mountWith(contactCatalog);
    await choosePlan(element, TEAM_MONTHLY_USD, 2);
    await clickCreate(element);
    await flushPromises();
    toasts = [];
    return element;
  }

  it('copies with the Clipboard API and confirms with a toast', async () => {
    const writeText = jest.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const element = await elementWithCreatedLink();
    query<HTMLElement>(element, '[data-id="copy-created"]')?.click();
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith(createdLink.url);
    expect(toasts).toEqual([
      { title: 'Link copied', message: 'Paste it into your message to the customer.', variant: 'success' }
    ]);
  });

  it('falls back to copying a selected field when the Clipboard API is refused', async () => {
    const writeText = jest.fn(() => Promise.reject(new Error('NotAllowedError')));
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const execCommand = jest.fn(() => true);
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    const element = await elementWithCreatedLink();
    query<HTMLElement>(element, '[data-id="copy-created"]')?.click();
    await flushPromises();
    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(query<HTMLTextAreaElement>(element, '[data-id="copy-buffer"]')?.value).toBe(createdLink.url);
    expect(toasts.map((t) => t.title)).toEqual(['Link copied']);
  });

  it('asks the rep to copy by hand when the browser blocks both ways', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    const element = await elementWithCreatedLink();
    query<HTMLElement>(element, '[data-id="copy-created"]')?.click();
    await flushPromises();
    expect(toasts).toEqual([
      {
        title: 'Copy the link by hand',
        message: `Your browser blocked copying. The link is ${createdLink.url}`,
        variant: 'warning'
      }
    ]);
  });

  it('emails the link to the contact', async () => {
    mockEmailLink.mockResolvedValue(undefined);
    const element = await elementWithCreatedLink();
    query<HTMLElement>(element, '[data-id="email-created"]')?.click();
    await flushPromises();
    expect(mockEmailLink).toHaveBeenCalledWith({ linkId: createdLink.id });
    expect(toasts).toEqual([{ title: 'Link emailed', message: 'Sent to Ada Lovelace.', variant: 'success' }]);
  });

  it('says why an email could not be sent', async () => {
    mockEmailLink.mockRejectedValue({ body: { message: 'Ada Lovelace has opted out of email.' } });
    const element = await elementWithCreatedLink();
    query<HTMLElement>(element, '[data-id="email-created"]')?.click();
    await flushPromises();
    expect(toasts).toEqual([
      {
        title: 'That did not go through',
        message: 'Ada Lovelace has opted out of email.',
        variant: 'error'
      }
    ]);
    expect(text(element, '[data-id="link-action-error"]')).toBe('Ada Lovelace has opted out of email.');
  });
});

describe('c-checkout-link-builder: recent links', () => {
  it('shows each link with its status badge, expiry and the actions its status allows', async () => {
    const element = await mountWith(contactCatalog);
    const items = queryAll<HTMLElement>(element, '[data-id="recent-link"]');
    expect(items.map((i) => i.querySelector('[data-id="status"]')?.textContent)).toEqual([
      'Open',
      'Completed',
      'Expired',
      'Expired'
    ]);
    const [open, completed, expired, lapsed] = items;
    expect(open?.querySelector('lightning-formatted-date-time')).not.toBeNull();
    expect(open?.textContent).toContain('Expires');
    expect(completed?.querySelector('lightning-formatted-date-time')).toBeNull();
    expect(open?.querySelector('[data-id="expire"]')).not.toBeNull();
    expect(open?.querySelector('[data-id="regenerate"]')).toBeNull();
    expect(completed?.querySelector('button')).toBeNull();
    expect(expired?.querySelector('[data-id="regenerate"]')).not.toBeNull();
    // Still Open in Salesforce, but its expiry has passed: Stripe no longer accepts it.
    expect(lapsed?.querySelector('[data-id="regenerate"]')).not.toBeNull();
    expect(lapsed?.querySelector('[data-id="expire"]')).toBeNull();
    expect(lapsed?.textContent).toContain('Expired');
  });

  it('separates total, contact and expiry with spaces (the template compiler trims text at line ends)', async () => {
    const element = await mountWith(contactCatalog);
    const [open, completed] = queryAll<HTMLElement>(element, '[data-id="recent-link"]').map(
      (item) => item.querySelector('p')?.textContent ?? ''
    );
    expect(open).toMatch(/^\$58\.00 · Ada Lovelace · Expires $/);
    expect(completed).toBe('$290.00 · Ada Lovelace');
  });

  it('expires an open link and refreshes the list', async () => {
    mockExpireLink.mockResolvedValue({ ...recentLinks[0], status: 'Expired' });
    const element = await mountWith(contactCatalog);
    query<HTMLElement>(element, '[data-link-id="a0C5g000000LinkOpen"][data-id="expire"]')?.click();
    await flushPromises();
    expect(mockExpireLink).toHaveBeenCalledWith({ linkId: 'a0C5g000000LinkOpen' });
    expect(toasts).toEqual([
      { title: 'Link expired', message: 'The customer can no longer pay with it.', variant: 'success' }
    ]);
    expect(mockRefreshApex).toHaveBeenCalledTimes(1);
  });

  it('regenerates an expired link and shows the new one', async () => {
    mockRegenerateLink.mockResolvedValue(regeneratedLink);
    const element = await mountWith(contactCatalog);
    query<HTMLElement>(element, '[data-link-id="a0C5g000000LinkExpd"][data-id="regenerate"]')?.click();
    await flushPromises();
    expect(mockRegenerateLink).toHaveBeenCalledWith({ linkId: 'a0C5g000000LinkExpd' });
    expect(query<HTMLInputElement>(element, '[data-id="created-url"]')?.value).toBe(regeneratedLink.url);
    expect(toasts.map((t) => t.title)).toEqual(['New checkout link created']);
    expect(mockRefreshApex).toHaveBeenCalledTimes(1);
  });

  it('clears the new-link panel when the rep expires that same link', async () => {
    mockCreateLink.mockResolvedValue(createdLink);
    mockExpireLink.mockResolvedValue({ ...createdLink, status: 'Expired' });
    const element = await mountWith(contactCatalog, [createdLink]);
    await choosePlan(element, TEAM_MONTHLY_USD, 2);
    await clickCreate(element);
    await flushPromises();
    expect(query(element, '[data-id="created-url"]')).not.toBeNull();
    query<HTMLElement>(element, `[data-link-id="${createdLink.id}"][data-id="expire"]`)?.click();
    await flushPromises();
    expect(query(element, '[data-id="created-url"]')).toBeNull();
  });

  it('describes a link without a summary or contact name in words', async () => {
    const bare = { ...recentLinks[0], lineItemsSummary: null, contactName: null };
    const element = await mountWith(contactCatalog, [bare]);
    const item = query<HTMLElement>(element, '[data-id="recent-link"]');
    expect(item?.textContent).toContain('Checkout link');
    expect(item?.querySelector('[data-id="expire"]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Expire link for this checkout'
    );
    const email = item?.querySelector('[data-id="email-recent"]') as HTMLElement & {
      alternativeText?: string;
    };
    expect(email.alternativeText).toBe('Email link to the contact');
    mockEmailLink.mockResolvedValue(undefined);
    email.click();
    await flushPromises();
    expect(toasts).toEqual([{ title: 'Link emailed', message: 'Sent to the contact.', variant: 'success' }]);
  });

  it('shows Stripe’s refusal of an expiry and keeps the link', async () => {
    mockExpireLink.mockRejectedValue({
      body: { message: 'Stripe says this session is already complete; it cannot be expired.' }
    });
    const element = await mountWith(contactCatalog);
    query<HTMLElement>(element, '[data-link-id="a0C5g000000LinkOpen"][data-id="expire"]')?.click();
    await flushPromises();
    expect(text(element, '[data-id="link-action-error"]')).toBe(
      'Stripe says this session is already complete; it cannot be expired.'
    );
    expect(mockRefreshApex).not.toHaveBeenCalled();
    expect(queryAll(element, '[data-id="recent-link"]')).toHaveLength(4);
  });

  it('copies and emails an open link from the list', async () => {
    const writeText = jest.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    mockEmailLink.mockResolvedValue(undefined);
    const element = await mountWith(contactCatalog);
    query<HTMLElement>(element, '[data-id="copy-recent"]')?.click();
    query<HTMLElement>(element, '[data-id="email-recent"]')?.click();
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith(recentLinks[0]?.url);
    expect(mockEmailLink).toHaveBeenCalledWith({ linkId: 'a0C5g000000LinkOpen' });
    delete (navigator as unknown as Record<string, unknown>).clipboard;
  });
});

describe('c-checkout-link-builder: app page', () => {
  it('asks for a contact first, then loads that contact’s catalogue and links', async () => {
    const element = mount();
    await flushPromises();
    expect(text(element, '[data-id="pick-contact"]')).toBe('Choose a contact to build a checkout link for.');
    expect(shownState(element, '[data-id="loading"]').loading).toBeNull();
    const picker = byLabel(element, 'Contact') as FieldElement & { objectApiName?: string };
    expect(picker.objectApiName).toBe('Contact');
    await change(picker, { recordId: CONTACT_ID });
    expect(catalogAdapter.getLastConfig()).toEqual({ recordId: CONTACT_ID });
    catalogAdapter.emit(contactCatalog);
    await flushPromises();
    expect(text(element, '[data-id="paying-contact"]')).toBe('Ada Lovelace pays at ada@example.com.');
    mockCreateLink.mockResolvedValue(createdLink);
    await choosePlan(element, TEAM_MONTHLY_USD, 1);
    await clickCreate(element);
    expect(mockCreateLink.mock.calls[0][0].contactId).toBe(CONTACT_ID);
  });

  it('asks for the contact again when the rep clears the picker', async () => {
    const element = mount();
    await change(byLabel(element, 'Contact'), { recordId: CONTACT_ID });
    catalogAdapter.emit(contactCatalog);
    await flushPromises();
    await change(byLabel(element, 'Contact'), { recordId: null });
    expect(text(element, '[data-id="pick-contact"]')).toBe('Choose a contact to build a checkout link for.');
    expect(query(element, '[data-id="link-form"]')).toBeNull();
  });
});

describe('c-checkout-link-builder: accessibility', () => {
  it('labels every field and uses real buttons for every action', async () => {
    const element = await mountWith(contactCatalog);
    await choosePlan(element, TEAM_MONTHLY_USD, 1);
    const fields = queryAll(element, 'lightning-input, lightning-combobox');
    expect(fields.length).toBeGreaterThan(5);
    for (const field of fields) expect(field.label).toBeTruthy();
    expect(query(element, `[data-field="quantity-${TEAM_MONTHLY_USD}"]`)?.label).toBe(
      'Quantity of Team · Monthly'
    );
    for (const icon of queryAll<HTMLElement & { alternativeText?: string }>(
      element,
      'lightning-button-icon'
    )) {
      expect(icon.alternativeText).toBeTruthy();
    }
    expect(queryAll(element, 'div[onclick], span[onclick]')).toHaveLength(0);
    const expire = query<HTMLButtonElement>(element, '[data-id="expire"]');
    expect(expire?.tagName).toBe('BUTTON');
    expect(expire?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Expire link for Team · Monthly × 2');
  });

  it('labels the created link’s field', async () => {
    mockCreateLink.mockResolvedValue(createdLink);
    const element = await mountWith(contactCatalog);
    await choosePlan(element, TEAM_MONTHLY_USD, 1);
    await clickCreate(element);
    await flushPromises();
    const input = query<HTMLInputElement>(element, '[data-id="created-url"]');
    const label = query<HTMLLabelElement>(element, 'label[for]');
    expect(label?.textContent).toBe('Checkout link');
    expect(label?.getAttribute('for')).toBe(input?.id);
    expect(input?.readOnly).toBe(true);
  });
});
