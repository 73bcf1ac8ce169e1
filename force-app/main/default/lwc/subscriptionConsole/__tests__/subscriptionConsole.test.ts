import { createElement } from 'lwc';
import SubscriptionConsole from 'c/subscriptionConsole';
import LightningConfirm from 'lightning/confirm';
import getKpis from '@salesforce/apex/SubscriptionConsoleController.getKpis';
import getMrrTrend from '@salesforce/apex/SubscriptionConsoleController.getMrrTrend';
import getSubscriptions from '@salesforce/apex/SubscriptionConsoleController.getSubscriptions';
import getPlanOptions from '@salesforce/apex/SubscriptionConsoleController.getPlanOptions';
import canManageSubscriptions from '@salesforce/apex/SubscriptionActionsController.canManageSubscriptions';
import cancelSubscription from '@salesforce/apex/SubscriptionActionsController.cancelSubscription';
import resumeSubscription from '@salesforce/apex/SubscriptionActionsController.resumeSubscription';
import retryInvoice from '@salesforce/apex/SubscriptionActionsController.retryInvoice';
import kpis from './data/kpis.json';
import trendUsd from './data/trendUsd.json';
import trendJpy from './data/trendJpy.json';
import planOptions from './data/planOptions.json';
import page1 from './data/page1.json';
import page2 from './data/page2.json';
import emptyPage from './data/emptyPage.json';
import {
  $,
  $$,
  apexError,
  change,
  flush,
  lastRequest,
  mocked,
  shownState,
  unmountAll
} from '../../__tests__/testUtils';

