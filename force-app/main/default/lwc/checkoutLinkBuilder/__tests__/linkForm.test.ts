import {
  createLinkParams,
  currenciesOf,
  effectiveStatus,
  errorMessage,
  formatPrice,
  groupPlansByProduct,
  intervalLabel,
  planPriceLabel,
  previewLines,
  previewTotals,
  validateLinkForm,
  type Catalog,
  type LinkFormState,
  type LinkView,
  type PlanOption
} from '../linkForm';
import accountCatalog from './data/catalogAccount.json';
import contactCatalog from './data/catalogContact.json';
import errors from './data/errors.json';
import recentLinks from './data/recentLinks.json';

const account = accountCatalog as Catalog;
const contact = contactCatalog as Catalog;
const plan = (id: string): PlanOption => {
  const found = account.plans.find((p) => p.id === id);
  if (!found) throw new Error(`no plan ${id} in the fixture`);
  return found;
};
const TEAM_MONTHLY_USD = 'a0B5g000001PlanAAA';
const TEAM_YEARLY_USD = 'a0B5g000001PlanBAA';
const SEATS_USD = 'a0B5g000001PlanCAA';
const ONBOARDING_USD = 'a0B5g000001PlanDAA';
const TEAM_MONTHLY_EUR = 'a0B5g000001PlanEAA';
const STORAGE_EUR = 'a0B5g000001PlanFAA';

const validState = (overrides: Partial<LinkFormState> = {}): LinkFormState => ({
  contactId: '0035g00000AdaAAA',
  currency: 'USD',
  quantities: { [TEAM_MONTHLY_USD]: 2 },
  trialDays: null,
  expiresInMinutes: 60,
  ...overrides
});

describe('plan picker', () => {
  it('lists the catalogue currencies once each, upper-case', () => {
    expect(currenciesOf(account.plans)).toEqual(['EUR', 'USD']);
  });

  it('groups the plans of the chosen currency by product, products by name', () => {
    const groups = groupPlansByProduct(account.plans, 'usd');
    expect(groups.map((g) => g.productName)).toEqual(['Analytics seats', 'Onboarding', 'Team']);
    expect(groups[2]?.plans.map((p) => p.id)).toEqual([TEAM_MONTHLY_USD, TEAM_YEARLY_USD]);
    expect(groupPlansByProduct(account.plans, 'EUR').map((g) => g.productName)).toEqual(['Storage', 'Team']);
    expect(groupPlansByProduct(account.plans, null)).toEqual([]);
  });

  it('names the interval as a rep says it', () => {
    expect(intervalLabel('month', 1)).toBe('per month');
    expect(intervalLabel('month', 3)).toBe('every 3 months');
    expect(intervalLabel('year', null)).toBe('per year');
    expect(intervalLabel(null, null)).toBe('one-time');
  });

  it('labels a price with its amount and interval, or its tier mode', () => {
    expect(planPriceLabel(plan(TEAM_MONTHLY_USD))).toBe('$29.00 per month');
    expect(planPriceLabel(plan(ONBOARDING_USD))).toBe('$499.00 one-time');
    expect(planPriceLabel(plan(SEATS_USD))).toBe('Graduated tiers, every 3 months');
    expect(planPriceLabel(plan(STORAGE_EUR))).toBe('Volume tiers, per month');
  });

  it('shows a price below one minor unit with its own decimals instead of $0.00', () => {
    expect(formatPrice(0.0004, 'usd')).toBe('$0.0004');
    expect(formatPrice(12.5, 'usd')).toBe('$12.50');
    expect(formatPrice(0.5, 'jpy')).toBe('¥0.5');
  });
});

