import type { OAuth2 } from 'jsforce';

/**
 * Every place the relay leans on jsforce behaviour that is not public API, gathered in one module so
 * an upgrade has one place to look. jsforce is pinned (package.json), and
 * relay/test/jsforce-internals.test.ts runs each of these against the installed jsforce over real
 * HTTP: it fails when one of them changes.
 */

/**
 * When jsforce's own transport times out (request.js), it aborts node-fetch, which throws an error
 * named `AbortError`; if the answer lands just as the timer fires, request-helper.js
 * `executeWithTimeout` throws a plain Error with exactly this text instead. Neither has a code.
 */
export const JSFORCE_TIMEOUT_MESSAGE = 'Request Timeout';

/** True for either form of a jsforce (or our transport's) timeout, described above. */
export function isJsforceTimeout(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return err.name === 'AbortError' || err.message === JSFORCE_TIMEOUT_MESSAGE;
}

/**
 * jsforce's SessionRefreshDelegate wraps whatever our refresh function failed with in a plain Error
 * starting with this text (session-refresh-delegate.js); the original error is not kept as `cause`.
 */
export const JSFORCE_REFRESH_FAILED_PREFIX = 'Unable to refresh session';

/**
 * OAuth2 has no option for a timeout or for seeing the HTTP status of a token request, and its
 * token requests go through the private `_transport` (oauth2.js `_postParams`). Wrapping that
 * transport's `httpRequest` is the only seam: it gives a hung login endpoint our timeout (jsforce's
 * default is none) and tells `onStatus` the status Salesforce answered, which the thrown error
 * (named after Salesforce's `error` field) does not carry.
 */
export function instrumentTokenTransport(
  oauth2: OAuth2,
  options: { timeoutMs: number; onStatus: (status: number) => void }
): void {
  const transport = oauth2._transport;
  const httpRequest = transport.httpRequest.bind(transport);
  transport.httpRequest = (req, opts = {}) => {
    const pending = httpRequest(req, { timeout: options.timeoutMs, ...opts });
    // Observe without changing what jsforce awaits (a StreamPromise, not a plain promise).
    pending.then(
      (res) => options.onStatus(res.statusCode),
      () => undefined
    );
    return pending;
  };
}