jest.mock('@salesforce/apex/SubscriptionConsoleController.getKpis', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/SubscriptionConsoleController.getMrrTrend', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/SubscriptionConsoleController.getSubscriptions', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/SubscriptionConsoleController.getPlanOptions', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock(
  '@salesforce/apex/SubscriptionActionsController.canManageSubscriptions',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/SubscriptionActionsController.cancelSubscription',
  () => ({ default: jest.fn() }),
  {
    virtual: true
  }
);
jest.mock(
  '@salesforce/apex/SubscriptionActionsController.resumeSubscription',
  () => ({ default: jest.fn() }),
  {
    virtual: true
  }
);
jest.mock('@salesforce/apex/SubscriptionActionsController.retryInvoice', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('lightning/confirm', () => ({ __esModule: true, default: { open: jest.fn() } }));

type DatatableElement = HTMLElement & {
  data: Record<string, unknown>[];
  columns: Record<string, unknown>[];
  enableInfiniteLoading: boolean;
  sortedBy: string;
  sortedDirection: string;
};

function mount(): HTMLElement {
  const element = createElement('c-subscription-console', { is: SubscriptionConsole });
  document.body.appendChild(element);
  return element;
}

const table = (element: HTMLElement): DatatableElement =>
  $(element, 'lightning-datatable') as DatatableElement;

beforeEach(() => {
  mocked(getKpis).mockResolvedValue(kpis);
  mocked(getMrrTrend).mockImplementation(({ currencyCode }: { currencyCode: string }) =>
    Promise.resolve(currencyCode === 'jpy' ? trendJpy : trendUsd)
  );
  mocked(getPlanOptions).mockResolvedValue(planOptions);
  mocked(canManageSubscriptions).mockResolvedValue(true);
  mocked(getSubscriptions).mockResolvedValue(page1);
});

afterEach(() => {
  unmountAll();
  jest.clearAllMocks();
  jest.useRealTimers();
});

describe('c-subscription-console: loading', () => {
  it('shows a spinner for KPIs and for the table until the data arrives', async () => {
    mocked(getKpis).mockReturnValue(new Promise(() => undefined));
    mocked(getSubscriptions).mockReturnValue(new Promise(() => undefined));
    const element = mount();
    await flush();
    expect(shownState(element, '.kpi-state').loading).toBe('Loading KPIs');
    expect(shownState(element, '.rows-state').loading).toBe('Loading subscriptions');
    expect($(element, '.table-status')?.textContent).toBe('Loading subscriptions…');
    expect($(element, 'lightning-datatable')).toBeNull();
  });
});

describe('c-subscription-console: KPIs', () => {
  it('asks for the current month and shows the tiles of the busiest currency', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-20T12:00:00Z'), doNotFake: ['queueMicrotask'] });
    const element = mount();
    await flush();
    expect(getKpis).toHaveBeenCalledWith({ periodStart: '2026-11-01', periodEnd: '2026-11-20' });
    const tiles = $$(element, '.kpi-tile');
    expect(tiles).toHaveLength(13);
    expect($(element, '[data-kpi="mrr"] .kpi-value')?.textContent).toBe('$12,450.50');
    expect($(element, '[data-kpi="logoChurnRate"] .kpi-value')?.textContent).toBe('2.4%');
    expect(getMrrTrend).toHaveBeenCalledWith({ currencyCode: 'usd' });
  });

  it('switches currency without mixing amounts and loads that currency trend', async () => {
    const element = mount();
    await flush();
    const switcher = $(element, 'lightning-radio-group.currency-switcher') as HTMLElement & {
      options: { value: string }[];
    };
    expect(switcher.options.map((o) => o.value)).toEqual(['usd', 'jpy']);
    change(switcher, 'jpy');
    await flush();
    expect($(element, '[data-kpi="mrr"] .kpi-value')?.textContent).toBe('¥98,000');
    expect($(element, '[data-kpi="logoChurnRate"] .kpi-value')?.textContent).toBe('—');
    expect(getMrrTrend).toHaveBeenLastCalledWith({ currencyCode: 'jpy' });
    expect($(element, '.trend-chart title')?.textContent).toBe('MRR trend, last 12 months, JPY');
  });

  it('hides the switcher when there is one currency', async () => {
    mocked(getKpis).mockResolvedValue({ byCurrency: [kpis.byCurrency[1]] });
    const element = mount();
    await flush();
    expect($(element, '.currency-switcher')).toBeNull();
    expect($(element, '[data-kpi="mrr"] .kpi-value')?.textContent).toBe('¥98,000');
  });

  it('reloads for another period', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-20T12:00:00Z'), doNotFake: ['queueMicrotask'] });
    const element = mount();
    await flush();
    change($(element, '.period-select'), 'last_month');
    await flush();
    expect(getKpis).toHaveBeenLastCalledWith({ periodStart: '2026-10-01', periodEnd: '2026-10-31' });
  });

  it('says there is nothing to measure when no currency has figures', async () => {
    mocked(getKpis).mockResolvedValue({ byCurrency: [] });
    const element = mount();
    await flush();
    expect($(element, '.kpi-empty')?.textContent).toContain('nothing to measure');
    expect($$(element, '.kpi-tile')).toHaveLength(0);
    expect($(element, '.trend-chart')).toBeNull();
    expect($(element, '.trend-empty')?.textContent).toBe('No MRR recorded yet in any currency.');
    expect($(element, '.trend-table-toggle')).toBeNull();
    expect(getMrrTrend).not.toHaveBeenCalled();
  });

  it('shows the error and retries', async () => {
    mocked(getKpis).mockRejectedValueOnce(apexError('You do not have access to the KPIs.'));
    const element = mount();
    await flush();
    const state = shownState(element, '.kpi-state');
    expect(state.errorRole).toBe('alert');
    expect(state.error).toBe('KPIs could not be loaded: You do not have access to the KPIs.');
    expect($(element, '.trend-empty')).toBeNull();
    state.retry();
    await flush();
    expect($$(element, '.kpi-tile')).toHaveLength(13);
  });
});

