import { createElement } from 'lwc';
import StripeEventMonitor from 'c/stripeEventMonitor';
import LightningConfirm from 'lightning/confirm';
import getSummary from '@salesforce/apex/StripeEventMonitorController.getSummary';
import getEvents from '@salesforce/apex/StripeEventMonitorController.getEvents';
import replayEvents from '@salesforce/apex/StripeEventReplayService.replayEvents';
import summary from './data/summary.json';
import page1 from './data/eventsPage1.json';
import page2 from './data/eventsPage2.json';
import {
  $,
  $$,
  apexError,
  change,
  flush,
  lastRequest,
  mocked,
  shownState,
  text,
  unmountAll
} from '../../__tests__/testUtils';

jest.mock('@salesforce/apex/StripeEventMonitorController.getSummary', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/StripeEventMonitorController.getEvents', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/StripeEventReplayService.replayEvents', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('lightning/confirm', () => ({ __esModule: true, default: { open: jest.fn() } }));

function mount(): HTMLElement {
  const element = createElement('c-stripe-event-monitor', { is: StripeEventMonitor });
  document.body.appendChild(element);
  return element;
}

type Datatable = HTMLElement & {
  data: Record<string, unknown>[];
  columns: Record<string, unknown>[];
  selectedRows: string[];
  enableInfiniteLoading: boolean;
};
const table = (element: HTMLElement): Datatable => $(element, 'lightning-datatable') as Datatable;
const select = (element: HTMLElement, ids: string[]): void => {
  table(element).dispatchEvent(
    new CustomEvent('rowselection', { detail: { selectedRows: ids.map((id) => ({ id })) } })
  );
};

beforeEach(() => {
  mocked(getSummary).mockResolvedValue(summary);
  mocked(getEvents).mockResolvedValue(page1);
});

afterEach(() => {
  unmountAll();
  jest.clearAllMocks();
  jest.useRealTimers();
});

describe('c-stripe-event-monitor: summary', () => {
  it('shows spinners while loading', async () => {
    mocked(getSummary).mockReturnValue(new Promise(() => undefined));
    mocked(getEvents).mockReturnValue(new Promise(() => undefined));
    const element = mount();
    await flush();
    expect(shownState(element, '.summary-state').loading).toBe('Loading event counts');
    expect(shownState(element, '.rows-state').loading).toBe('Loading events');
    expect(text($(element, '.table-status'))).toBe('Loading events…');
  });

  it('shows counts by status and type for 24 hours and the processing lag', async () => {
    const element = mount();
    await flush();
    expect(
      $$(element, '.status-tiles li').map((li) => [li.dataset.status, text(li.querySelector('.tile-count'))])
    ).toEqual([
      ['Received', '0'],
      ['Processed', '1840'],
      ['Skipped', '12'],
      ['Failed', '3']
    ]);
    expect($(element, '[data-status="Failed"] div')?.className).toContain('status-tile_failed');
    expect(text($(element, '.average-lag'))).toBe('2.4 s');
    expect(text($(element, '.max-lag'))).toBe('3 min 5 s');
    expect(text($(element, '.oldest-unprocessed'))).toBe('none waiting');
    const typeRows = $$(element, '.type-counts tbody tr');
    expect(typeRows.map((r) => text(r.querySelector('th')))).toEqual([
      'invoice.paid',
      'customer.subscription.updated',
      'charge.refunded',
      'invoice.payment_failed'
    ]);
    expect(text($(element, '.type-counts caption'))).toBe('Events by type');
  });

  it('shows when the oldest unprocessed event arrived', async () => {
    mocked(getSummary).mockResolvedValue({
      ...summary,
      oldestUnprocessedAt: '2026-11-29T08:00:00.000Z',
      countsByType: []
    });
    const element = mount();
    await flush();
    const when = $(element, '.oldest-unprocessed lightning-formatted-date-time') as HTMLElement & {
      value: string;
    };
    expect(when.value).toBe('2026-11-29T08:00:00.000Z');
    expect(text($(element, '.no-types'))).toBe('No events in the last 24 hours.');
  });

  it('shows a summary error with a retry, while the log still loads', async () => {
    mocked(getSummary).mockRejectedValueOnce(apexError('No access to the event log.'));
    const element = mount();
    await flush();
    const state = shownState(element, '.summary-state');
    expect(state.errorRole).toBe('alert');
    expect(state.error).toBe('Event counts could not be loaded: No access to the event log.');
    expect(table(element).data).toHaveLength(2);
    state.retry();
    await flush();
    expect($$(element, '.status-tiles li')).toHaveLength(4);
  });
});

describe('c-stripe-event-monitor: event log', () => {
  it('loads the newest page and shows failed events with their errors', async () => {
    const element = mount();
    await flush();
    expect(lastRequest(getEvents)).toEqual({
      status: null,
      eventType: null,
      pageSize: 50,
      beforeCreated: null,
      beforeId: null
    });
    const datatable = table(element);
    expect(datatable.data[0]).toMatchObject({
      eventId: 'evt_1QFailA',
      status: 'Failed',
      error: 'System.DmlException: Insert failed. REQUIRED_FIELD_MISSING: Stripe_Customer__c',
      lagDisplay: '—'
    });
    expect(datatable.data[1]).toMatchObject({ lagDisplay: '3.5 s' });
    expect(datatable.columns.map((c) => c.label)).toContain('Error');
    expect(datatable.enableInfiniteLoading).toBe(true);
  });

  it('loads older events by CreatedDate and Id, then stops', async () => {
    const element = mount();
    await flush();
    mocked(getEvents).mockResolvedValueOnce(page2);
    table(element).dispatchEvent(new CustomEvent('loadmore'));
    await flush();
    expect(lastRequest(getEvents)).toMatchObject({
      beforeCreated: '2026-11-29T09:59:01.000Z',
      beforeId: 'a0A5g00000Evt02AAA'
    });
    expect(table(element).data).toHaveLength(3);
    expect(table(element).enableInfiniteLoading).toBe(false);
    expect(text($(element, '.table-status'))).toBe('Showing 3 events.');
    table(element).dispatchEvent(new CustomEvent('loadmore'));
    await flush();
    expect(getEvents).toHaveBeenCalledTimes(2);
  });

  it('filters by status, by type after typing pauses, and by the failed shortcut', async () => {
    jest.useFakeTimers();
    const element = mount();
    await flush();
    change($(element, '.status-filter'), 'Skipped');
    await flush();
    expect(lastRequest(getEvents)).toMatchObject({ status: 'Skipped', beforeId: null });
    const calls = mocked(getEvents).mock.calls.length;
    change($(element, '.type-filter'), 'invoice');
    change($(element, '.type-filter'), 'invoice.paid');
    jest.advanceTimersByTime(399);
    await flush();
    expect(getEvents).toHaveBeenCalledTimes(calls);
    jest.advanceTimersByTime(1);
    await flush();
    expect(lastRequest(getEvents)).toMatchObject({ status: 'Skipped', eventType: 'invoice.paid' });
    ($(element, '.show-failed') as HTMLElement).click();
    await flush();
    expect(lastRequest(getEvents)).toMatchObject({ status: 'Failed', eventType: 'invoice.paid' });
  });

  it('says when nothing matches, and when nothing has arrived yet', async () => {
    mocked(getEvents).mockResolvedValue({ rows: [], hasMore: false });
    const element = mount();
    await flush();
    expect(shownState(element, '.rows-state').empty).toBe('No Stripe events have been received yet.');
    change($(element, '.status-filter'), 'Failed');
    await flush();
    expect(shownState(element, '.rows-state').empty).toBe('No events match these filters.');
  });

  it('shows a load error and retries', async () => {
    mocked(getEvents).mockRejectedValueOnce(apexError('Query timed out.'));
    const element = mount();
    await flush();
    const state = shownState(element, '.rows-state');
    expect(state.error).toBe('Events could not be loaded: Query timed out.');
    state.retry();
    await flush();
    expect(table(element).data).toHaveLength(2);
  });

  it('labels the filters and announces the table state', async () => {
    const element = mount();
    await flush();
    expect(($(element, '.status-filter') as HTMLElement & { label: string }).label).toBe('Status');
    expect(($(element, '.type-filter') as HTMLElement & { label: string }).label).toContain('Event type');
    expect($(element, '.table-status')?.getAttribute('aria-live')).toBe('polite');
    expect(text($(element, '.table-status'))).toBe('Showing the newest 2 events; scroll for older ones.');
    expect($$(element, 'section h2').map((h) => text(h))).toEqual(['Last 24 hours', 'Event log']);
  });
});

describe('c-stripe-event-monitor: replay', () => {
  it('is disabled until events are selected', async () => {
    const element = mount();
    await flush();
    const replay = $(element, '.replay-button') as HTMLElement & { disabled: boolean; label: string };
    expect(replay.disabled).toBe(true);
    expect(replay.label).toBe('Replay selected (0)');
    select(element, ['a0A5g00000Evt01AAA']);
    await flush();
    expect(replay.disabled).toBe(false);
    expect(replay.label).toBe('Replay selected (1)');
  });

  it('replays the selected events after confirmation and summarises the result', async () => {
    mocked(LightningConfirm.open).mockResolvedValue(true);
    mocked(replayEvents).mockResolvedValue({
      replayed: 1,
      skipped: [{ id: 'a0A5g00000Evt02AAA', reason: 'Already processed.' }]
    });
    const element = mount();
    await flush();
    select(element, ['a0A5g00000Evt01AAA', 'a0A5g00000Evt02AAA']);
    await flush();
    ($(element, '.replay-button') as HTMLElement).click();
    await flush(10);
    expect(mocked(LightningConfirm.open).mock.calls[0]![0].message).toContain('Replay 2 selected events?');
    expect(replayEvents).toHaveBeenCalledWith({ eventLogIds: ['a0A5g00000Evt01AAA', 'a0A5g00000Evt02AAA'] });
    expect(text($(element, '.replay-headline'))).toBe('Replayed 1 event; skipped 1.');
    expect($$(element, '.replay-skipped li').map((li) => text(li))).toEqual([
      'evt_1QPaidB: Already processed.'
    ]);
    expect($(element, '.replay-result')?.className).toContain('replay-result_warning');
    expect($(element, '.replay-status')?.getAttribute('aria-live')).toBe('polite');
    expect(getSummary).toHaveBeenCalledTimes(2);
    expect(table(element).selectedRows).toEqual([]);
  });

  it('does nothing when the admin cancels', async () => {
    mocked(LightningConfirm.open).mockResolvedValue(false);
    const element = mount();
    await flush();
    select(element, ['a0A5g00000Evt01AAA']);
    await flush();
    ($(element, '.replay-button') as HTMLElement).click();
    await flush(10);
    expect(replayEvents).not.toHaveBeenCalled();
  });

  it('shows a replay failure as an alert', async () => {
    mocked(LightningConfirm.open).mockResolvedValue(true);
    mocked(replayEvents).mockRejectedValue(apexError('You need the Stripe_Admin permission set.'));
    const element = mount();
    await flush();
    select(element, ['a0A5g00000Evt01AAA']);
    await flush();
    ($(element, '.replay-button') as HTMLElement).click();
    await flush(10);
    expect($(element, '.replay-error')?.getAttribute('role')).toBe('alert');
    expect(text($(element, '.replay-error'))).toBe(
      'Replay failed: You need the Stripe_Admin permission set.'
    );
  });

  it('refreshes counts and log on the refresh button', async () => {
    const element = mount();
    await flush();
    ($(element, '.refresh-button') as HTMLElement).click();
    await flush();
    expect(getSummary).toHaveBeenCalledTimes(2);
    expect(getEvents).toHaveBeenCalledTimes(2);
  });
});
