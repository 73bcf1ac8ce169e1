import {
  EMPTY_FILTERS,
  FIRST_PAGE,
  billingPeriodLabel,
  columnForSortField,
  confirmationFor,
  currencyOptions,
  defaultCurrency,
  hasActiveFilters,
  kpiTiles,
  nextCursor,
  pageRequest,
  periodRange,
  rowActionsFor,
  sortFieldForColumn,
  statusLabel,
  toApexFilter,
  toTableRow,
  withAnyOption,
  type CurrencyKpis,
  type SubscriptionPage,
  type SubscriptionRow
} from '../consoleModel';
import kpis from './data/kpis.json';
import page1 from './data/page1.json';
import page2 from './data/page2.json';
import emptyPage from './data/emptyPage.json';

const rows = page1.rows as SubscriptionRow[];
const active = rows[0] as SubscriptionRow;
const pastDue = rows[1] as SubscriptionRow;
const trialingCanceling = (page2.rows as SubscriptionRow[])[0] as SubscriptionRow;
const row = (change: Partial<SubscriptionRow>): SubscriptionRow => ({ ...active, ...change });
const names = (r: SubscriptionRow): string[] => rowActionsFor(r).map((a) => a.name);

describe('toApexFilter', () => {
  it('sends null for every blank filter', () => {
    expect(toApexFilter(EMPTY_FILTERS)).toEqual({
      statuses: null,
      planId: null,
      currencyCode: null,
      dunningStage: null,
      churnRisk: null,
      search: null
    });
    expect(hasActiveFilters(EMPTY_FILTERS)).toBe(false);
  });

  it('maps each filter to its SubscriptionFilter field, lower-casing the currency', () => {
    const filter = toApexFilter({
      statuses: ['active', 'past_due'],
      planId: 'a035g00000PlanAAAA',
      currencyCode: 'USD',
      dunningStage: 'Final Notice',
      churnRisk: 'High',
      search: '  acme  '
    });
    expect(filter).toEqual({
      statuses: ['active', 'past_due'],
      planId: 'a035g00000PlanAAAA',
      currencyCode: 'usd',
      dunningStage: 'Final Notice',
      churnRisk: 'High',
      search: 'acme'
    });
  });

  it('ignores a one-letter search, which would match nearly everything', () => {
    expect(toApexFilter({ ...EMPTY_FILTERS, search: 'a' }).search).toBeNull();
    expect(hasActiveFilters({ ...EMPTY_FILTERS, search: 'a' })).toBe(false);
    expect(toApexFilter({ ...EMPTY_FILTERS, search: 'ab' }).search).toBe('ab');
    expect(hasActiveFilters({ ...EMPTY_FILTERS, churnRisk: 'Low' })).toBe(true);
  });

  it('copies the status list so later edits do not leak into a sent request', () => {
    const statuses = ['active'];
    const filter = toApexFilter({ ...EMPTY_FILTERS, statuses });
    statuses.push('canceled');
    expect(filter.statuses).toEqual(['active']);
  });

  it('puts an "any" option first', () => {
    expect(withAnyOption('All plans', [{ label: 'Pro', value: 'x' }])).toEqual([
      { label: 'All plans', value: '' },
      { label: 'Pro', value: 'x' }
    ]);
  });
});