describe('c-subscription-console: MRR trend chart', () => {
  it('draws an accessible SVG line with axis labels', async () => {
    const element = mount();
    await flush();
    const svg = $(element, 'svg.trend-chart')!;
    expect(svg.getAttribute('role')).toBe('img');
    const labelledBy = svg.getAttribute('aria-labelledby')!.split(' ');
    expect(labelledBy).toHaveLength(2);
    expect($(element, '.trend-chart title')?.id).toBe(labelledBy[0]);
    expect($(element, '.trend-chart desc')?.textContent).toContain('MRR went from $8,000.00 in Dec 2025');
    expect($(element, 'path.trend-line')?.getAttribute('d')).toMatch(/^M88,\d+(\.\d+)? L/);
    expect($$(element, 'circle.trend-point')).toHaveLength(12);
    expect($$(element, '.y-label').map((t) => t.textContent?.trim())).toEqual([
      '$0.00',
      '$5,000.00',
      '$10,000.00',
      '$15,000.00',
      '$20,000.00'
    ]);
    expect($$(element, '.x-label')[0]?.textContent?.trim()).toBe('Dec 2025');
  });

  it('offers the same figures as a data table, announced as expanded', async () => {
    const element = mount();
    await flush();
    const toggle = $(element, 'button.trend-table-toggle')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect($(element, '.trend-table')).toBeNull();
    toggle.click();
    await flush();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.textContent?.trim()).toBe('Hide data table');
    const rows = $$(element, '.trend-table tbody tr');
    expect(rows).toHaveLength(12);
    expect(rows[11]?.querySelector('th')?.textContent).toBe('Nov 2026');
    expect(rows[11]?.querySelector('td')?.textContent).toBe('$12,450.50');
    expect($(element, '.trend-table th[scope="col"]')?.textContent).toBe('Month');
    toggle.click();
    await flush();
    expect($(element, '.trend-table')).toBeNull();
  });

  it('says so when the currency had no MRR in 12 months', async () => {
    mocked(getMrrTrend).mockResolvedValue([{ month: '2026-11', mrr: null }]);
    const element = mount();
    await flush();
    expect($(element, '.trend-empty')?.textContent).toBe('No MRR recorded in the last 12 months for USD.');
    expect($(element, 'svg.trend-chart')).toBeNull();
    expect($(element, '.trend-table-toggle')).toBeNull();
  });

  it('shows a trend error without hiding the KPIs', async () => {
    mocked(getMrrTrend).mockRejectedValue(apexError('Trend unavailable.'));
    const element = mount();
    await flush();
    expect(shownState(element, '.trend-state')).toMatchObject({
      error: 'The MRR trend could not be loaded: Trend unavailable.',
      errorRole: 'alert',
      retryable: false
    });
    expect($$(element, '.kpi-tile')).toHaveLength(13);
  });
});

