import { createElement } from 'lwc';
import StripeCatalogSync, { describeRun } from 'c/stripeCatalogSync';
import syncCatalog from '@salesforce/apex/StripeCatalogSyncController.syncCatalog';
import getLastRun from '@salesforce/apex/StripeCatalogSyncController.getLastRun';
import results from './data/syncResults.json';
import lastRun from './data/lastRun.json';
import { $, apexError, flush, mocked, shownState, text, unmountAll } from '../../__tests__/testUtils';

jest.mock('@salesforce/apex/StripeCatalogSyncController.syncCatalog', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/StripeCatalogSyncController.getLastRun', () => ({ default: jest.fn() }), {
  virtual: true
});

function mount(): HTMLElement {
  const element = createElement('c-stripe-catalog-sync', { is: StripeCatalogSync });
  document.body.appendChild(element);
  return element;
}

type Button = HTMLElement & { label: string; disabled: boolean };
const button = (element: HTMLElement): Button => $(element, 'lightning-button.sync-button') as Button;

describe('c-stripe-catalog-sync', () => {
  beforeEach(() => {
    mocked(getLastRun).mockResolvedValue(null);
  });

  afterEach(() => {
    unmountAll();
    jest.clearAllMocks();
  });

  it('offers the sync without calling Apex until the admin asks', () => {
    const element = mount();

    expect(button(element).label).toBe('Sync prices from Stripe');
    expect(button(element).disabled).toBe(false);
    expect(mocked(syncCatalog)).not.toHaveBeenCalled();
    expect($(element, '.sync-result')).toBeNull();
    expect($(element, '.sync-error')).toBeNull();
  });

  it('shows a busy button and a labelled spinner while syncing, then what the sync did', async () => {
    let finish: (value: string) => void = () => undefined;
    mocked(syncCatalog).mockReturnValue(new Promise<string>((resolve) => (finish = resolve)));
    const element = mount();

    button(element).click();
    await flush();

    expect(button(element).label).toBe('Syncing prices…');
    expect(button(element).disabled).toBe(true);
    expect(shownState(element, '.sync-state').loading).toBe('Syncing prices from Stripe');

    finish(results.done);
    await flush();

    expect(mocked(syncCatalog)).toHaveBeenCalledTimes(1);
    expect(text($(element, '.sync-result'))).toBe(results.done);
    expect($(element, '.sync-status')?.getAttribute('role')).toBe('status');
    expect($(element, '.sync-status')?.getAttribute('aria-live')).toBe('polite');
    expect(shownState(element, '.sync-state').loading).toBeNull();
    expect(button(element).disabled).toBe(false);
    expect(button(element).label).toBe('Sync prices from Stripe');
  });

  it('says when the rest of a large catalogue continues in the background', async () => {
    mocked(syncCatalog).mockResolvedValue(results.continuing);
    const element = mount();

    button(element).click();
    await flush();

    expect(text($(element, '.sync-result'))).toBe(results.continuing);
  });

  it("shows Stripe's reason in one sentence as an alert", async () => {
    mocked(syncCatalog).mockRejectedValue(results.stripeError);
    const element = mount();

    button(element).click();
    await flush();

    const alert = $(element, '.sync-error');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(text(alert)).toBe(results.stripeError.body.message);
    expect($(element, '.sync-result')).toBeNull();
    expect(button(element).disabled).toBe(false);
    expect(mocked(getLastRun)).toHaveBeenCalledTimes(2);
  });

  it('tells a user without the permission why, and clears an old error on the next try', async () => {
    mocked(syncCatalog).mockRejectedValueOnce(results.permissionError).mockResolvedValueOnce(results.done);
    const element = mount();

    button(element).click();
    await flush();
    expect(text($(element, '.sync-error'))).toBe(results.permissionError.body.message);

    button(element).click();
    await flush();
    expect($(element, '.sync-error')).toBeNull();
    expect(text($(element, '.sync-result'))).toBe(results.done);
  });

  it('ignores a second click while a sync runs', async () => {
    mocked(syncCatalog).mockReturnValue(new Promise<string>(() => undefined));
    const element = mount();

    const component = button(element);
    component.click();
    await flush();
    component.dispatchEvent(new CustomEvent('click'));
    await flush();

    expect(mocked(syncCatalog)).toHaveBeenCalledTimes(1);
  });

  it('falls back to a plain sentence for a connection failure without a message', async () => {
    mocked(syncCatalog).mockRejectedValue({ status: 0 });
    const element = mount();

    button(element).click();
    await flush();

    expect(text($(element, '.sync-error'))).toBe(
      'Something went wrong. Try again, and tell your Salesforce admin if it keeps happening.'
    );
  });

  it('shows the last finished run with its failures, and says when prices were never synced', async () => {
    mocked(getLastRun).mockResolvedValueOnce(null).mockResolvedValueOnce(lastRun);
    mocked(syncCatalog).mockResolvedValue(results.done);
    const element = mount();
    await flush();

    expect(text($(element, '.last-run-none'))).toBe('Prices have not been synced from Stripe yet.');

    button(element).click();
    await flush(8);

    expect(mocked(getLastRun)).toHaveBeenCalledTimes(2);
    const date = $(element, 'lightning-formatted-date-time') as (HTMLElement & { value: string }) | null;
    expect(date?.value).toBe(lastRun.finishedAt);
    expect(text($(element, '.last-run-summary'))).toBe(': 12 prices read, 9 records written, 1 failure');
    expect(text($(element, '.last-run-errors'))).toBe(lastRun.errors);
    expect($(element, '.last-run-none')).toBeNull();
  });

  it('offers a retry when the last run cannot be loaded', async () => {
    mocked(getLastRun)
      .mockRejectedValueOnce(apexError('Insufficient access.'))
      .mockResolvedValueOnce(lastRun);
    const element = mount();
    await flush();

    const state = shownState(element, '.last-run-state');
    expect(state.errorRole).toBe('alert');
    expect(state.error).toBe('The last sync could not be loaded: Insufficient access.');
    expect($(element, '.last-run-none')).toBeNull();

    state.retry();
    await flush();
    expect(text($(element, '.last-run-summary'))).toBe(': 12 prices read, 9 records written, 1 failure');
  });

  it('counts in the singular and plural and treats missing counts as zero', () => {
    expect(
      describeRun({
        startedAt: null,
        finishedAt: null,
        pricesRead: 1,
        recordsWritten: 0,
        failed: null,
        errors: null
      })
    ).toBe('1 price read, 0 records written, 0 failures');
  });
});