describe('sorting and keyset paging', () => {
  it('maps sortable columns to controller sort fields and back', () => {
    expect(sortFieldForColumn('customerUrl')).toBe('customerName');
    expect(sortFieldForColumn('statusLabel')).toBe('status');
    expect(sortFieldForColumn('mrrDisplay')).toBe('mrr');
    expect(sortFieldForColumn('periodEndDisplay')).toBe('currentPeriodEnd');
    expect(sortFieldForColumn('planName')).toBeUndefined();
    expect(columnForSortField('mrr')).toBe('mrrDisplay');
    expect(columnForSortField('currentPeriodEnd')).toBe('periodEndDisplay');
    expect(columnForSortField('createdDate')).toBe('createdDate');
  });

  it('continues after the last value and id of a page that has more', () => {
    expect(nextCursor(page1 as SubscriptionPage)).toEqual({
      afterValue: '300.00',
      afterId: 'a065g00000Sub02AAA'
    });
  });

  it('stops when the page says there is no more, or gives no id to continue from', () => {
    expect(nextCursor(page2 as SubscriptionPage)).toBeNull();
    expect(nextCursor(emptyPage as SubscriptionPage)).toBeNull();
    expect(nextCursor({ rows: [], hasMore: true, lastValue: 'x', lastId: null })).toBeNull();
  });

  it('keeps a null sort value (a blank period end) in the cursor', () => {
    expect(nextCursor({ rows: [], hasMore: true, lastValue: null, lastId: 'a065g00000Sub09AAA' })).toEqual({
      afterValue: null,
      afterId: 'a065g00000Sub09AAA'
    });
  });

  it('builds the getSubscriptions arguments', () => {
    expect(
      pageRequest({ ...EMPTY_FILTERS, currencyCode: 'eur' }, 'mrr', 'desc', 50, {
        afterValue: '300.00',
        afterId: 'a065g00000Sub02AAA'
      })
    ).toEqual({
      filter: {
        statuses: null,
        planId: null,
        currencyCode: 'eur',
        dunningStage: null,
        churnRisk: null,
        search: null
      },
      sortField: 'mrr',
      sortDirection: 'desc',
      pageSize: 50,
      afterValue: '300.00',
      afterId: 'a065g00000Sub02AAA'
    });
    expect(pageRequest(EMPTY_FILTERS, 'status', 'asc', 10, FIRST_PAGE)).toMatchObject({
      afterValue: null,
      afterId: null
    });
  });
});

describe('table rows', () => {
  it('formats money in the row currency, dates in UTC and links the customer', () => {
    const table = toTableRow(active, 'en-US');
    expect(table.mrrDisplay).toBe('$490.00');
    expect(table.amountDisplay).toBe('$49.00');
    expect(table.periodEndDisplay).toBe('Dec 15, 2026');
    expect(table.customerUrl).toBe('/lightning/r/Stripe_Customer__c/a015g00000Cus01AAA/view');
    expect(table.statusLabel).toBe('Active');
    expect(table.healthDisplay).toBe('92');
    expect(table.billingPeriod).toBe('every month');
  });

  it('shows zero-decimal currencies without decimals and blanks as dashes', () => {
    const table = toTableRow(trialingCanceling, 'en-US');
    expect(table.amountDisplay).toBe('¥9,800');
    expect(table.mrrDisplay).toBe('¥0');
    expect(table.periodEndDisplay).toBe('—');
    expect(table.healthDisplay).toBe('—');
    expect(table.statusLabel).toBe('Trialing (cancels at period end)');
    expect(table.billingPeriod).toBe('every 3 weeks');
    expect(toTableRow(row({ customerId: null })).customerUrl).toBeNull();
  });

  it('labels statuses and intervals', () => {
    expect(statusLabel('past_due')).toBe('Past Due');
    expect(statusLabel('incomplete_expired')).toBe('Incomplete Expired');
    expect(statusLabel('something_new')).toBe('something_new');
    expect(statusLabel(null)).toBe('—');
    expect(billingPeriodLabel(null, null)).toBe('one-time');
    expect(billingPeriodLabel('year', 1)).toBe('every year');
    expect(billingPeriodLabel('month', null)).toBe('every month');
    expect(billingPeriodLabel('month', 3)).toBe('every 3 months');
  });
});

describe('row actions', () => {
  it('offers both cancels on an active subscription without an open invoice', () => {
    expect(names(active)).toEqual(['cancel_now', 'cancel_at_period_end']);
  });

  it('offers invoice retry when there is an open invoice', () => {
    expect(names(pastDue)).toEqual(['cancel_now', 'cancel_at_period_end', 'retry_invoice']);
  });

  it('offers resume instead of a second scheduled cancel', () => {
    expect(names(trialingCanceling)).toEqual(['cancel_now', 'resume']);
    expect(names(row({ status: 'paused' }))).toEqual(['cancel_now', 'resume']);
  });

  it('offers nothing on a canceled or expired subscription', () => {
    expect(names(row({ status: 'canceled', cancelAtPeriodEnd: true }))).toEqual([]);
    expect(names(row({ status: 'incomplete_expired' }))).toEqual([]);
    expect(names(row({ status: null }))).toEqual([]);
  });

  it('unpaid can be canceled now but has no renewing period to cancel at', () => {
    expect(names(row({ status: 'unpaid' }))).toEqual(['cancel_now']);
  });

  it('asks a confirmation that names the customer, the plan and the consequence', () => {
    expect(confirmationFor('cancel_now', active)).toBe(
      'Cancel the subscription of Acme, Inc. (Pro monthly) in Stripe now? Billing stops immediately and this cannot be undone.'
    );
    expect(confirmationFor('cancel_at_period_end', active, 'en-US')).toContain('(Dec 15, 2026)');
    expect(confirmationFor('resume', row({ customerName: null, planName: null }))).toBe(
      'Resume the subscription of sub_1QAlpha in Stripe? Billing continues on its schedule.'
    );
    expect(
      confirmationFor('retry_invoice', row({ customerName: null, stripeSubscriptionId: null }))
    ).toContain('this customer');
  });
});