describe('c-subscription-console: table', () => {
  it('loads the first page sorted by MRR descending, without a cursor', async () => {
    const element = mount();
    await flush();
    expect(lastRequest(getSubscriptions)).toEqual({
      filter: {
        statuses: null,
        planId: null,
        currencyCode: null,
        dunningStage: null,
        churnRisk: null,
        search: null
      },
      sortField: 'mrr',
      sortDirection: 'desc',
      pageSize: 50,
      afterValue: null,
      afterId: null
    });
    const datatable = table(element);
    expect(datatable.data).toHaveLength(2);
    expect(datatable.data[0]).toMatchObject({ id: 'a065g00000Sub01AAA', mrrDisplay: '$490.00' });
    expect(datatable.data[1]).toMatchObject({ mrrDisplay: '€300.00', statusLabel: 'Past Due' });
    expect(datatable.enableInfiniteLoading).toBe(true);
    expect(datatable.sortedBy).toBe('mrrDisplay');
    expect($(element, '.table-status')?.textContent).toBe('Showing 2 subscriptions; scroll for more.');
  });

  it('loads the next page after the last value and id, then stops', async () => {
    const element = mount();
    await flush();
    mocked(getSubscriptions).mockResolvedValueOnce(page2);
    table(element).dispatchEvent(new CustomEvent('loadmore'));
    await flush();
    expect(lastRequest(getSubscriptions)).toMatchObject({
      afterValue: '300.00',
      afterId: 'a065g00000Sub02AAA',
      pageSize: 50
    });
    expect(table(element).data.map((r) => r.id)).toEqual([
      'a065g00000Sub01AAA',
      'a065g00000Sub02AAA',
      'a065g00000Sub03AAA'
    ]);
    expect(table(element).enableInfiniteLoading).toBe(false);
    expect($(element, '.table-status')?.textContent).toBe('Showing all 3 subscriptions.');
    table(element).dispatchEvent(new CustomEvent('loadmore'));
    await flush();
    expect(getSubscriptions).toHaveBeenCalledTimes(2);
  });

  it('sorts on the server and starts again from the first page', async () => {
    const element = mount();
    await flush();
    table(element).dispatchEvent(
      new CustomEvent('sort', { detail: { fieldName: 'customerUrl', sortDirection: 'asc' } })
    );
    await flush();
    expect(lastRequest(getSubscriptions)).toMatchObject({
      sortField: 'customerName',
      sortDirection: 'asc',
      afterId: null
    });
    expect(table(element).sortedBy).toBe('customerUrl');
    expect(table(element).sortedDirection).toBe('asc');
    const calls = mocked(getSubscriptions).mock.calls.length;
    table(element).dispatchEvent(
      new CustomEvent('sort', { detail: { fieldName: 'planName', sortDirection: 'asc' } })
    );
    await flush();
    expect(getSubscriptions).toHaveBeenCalledTimes(calls);
  });

  it('shows the empty state, worded for filters when filters are set', async () => {
    mocked(getSubscriptions).mockResolvedValue(emptyPage);
    const element = mount();
    await flush();
    expect(shownState(element, '.rows-state').empty).toBe(
      'No subscriptions yet. They appear here once Stripe sends them.'
    );
    expect($(element, 'lightning-datatable')).toBeNull();
    change($(element, '.churn-filter'), 'Critical');
    await flush();
    expect(shownState(element, '.rows-state').empty).toContain('No subscriptions match these filters.');
    expect($(element, '.table-status')?.textContent).toBe('Showing all 0 subscriptions.');
  });

  it('shows a load error with a retry', async () => {
    mocked(getSubscriptions).mockRejectedValueOnce(apexError('Query timed out.'));
    const element = mount();
    await flush();
    const state = shownState(element, '.rows-state');
    expect(state.errorRole).toBe('alert');
    expect(state.error).toBe('Subscriptions could not be loaded: Query timed out.');
    state.retry();
    await flush();
    expect(shownState(element, '.rows-state').error).toBeNull();
    expect(table(element).data).toHaveLength(2);
  });

  it('ignores a page that arrives after a newer filter replaced its request', async () => {
    let resolveSlow: (value: unknown) => void = () => undefined;
    mocked(getSubscriptions)
      .mockReturnValueOnce(new Promise((resolve) => (resolveSlow = resolve)))
      .mockResolvedValueOnce(page2);
    const element = mount();
    await flush();
    change($(element, '.dunning-filter'), 'Warning');
    await flush();
    resolveSlow(page1);
    await flush();
    expect(table(element).data.map((r) => r.id)).toEqual(['a065g00000Sub03AAA']);
  });
});

