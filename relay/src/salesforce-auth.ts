import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { OAuth2 } from 'jsforce';
import { z } from 'zod';
import { isLoopback, type SalesforceAuthConfig } from './config.js';
import { UpstreamError } from './batcher.js';

export interface SalesforceToken {
  accessToken: string;
  instanceUrl: string;
}

/** Hands out a Salesforce access token; the Salesforce client asks again after a 401. */
export interface TokenSource {
  getToken(): Promise<SalesforceToken>;
  /** A fresh token unless `stale` has already been replaced, so concurrent 401s cause one login. */
  refresh(stale: string): Promise<SalesforceToken>;
}

export interface TokenProviderOptions {
  timeoutMs: number;
  now?: () => number;
  onTokenRequest?: (result: 'ok' | 'error') => void;
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
// Salesforce accepts assertions valid for at most a few minutes.
const ASSERTION_LIFETIME_SECONDS = 180;

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  // Event payloads go to this URL: never in plain text, except to a stand-in on this machine.
  instance_url: z.url().refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
  })
});

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** An RS256-signed JWT for Salesforce's OAuth 2.0 JWT bearer flow. */
export function buildJwtAssertion(
  claims: { iss: string; sub: string; aud: string },
  key: KeyObject,
  nowSeconds: number
): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ ...claims, exp: nowSeconds + ASSERTION_LIFETIME_SECONDS }));
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), key);
  return `${header}.${payload}.${base64url(signature)}`;
}

/**
 * Gets access tokens with jsforce's OAuth2 client, by JWT bearer or client-credentials flow. Neither flow
 * yields a refresh token, so "refresh" means logging in again. Tokens are cached until Salesforce
 * refuses one; logins are single-flight so a burst of 401s causes a single token request.
 */
export class SalesforceTokenProvider implements TokenSource {
  private readonly oauth2: OAuth2;
  private readonly privateKey: KeyObject | undefined;
  private current: SalesforceToken | undefined;
  private inflight: Promise<SalesforceToken> | undefined;
  private readonly now: () => number;

  constructor(
    private readonly auth: SalesforceAuthConfig,
    private readonly options: TokenProviderOptions
  ) {
    this.now = options.now ?? Date.now;
    this.oauth2 =
      auth.flow === 'jwt'
        ? new OAuth2({ loginUrl: auth.loginUrl })
        : new OAuth2({ loginUrl: auth.loginUrl, clientId: auth.clientId, clientSecret: auth.clientSecret });
    this.privateKey = auth.flow === 'jwt' ? createPrivateKey(auth.privateKeyPem) : undefined;
    // jsforce's token request has no timeout of its own (60 s default); give it ours, so a hung
    // login endpoint is abandoned rather than left open.
    const transport = this.oauth2._transport;
    const httpRequest = transport.httpRequest.bind(transport);
    transport.httpRequest = (req, opts = {}) => httpRequest(req, { timeout: options.timeoutMs, ...opts });
  }

  getToken(): Promise<SalesforceToken> {
    if (this.current) return Promise.resolve(this.current);
    return this.login();
  }

  refresh(stale: string): Promise<SalesforceToken> {
    if (this.current && this.current.accessToken !== stale) return Promise.resolve(this.current);
    this.current = undefined;
    return this.login();
  }

  private login(): Promise<SalesforceToken> {
    this.inflight ??= this.requestToken().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async requestToken(): Promise<SalesforceToken> {
    const params: { grant_type: string; [name: string]: string } =
      this.auth.flow === 'jwt' && this.privateKey
        ? {
            grant_type: JWT_BEARER,
            assertion: buildJwtAssertion(
              { iss: this.auth.clientId, sub: this.auth.username, aud: this.auth.audience },
              this.privateKey,
              Math.floor(this.now() / 1000)
            )
          }
        : { grant_type: 'client_credentials' };
    let response: unknown;
    try {
      response = await this.oauth2.requestToken(params);
    } catch (err) {
      this.options.onTokenRequest?.('error');
      // jsforce names the error after Salesforce's `error` field (invalid_grant, invalid_client…): safe to show.
      const name = err instanceof Error ? err.name : 'error';
      throw new UpstreamError('auth', `Salesforce token request failed: ${name}`);
    }
    // Only the two fields we use are required: a reply without `id` is fine here.
    const parsed = tokenResponseSchema.safeParse(response);
    if (!parsed.success) {
      this.options.onTokenRequest?.('error');
      throw new UpstreamError(
        'auth',
        'Salesforce token response lacks access_token or an https instance_url'
      );
    }
    this.options.onTokenRequest?.('ok');
    this.current = {
      accessToken: parsed.data.access_token,
      instanceUrl: parsed.data.instance_url.replace(/\/+$/, '')
    };
    return this.current;
  }
}
