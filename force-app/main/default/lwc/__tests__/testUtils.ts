/**
 * Helpers the components' Jest tests share. This folder is not a component bundle: `.forceignore`
 * keeps every `__tests__` folder out of the org, and Jest runs only `*.test.ts` files, so nothing
 * here runs on its own.
 */

/** An imported Apex method that the test file replaced with `jest.fn()` through `jest.mock`. */
export const mocked = (fn: unknown): jest.Mock => fn as jest.Mock;

/** What an Apex call rejects with when the method throws an AuraHandledException. */
export const apexError = (
  message: string
): { status: number; body: { message: string }; headers: object } => ({
  status: 500,
  body: { message },
  headers: {}
});

/** Lets pending promise chains (Apex mocks, then re-render) settle. */
export async function flush(times = 6): Promise<void> {
  for (let i = 0; i < times; i++) await Promise.resolve();
}

/** The first element in a component's shadow root that matches `selector`. */
export const $ = (element: HTMLElement, selector: string): HTMLElement | null =>
  element.shadowRoot!.querySelector(selector) as HTMLElement | null;

/** Every element in a component's shadow root that matches `selector`. */
export const $$ = (element: HTMLElement, selector: string): HTMLElement[] =>
  Array.from(element.shadowRoot!.querySelectorAll(selector)) as HTMLElement[];

/** A node's text as a user reads it: whitespace collapsed. */
export const text = (node: Element | null | undefined): string =>
  (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Fires the `change` event a base input fires, with `detail.value`. */
export const change = (target: HTMLElement | null, value: unknown): void => {
  target!.dispatchEvent(new CustomEvent('change', { detail: { value } }));
};

/** The first argument of the last call of a mocked Apex method. */
export const lastRequest = (fn: unknown): Record<string, unknown> => {
  const calls = mocked(fn).mock.calls;
  return calls[calls.length - 1]![0] as Record<string, unknown>;
};

/** Removes every mounted component; for `afterEach`. */
export function unmountAll(): void {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
}

/** What a `c-billing-state` inside a component shows, read through its own shadow root. */
export interface ShownState {
  /** The spinner's text alternative, or null without a spinner. */
  loading: string | null;
  /** The alert's text, or null without an alert. */
  error: string | null;
  errorRole: string | null;
  /** Whether the alert offers Try again. */
  retryable: boolean;
  empty: string | null;
  /** Clicks Try again. */
  retry: () => void;
}

export function shownState(element: HTMLElement, selector: string): ShownState {
  const host = $(element, selector);
  if (!host) throw new Error(`no ${selector} in ${element.tagName.toLowerCase()}`);
  const inner = (s: string): HTMLElement | null => host.shadowRoot!.querySelector(s) as HTMLElement | null;
  const spinner = inner('.state-loading lightning-spinner') as
    (HTMLElement & { alternativeText: string }) | null;
  const alert = inner('.state-error');
  const retry = inner('.state-retry');
  return {
    loading: spinner ? spinner.alternativeText : null,
    error: alert ? text(alert.querySelector('.state-error-text')) : null,
    errorRole: alert?.getAttribute('role') ?? null,
    retryable: retry !== null,
    empty: inner('.state-empty') ? text(inner('.state-empty')) : null,
    retry: () => {
      if (!retry) throw new Error(`${selector} offers no Try again`);
      retry.click();
    }
  };
}