describe('c-subscription-console: filters', () => {
  it('sends each filter to the server and resets paging', async () => {
    const element = mount();
    await flush();
    change($(element, '.plan-filter'), 'a035g00000PlanAAAA');
    await flush();
    change($(element, '.currency-filter'), 'jpy');
    await flush();
    change($(element, '.dunning-filter'), 'Final Notice');
    await flush();
    change($(element, '.churn-filter'), 'High');
    await flush();
    change($(element, '.status-filter'), ['past_due', 'unpaid']);
    await flush();
    expect(lastRequest(getSubscriptions)).toMatchObject({
      filter: {
        statuses: ['past_due', 'unpaid'],
        planId: 'a035g00000PlanAAAA',
        currencyCode: 'jpy',
        dunningStage: 'Final Notice',
        churnRisk: 'High',
        search: null
      },
      afterValue: null,
      afterId: null
    });
  });

  it('lists plans from getPlanOptions and currencies from the KPIs, each after an "all" choice', async () => {
    const element = mount();
    await flush();
    const plan = $(element, '.plan-filter') as HTMLElement & { options: { label: string; value: string }[] };
    expect(plan.options).toEqual([
      { label: 'All plans', value: '' },
      { label: 'Pro monthly (usd)', value: 'a035g00000PlanAAAA' },
      { label: 'Team yearly (eur)', value: 'a035g00000PlanBAAA' }
    ]);
    const currency = $(element, '.currency-filter') as HTMLElement & { options: { value: string }[] };
    expect(currency.options.map((o) => o.value)).toEqual(['', 'usd', 'jpy']);
    const status = $(element, '.status-filter') as HTMLElement & { options: { value: string }[] };
    expect(status.options.map((o) => o.value)).toContain('incomplete_expired');
  });

  it('keeps working without plan options', async () => {
    mocked(getPlanOptions).mockRejectedValue(apexError('No access to plans.'));
    const element = mount();
    await flush();
    const plan = $(element, '.plan-filter') as HTMLElement & { options: unknown[] };
    expect(plan.options).toHaveLength(1);
    expect(table(element).data).toHaveLength(2);
  });

  it('waits for typing to pause before searching', async () => {
    jest.useFakeTimers();
    const element = mount();
    await flush();
    const before = mocked(getSubscriptions).mock.calls.length;
    const search = $(element, '.search-input');
    change(search, 'ac');
    change(search, 'acm');
    change(search, 'acme');
    jest.advanceTimersByTime(299);
    await flush();
    expect(getSubscriptions).toHaveBeenCalledTimes(before);
    jest.advanceTimersByTime(1);
    await flush();
    expect(getSubscriptions).toHaveBeenCalledTimes(before + 1);
    expect((lastRequest(getSubscriptions).filter as { search: string }).search).toBe('acme');
  });

  it('clears every filter at once', async () => {
    const element = mount();
    await flush();
    expect($(element, '.clear-filters')).toBeNull();
    change($(element, '.churn-filter'), 'High');
    await flush();
    ($(element, '.clear-filters') as HTMLElement).click();
    await flush();
    expect((lastRequest(getSubscriptions).filter as { churnRisk: string | null }).churnRisk).toBeNull();
    expect($(element, '.clear-filters')).toBeNull();
  });

  it('labels every filter inside a fieldset with a legend', async () => {
    const element = mount();
    await flush();
    expect($(element, 'fieldset.filters legend')?.textContent).toBe('Filters');
    for (const selector of [
      '.search-input',
      '.plan-filter',
      '.currency-filter',
      '.dunning-filter',
      '.churn-filter',
      '.status-filter'
    ]) {
      expect(($(element, selector) as HTMLElement & { label: string }).label).toBeTruthy();
    }
    expect($(element, '.table-status')?.getAttribute('aria-live')).toBe('polite');
    expect($(element, '.export-status')?.getAttribute('aria-live')).toBe('polite');
  });
});