describe('price preview', () => {
  it('prices each ticked plan and explains graduated tiers unit range by unit range', () => {
    const plans = [plan(TEAM_MONTHLY_USD), plan(SEATS_USD)];
    const lines = previewLines(plans, { [TEAM_MONTHLY_USD]: 2, [SEATS_USD]: 12 });
    expect(lines.map((l) => [l.name, l.total, l.intervalLabel])).toEqual([
      ['Team · Monthly', '$58.00', 'per month'],
      ['Analytics seats · Graduated', '$61.00', 'every 3 months']
    ]);
    expect(lines[1]?.breakdown).toBe(
      'units 1–5: 5 × $5.00; units 6–10: 5 × $4.00; units 11–12: 2 × $3.00 + $10.00 flat'
    );
    expect(lines[0]?.breakdown).toBe('2 × $29.00');
  });

  it('leaves out lines whose quantity cannot be priced yet', () => {
    const lines = previewLines([plan(TEAM_MONTHLY_USD), plan(TEAM_YEARLY_USD), plan(ONBOARDING_USD)], {
      [TEAM_MONTHLY_USD]: null,
      [TEAM_YEARLY_USD]: 0
    });
    expect(lines).toEqual([]);
  });

  it('totals per interval in minor units and keeps one-time charges apart', () => {
    const plans = [plan(TEAM_MONTHLY_USD), plan(SEATS_USD), plan(ONBOARDING_USD), plan(TEAM_YEARLY_USD)];
    const quantities = { [TEAM_MONTHLY_USD]: 3, [SEATS_USD]: 1, [ONBOARDING_USD]: 1, [TEAM_YEARLY_USD]: 1 };
    const totals = previewTotals(plans, previewLines(plans, quantities));
    expect(totals.map((t) => [t.label, t.amountMinor, t.total])).toEqual([
      ['per month', 8700, '$87.00'],
      ['every 3 months', 500, '$5.00'],
      ['one-time', 49900, '$499.00'],
      ['per year', 29000, '$290.00']
    ]);
  });

  it('never adds amounts of different currencies together', () => {
    const plans = [plan(TEAM_MONTHLY_USD), plan(TEAM_MONTHLY_EUR)];
    const totals = previewTotals(
      plans,
      previewLines(plans, { [TEAM_MONTHLY_USD]: 1, [TEAM_MONTHLY_EUR]: 1 })
    );
    expect(totals.map((t) => t.total)).toEqual(['$29.00', '€27.00']);
  });

  it('ignores a preview line whose plan is not in the list', () => {
    const lines = previewLines([plan(TEAM_MONTHLY_USD)], { [TEAM_MONTHLY_USD]: 1 });
    expect(previewTotals([], lines)).toEqual([]);
  });
});

describe('validateLinkForm', () => {
  it('accepts a complete form', () => {
    expect(validateLinkForm(validState(), account)).toEqual([]);
  });

  it('asks for a contact, and for an email on a contact without one', () => {
    expect(validateLinkForm(validState({ contactId: null }), account)).toEqual([
      { field: 'contact', message: 'Choose the contact who will pay.' }
    ]);
    expect(validateLinkForm(validState({ contactId: '0035g00000BobAAA' }), account)).toEqual([
      {
        field: 'contact',
        message: 'Bob Byron has no email address. Add one to the contact before creating a link.'
      }
    ]);
  });

  it('asks for at least one plan', () => {
    expect(validateLinkForm(validState({ quantities: {} }), account)).toEqual([
      { field: 'plans', message: 'Choose at least one plan.' }
    ]);
  });

  it('refuses plans of mixed currency and names the foreign ones', () => {
    const state = validState({ quantities: { [TEAM_MONTHLY_USD]: 1, [STORAGE_EUR]: 2 } });
    expect(validateLinkForm(state, account)).toEqual([
      {
        field: 'plans',
        message:
          'All plans in one link must be in USD. Remove the EUR plans (Storage · Volume) or switch the currency back.'
      }
    ]);
  });

  it.each([
    [0, 'zero'],
    [101, 'above the limit'],
    [2.5, 'fractional'],
    [null, 'blank']
  ])('refuses quantity %p (%s) on that plan’s field', (quantity, _why) => {
    const state = validState({ quantities: { [TEAM_MONTHLY_USD]: 1, [TEAM_YEARLY_USD]: quantity } });
    expect(validateLinkForm(state, account)).toEqual([
      {
        field: `quantity-${TEAM_YEARLY_USD}`,
        message: 'Enter a whole quantity from 1 to 100 for Team · Yearly.'
      }
    ]);
  });

  it.each([-1, 731, 1.5])('refuses %p trial days for a recurring plan', (trialDays) => {
    expect(validateLinkForm(validState({ trialDays }), account)).toEqual([
      { field: 'trialDays', message: 'Trial days must be a whole number from 0 to 730.' }
    ]);
  });

  it('accepts 0 and 730 trial days, and ignores trial days without a recurring plan', () => {
    expect(validateLinkForm(validState({ trialDays: 0 }), account)).toEqual([]);
    expect(validateLinkForm(validState({ trialDays: 730 }), account)).toEqual([]);
    const oneTime = validState({ quantities: { [ONBOARDING_USD]: 1 }, trialDays: 9999 });
    expect(validateLinkForm(oneTime, account)).toEqual([]);
  });

  it.each([29, 1441, null])('refuses an expiry of %p minutes', (expiresInMinutes) => {
    expect(validateLinkForm(validState({ expiresInMinutes }), account)).toEqual([
      { field: 'expiresInMinutes', message: 'The link must expire after 30 to 1,440 minutes.' }
    ]);
  });

  it('accepts the expiry bounds themselves', () => {
    expect(validateLinkForm(validState({ expiresInMinutes: 30 }), account)).toEqual([]);
    expect(validateLinkForm(validState({ expiresInMinutes: 1440 }), account)).toEqual([]);
  });

  it('lists every problem in the order the fields appear', () => {
    const state: LinkFormState = {
      contactId: null,
      currency: 'USD',
      quantities: { [TEAM_MONTHLY_USD]: 0 },
      trialDays: 800,
      expiresInMinutes: 5
    };
    expect(validateLinkForm(state, account).map((e) => e.field)).toEqual([
      'contact',
      `quantity-${TEAM_MONTHLY_USD}`,
      'trialDays',
      'expiresInMinutes'
    ]);
  });
});

