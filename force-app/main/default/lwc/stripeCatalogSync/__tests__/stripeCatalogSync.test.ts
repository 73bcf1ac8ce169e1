import { createElement } from 'lwc';
import StripeCatalogSync from 'c/stripeCatalogSync';
import syncCatalog from '@salesforce/apex/StripeCatalogSyncController.syncCatalog';
import results from './data/syncResults.json';

jest.mock('@salesforce/apex/StripeCatalogSyncController.syncCatalog', () => ({ default: jest.fn() }), {
  virtual: true
});

const mocked = (fn: unknown): jest.Mock => fn as jest.Mock;

async function flush(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await Promise.resolve();
}

function mount(): HTMLElement {
  const element = createElement('c-stripe-catalog-sync', { is: StripeCatalogSync });
  document.body.appendChild(element);
  return element;
}

type Button = HTMLElement & { label: string; disabled: boolean };
const $ = (element: HTMLElement, selector: string): HTMLElement | null =>
  element.shadowRoot!.querySelector(selector) as HTMLElement | null;
const button = (element: HTMLElement): Button => $(element, 'lightning-button.sync-button') as Button;
const text = (node: Element | null | undefined): string =>
  (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('c-stripe-catalog-sync', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
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
    const spinner = $(element, 'lightning-spinner') as (HTMLElement & { alternativeText: string }) | null;
    expect(spinner?.alternativeText).toBe('Syncing prices from Stripe');

    finish(results.done);
    await flush();

    expect(mocked(syncCatalog)).toHaveBeenCalledTimes(1);
    expect(text($(element, '.sync-result'))).toBe(results.done);
    expect($(element, '.sync-status')?.getAttribute('role')).toBe('status');
    expect($(element, '.sync-status')?.getAttribute('aria-live')).toBe('polite');
    expect($(element, 'lightning-spinner')).toBeNull();
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
});