describe('c-subscription-console: row actions', () => {
  type ActionColumn = {
    type: string;
    typeAttributes: { rowActions: (row: unknown, done: (a: unknown) => void) => void };
  };
  const actionColumn = (element: HTMLElement): ActionColumn | undefined =>
    table(element).columns.find((c) => c.type === 'action') as ActionColumn | undefined;
  const rowAction = (element: HTMLElement, name: string, row: unknown): void => {
    table(element).dispatchEvent(new CustomEvent('rowaction', { detail: { action: { name }, row } }));
  };

  it('has no action column for a user without Stripe_Manage_Subscriptions', async () => {
    mocked(canManageSubscriptions).mockResolvedValue(false);
    const element = mount();
    await flush();
    expect(actionColumn(element)).toBeUndefined();
    rowAction(element, 'cancel_now', page1.rows[0]);
    await flush();
    expect(LightningConfirm.open).not.toHaveBeenCalled();
  });

  it('hides actions when the permission check fails', async () => {
    mocked(canManageSubscriptions).mockRejectedValue(apexError('down'));
    const element = mount();
    await flush();
    expect(actionColumn(element)).toBeUndefined();
  });

  it('offers the actions that fit each row', async () => {
    const element = mount();
    await flush();
    const done = jest.fn();
    actionColumn(element)!.typeAttributes.rowActions(page1.rows[1], done);
    expect(done).toHaveBeenCalledWith([
      { label: 'Cancel now', name: 'cancel_now' },
      { label: 'Cancel at period end', name: 'cancel_at_period_end' },
      { label: 'Retry open invoice', name: 'retry_invoice' }
    ]);
  });

  it('cancels now after confirmation, reports Stripe’s answer and reloads', async () => {
    mocked(LightningConfirm.open).mockResolvedValue(true);
    mocked(cancelSubscription).mockResolvedValue({
      ok: true,
      message: 'Cancellation sent to Stripe.',
      requestId: 'req_1'
    });
    const element = mount();
    await flush();
    const toasts: CustomEvent[] = [];
    element.addEventListener('lightning__showtoast', (e) => toasts.push(e as CustomEvent));
    const loadsBefore = mocked(getSubscriptions).mock.calls.length;
    rowAction(element, 'cancel_now', page1.rows[0]);
    await flush(10);
    expect(LightningConfirm.open).toHaveBeenCalledWith(
      expect.objectContaining({ label: 'Confirm subscription change', theme: 'error' })
    );
    expect(mocked(LightningConfirm.open).mock.calls[0]![0].message).toContain('Acme, Inc.');
    expect(cancelSubscription).toHaveBeenCalledWith({
      subscriptionId: 'a065g00000Sub01AAA',
      atPeriodEnd: false
    });
    expect(toasts[0]?.detail).toMatchObject({ variant: 'success', message: 'Cancellation sent to Stripe.' });
    expect(getSubscriptions).toHaveBeenCalledTimes(loadsBefore + 1);
  });

  it('does nothing when the user says no', async () => {
    mocked(LightningConfirm.open).mockResolvedValue(false);
    const element = mount();
    await flush();
    rowAction(element, 'cancel_at_period_end', page1.rows[0]);
    await flush();
    expect(cancelSubscription).not.toHaveBeenCalled();
  });

  it('cancels at period end, resumes and retries the open invoice', async () => {
    mocked(LightningConfirm.open).mockResolvedValue(true);
    const ok = { ok: true, message: 'Done.', requestId: 'req_2' };
    mocked(cancelSubscription).mockResolvedValue(ok);
    mocked(resumeSubscription).mockResolvedValue(ok);
    mocked(retryInvoice).mockResolvedValue(ok);
    const element = mount();
    await flush();
    rowAction(element, 'cancel_at_period_end', page1.rows[0]);
    await flush(10);
    expect(cancelSubscription).toHaveBeenCalledWith({
      subscriptionId: 'a065g00000Sub01AAA',
      atPeriodEnd: true
    });
    rowAction(element, 'resume', page2.rows[0]);
    await flush(10);
    expect(resumeSubscription).toHaveBeenCalledWith({ subscriptionId: 'a065g00000Sub03AAA' });
    rowAction(element, 'retry_invoice', page1.rows[1]);
    await flush(10);
    expect(retryInvoice).toHaveBeenCalledWith({ invoiceId: 'a055g00000Inv02AAA' });
    expect(mocked(LightningConfirm.open).mock.calls[2]![0].theme).toBe('warning');
  });

  it('shows Stripe’s refusal and a thrown error as error toasts', async () => {
    mocked(LightningConfirm.open).mockResolvedValue(true);
    mocked(cancelSubscription)
      .mockResolvedValueOnce({ ok: false, message: 'The subscription is already canceled.', requestId: null })
      .mockResolvedValueOnce(null)
      .mockRejectedValueOnce(apexError('Stripe is unreachable; try again in a minute.'));
    const element = mount();
    await flush();
    const toasts: CustomEvent[] = [];
    element.addEventListener('lightning__showtoast', (e) => toasts.push(e as CustomEvent));
    for (let i = 0; i < 3; i++) {
      rowAction(element, 'cancel_now', page1.rows[0]);
      await flush(10);
    }
    expect(toasts.map((t) => t.detail.variant)).toEqual(['error', 'error', 'error']);
    expect(toasts.map((t) => t.detail.message)).toEqual([
      'The subscription is already canceled.',
      'No reason was given.',
      'Stripe is unreachable; try again in a minute.'
    ]);
  });
});