describe('createLinkParams', () => {
  it('sends Stripe price ids with quantities, the trial only with recurring plans, and a trimmed code', () => {
    const state = validState({ quantities: { [TEAM_MONTHLY_USD]: 2, [ONBOARDING_USD]: 1 }, trialDays: 14 });
    expect(createLinkParams(state, contact, '  SPRING25 ')).toEqual({
      contactId: '0035g00000AdaAAA',
      lineItems: [
        { priceId: 'price_1PteamMonthlyUSD', quantity: 2 },
        { priceId: 'price_1PonboardingUSD', quantity: 1 }
      ],
      trialDays: 14,
      promotionCode: 'SPRING25',
      expiresInMinutes: 60
    });
    const oneTime = createLinkParams(
      validState({ quantities: { [ONBOARDING_USD]: 1 }, trialDays: 14 }),
      contact,
      ' '
    );
    expect(oneTime.trialDays).toBeNull();
    expect(oneTime.promotionCode).toBeNull();
  });
});

describe('effectiveStatus', () => {
  const links = recentLinks as LinkView[];
  const now = new Date('2026-11-29T16:00:00Z');
  it('keeps the stored status, and treats an open link past its expiry as expired', () => {
    expect(links.map((l) => effectiveStatus(l, now))).toEqual(['Open', 'Completed', 'Expired', 'Expired']);
  });

  it('treats an open link without an expiry as open', () => {
    expect(effectiveStatus({ ...links[0], expiresAt: null } as LinkView, now)).toBe('Open');
  });
});

describe('errorMessage', () => {
  it('shows the sentence of an AuraHandledException', () => {
    expect(errorMessage(errors.promotionCodeInvalid)).toBe(
      'The promotion code SPRING25 is not valid for this customer.'
    );
  });

  it('joins the messages of a list body, and falls back to the error message', () => {
    expect(errorMessage(errors.uiApiList)).toBe(
      "You do not have access to the Apex class named 'CheckoutLinkController'."
    );
    expect(errorMessage(errors.network)).toBe('Failed to fetch');
  });

  it('gives one plain sentence for anything else', () => {
    const fallback = 'Something went wrong. Try again, and ask an admin if it keeps happening.';
    expect(errorMessage(undefined)).toBe(fallback);
    expect(errorMessage('boom')).toBe(fallback);
    expect(errorMessage({ body: { message: '' } })).toBe(fallback);
    expect(errorMessage({ body: [null, { message: 3 }] })).toBe(fallback);
  });
});
