/**
 * Turns a failed connection into words a person can act on: the host, and whether DNS, the TCP
 * connection or TLS failed. Only the error's `code` is read (Node's system error codes, which
 * node-fetch, jsforce and node:http all pass through); its message may quote URLs or data.
 */

const CAUSES: Record<string, string> = {
  ENOTFOUND: 'DNS lookup failed: no such host',
  EAI_AGAIN: 'DNS lookup failed (temporary; no DNS server answered)',
  ECONNREFUSED: 'connection refused: nothing listens on that port',
  ECONNRESET: 'connection reset by the server',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed while sending',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS failed: the server certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS failed: a self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS failed: the certificate chain cannot be verified',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS failed: the certificate issuer is not trusted here',
  CERT_HAS_EXPIRED: 'TLS failed: the server certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS failed: the certificate is for another host name',
  EPROTO: 'TLS failed: protocol error (is it really https?)'
};

/** The first string `code` on the error or its `cause` chain. */
export function errorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** "cannot reach login.example.com: DNS lookup failed: no such host (ENOTFOUND)", or undefined if not a connection error. */
export function describeNetworkError(err: unknown, url: string): string | undefined {
  const code = errorCode(err);
  if (code === undefined) return undefined;
  const known = CAUSES[code] ?? (/^(CERT_|ERR_TLS_|ERR_SSL_)/.test(code) ? 'TLS failed' : undefined);
  if (known === undefined && !code.startsWith('E')) return undefined;
  return `cannot reach ${hostOf(url)}: ${known ?? 'connection failed'} (${code})`;
}

export function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}
