import { createElement } from 'lwc';
import BillingState from 'c/billingState';
import { flush, shownState, unmountAll } from '../../__tests__/testUtils';
import cases from './data/states.json';

type StateElement = HTMLElement & Record<string, unknown>;

/** Mounts a c-billing-state inside a host div, so `shownState` reads it as a parent would. */
function mount(props: Record<string, unknown>): { host: HTMLElement; state: StateElement } {
  const state = createElement('c-billing-state', { is: BillingState }) as unknown as StateElement;
  Object.assign(state, props);
  state.classList.add('under-test');
  const host = document.createElement('div');
  host.attachShadow({ mode: 'open' }).appendChild(state);
  document.body.appendChild(host);
  return { host, state };
}

afterEach(unmountAll);

describe('c-billing-state', () => {
  it.each(cases)('$name', async ({ props, shown }) => {
    const { host } = mount(props);
    await flush();
    expect(shownState(host, '.under-test')).toMatchObject(shown);
  });

  it('shows the error as an alert, with Try again only when the section can reload', async () => {
    const { host, state } = mount({ error: 'No access.', errorPrefix: 'Billing could not be loaded' });
    await flush();
    expect(shownState(host, '.under-test')).toMatchObject({ errorRole: 'alert', retryable: false });
    expect(() => shownState(host, '.under-test').retry()).toThrow('offers no Try again');
    state.retryable = true;
    await flush();
    expect(shownState(host, '.under-test').retryable).toBe(true);
  });

  it('fires retry when Try again is pressed', async () => {
    const { host, state } = mount({ error: 'No access.', retryable: true });
    const onRetry = jest.fn();
    state.addEventListener('retry', onRetry);
    await flush();
    shownState(host, '.under-test').retry();
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('gives the spinner a text alternative even when the section names none', async () => {
    const { host } = mount({ loading: true });
    await flush();
    expect(shownState(host, '.under-test').loading).toBe('Loading');
  });

  it('follows its section: from loading to an error to the data', async () => {
    const { host, state } = mount({ loading: true, loadingText: 'Loading KPIs' });
    await flush();
    expect(shownState(host, '.under-test').loading).toBe('Loading KPIs');
    Object.assign(state, { loading: false, error: 'Timed out.' });
    await flush();
    expect(shownState(host, '.under-test')).toMatchObject({ loading: null, error: 'Timed out.' });
    state.error = '';
    await flush();
    expect(shownState(host, '.under-test')).toMatchObject({ loading: null, error: null, empty: null });
  });
});