describe('KPI tiles', () => {
  const usd = kpis.byCurrency[0] as CurrencyKpis;
  const jpy = kpis.byCurrency[1] as CurrencyKpis;
  const tile = (list: ReturnType<typeof kpiTiles>, key: string) => list.find((t) => t.key === key);

  it('shows money in the currency of the tile set and rates with one decimal', () => {
    const tiles = kpiTiles(usd, 'en-US');
    expect(tiles).toHaveLength(13);
    expect(tile(tiles, 'mrr')?.value).toBe('$12,450.50');
    expect(tile(tiles, 'arr')?.value).toBe('$149,406.00');
    expect(tile(tiles, 'activeCount')?.value).toBe('42');
    expect(tile(tiles, 'logoChurnRate')?.value).toBe('2.4%');
    expect(tile(tiles, 'paymentFailureRate')?.value).toBe('4.8%');
    expect(tile(tiles, 'paymentFailureRate')?.hint).toBe('');
  });

  it('says why a rate is blank instead of showing 0% or dividing by zero', () => {
    const tiles = kpiTiles(jpy, 'en-US');
    expect(tile(tiles, 'mrr')?.value).toBe('¥98,000');
    expect(tile(tiles, 'logoChurnRate')).toEqual({
      key: 'logoChurnRate',
      label: 'Logo churn',
      value: '—',
      hint: 'no customers at the start of the period'
    });
    expect(tile(tiles, 'revenueChurnRate')?.hint).toBe('no MRR at the start of the period');
    expect(tile(tiles, 'paymentFailureRate')?.hint).toBe('no payments');
    expect(tile(tiles, 'atRiskCount')?.value).toBe('0');
  });

  it('never leaves a tile blank when a figure is missing', () => {
    const blank = { currencyCode: 'eur' } as CurrencyKpis;
    for (const t of kpiTiles(blank)) expect(t.value).toBe('—');
  });

  it('lists currencies and starts with the one with the most active subscriptions', () => {
    expect(currencyOptions(kpis)).toEqual([
      { label: 'USD', value: 'usd' },
      { label: 'JPY', value: 'jpy' }
    ]);
    expect(defaultCurrency(kpis)).toBe('usd');
    expect(defaultCurrency({ byCurrency: [...kpis.byCurrency].reverse() })).toBe('usd');
    expect(defaultCurrency({ byCurrency: [] })).toBe('');
    expect(defaultCurrency(null)).toBe('');
    expect(currencyOptions({ byCurrency: null })).toEqual([]);
  });
});

describe('periodRange', () => {
  const today = new Date('2026-03-17T10:00:00Z');

  it('this month runs from the first to today', () => {
    expect(periodRange('this_month', today)).toEqual({ periodStart: '2026-03-01', periodEnd: '2026-03-17' });
  });

  it('last month is the whole previous month, across a year end too', () => {
    expect(periodRange('last_month', today)).toEqual({ periodStart: '2026-02-01', periodEnd: '2026-02-28' });
    expect(periodRange('last_month', new Date('2026-01-05T00:00:00Z'))).toEqual({
      periodStart: '2025-12-01',
      periodEnd: '2025-12-31'
    });
  });

  it('the last 3 and 12 full months end with last month', () => {
    expect(periodRange('last_3_months', today)).toEqual({
      periodStart: '2025-12-01',
      periodEnd: '2026-02-28'
    });
    expect(periodRange('last_12_months', today)).toEqual({
      periodStart: '2025-03-01',
      periodEnd: '2026-02-28'
    });
  });
});