describe('c-subscription-console: CSV export', () => {
  const OriginalBlob = globalThis.Blob;
  let blobParts: string[] = [];

  beforeEach(() => {
    blobParts = [];
    class CapturingBlob {
      type: string;
      constructor(parts: string[], options?: { type?: string }) {
        blobParts = parts;
        this.type = options?.type ?? '';
      }
    }
    globalThis.Blob = CapturingBlob as unknown as typeof Blob;
    URL.createObjectURL = jest.fn(() => 'blob:https://org.example/1234');
    URL.revokeObjectURL = jest.fn();
  });

  afterEach(() => {
    globalThis.Blob = OriginalBlob;
  });

  it('reads every page of the filtered set into one CSV and offers it for download', async () => {
    const element = mount();
    await flush();
    change($(element, '.dunning-filter'), 'Final Notice');
    await flush();
    mocked(getSubscriptions).mockResolvedValueOnce(page1).mockResolvedValueOnce(page2);
    ($(element, '.export-button') as HTMLElement).click();
    await flush(12);
    const calls = mocked(getSubscriptions)
      .mock.calls.slice(-2)
      .map((c) => c[0]);
    expect(calls[0]).toMatchObject({
      pageSize: 200,
      afterId: null,
      filter: { dunningStage: 'Final Notice' }
    });
    expect(calls[1]).toMatchObject({ pageSize: 200, afterValue: '300.00', afterId: 'a065g00000Sub02AAA' });
    const csv = blobParts.join('');
    expect(csv.startsWith('\ufeffSubscription Record Id,')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(5); // header, three rows, trailing empty string
    expect(lines[3]).toContain('sub_1QCharlie,Charlie KK');
    const link = $(element, 'a.download-link') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('blob:https://org.example/1234');
    expect(link.getAttribute('download')).toMatch(/^stripe-subscriptions-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(link.textContent).toBe('Download CSV (3 subscriptions)');
  });

  it('shows progress while pages load and lets the user cancel', async () => {
    const element = mount();
    await flush();
    let resolvePage: (value: unknown) => void = () => undefined;
    mocked(getSubscriptions).mockReturnValueOnce(new Promise((resolve) => (resolvePage = resolve)));
    ($(element, '.export-button') as HTMLElement).click();
    await flush();
    expect($(element, '.export-count')?.textContent).toBe('Exported 0 subscriptions so far…');
    expect(($(element, '.export-button') as HTMLElement & { disabled: boolean }).disabled).toBe(true);
    ($(element, '.export-cancel') as HTMLElement).click();
    resolvePage(page1);
    await flush(10);
    expect($(element, '.export-error')?.textContent).toBe('Export canceled; no file was made.');
    expect($(element, 'a.download-link')).toBeNull();
    expect(URL.createObjectURL).not.toHaveBeenCalled();
  });

  it('reports how far it got when a page fails', async () => {
    const element = mount();
    await flush();
    mocked(getSubscriptions).mockResolvedValueOnce(page1).mockRejectedValueOnce(apexError('Heap limit.'));
    ($(element, '.export-button') as HTMLElement).click();
    await flush(12);
    expect($(element, '.export-error')?.textContent).toBe('Export failed after 2 subscriptions: Heap limit.');
    expect($(element, '.export-error')?.getAttribute('role')).toBe('alert');
    expect($(element, 'a.download-link')).toBeNull();
  });

  it('stops instead of looping when the server repeats a cursor', async () => {
    const element = mount();
    await flush();
    mocked(getSubscriptions).mockResolvedValue(page1);
    ($(element, '.export-button') as HTMLElement).click();
    await flush(16);
    expect($(element, '.export-error')?.textContent).toContain('same page twice');
  });

  it('replaces an earlier file and frees it when the console closes', async () => {
    const element = mount();
    await flush();
    mocked(getSubscriptions).mockResolvedValueOnce(page2);
    ($(element, '.export-button') as HTMLElement).click();
    await flush(12);
    expect($(element, 'a.download-link')?.textContent).toBe('Download CSV (1 subscription)');
    mocked(getSubscriptions).mockResolvedValueOnce(emptyPage);
    ($(element, '.export-button') as HTMLElement).click();
    await flush(12);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:https://org.example/1234');
    expect($(element, 'a.download-link')?.textContent).toBe('Download CSV (0 subscriptions)');
    document.body.removeChild(element);
    expect(URL.revokeObjectURL).toHaveBeenCalledTimes(2);
  });
});
