import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { OAuth2 } from 'jsforce';
import { z } from 'zod';
import { insecureUrlProblem } from './config/env.js';
import type { SalesforceAuthConfig } from './config/salesforce-login.js';
import { UpstreamError } from './forwarding.js';
import { instrumentTokenTransport, isJsforceTimeout } from './jsforce-internals.js';
import { describeNetworkError, hostOf } from './network-errors.js';

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
  instance_url: z.url().refine((value) => insecureUrlProblem(new URL(value)) === undefined)
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
  private lastStatus = 0;

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
    // A hung login endpoint is abandoned after our timeout, and a refusal is reported with its status.
    instrumentTokenTransport(this.oauth2, {
      timeoutMs: options.timeoutMs,
      onStatus: (status) => (this.lastStatus = status)
    });
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
    this.lastStatus = 0;
    try {
      response = await this.oauth2.requestToken(params);
    } catch (err) {
      this.options.onTokenRequest?.('error');
      throw this.describeFailure(err);
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

  /**
   * Why the login failed, in words that point at the fix: the host and the DNS/connection/TLS error,
   * a timeout, or the HTTP status with Salesforce's `error` and `error_description` (such as
   * "invalid_grant: user hasn't approved this consumer"). Salesforce's descriptions name the problem,
   * never a credential; a non-JSON error page is left out.
   */
  private describeFailure(err: unknown): UpstreamError {
    const where = `Salesforce login at ${hostOf(this.auth.loginUrl)}`;
    const network = describeNetworkError(err, this.auth.loginUrl);
    if (network !== undefined) return new UpstreamError('unreachable', `Salesforce login failed: ${network}`);
    const e = err instanceof Error ? err : new Error(String(err));
    if (isJsforceTimeout(e)) {
      return new UpstreamError('timeout', `${where}: no answer within ${this.options.timeoutMs} ms`);
    }
    const status = this.lastStatus > 0 ? `HTTP ${this.lastStatus}` : 'no HTTP answer';
    // jsforce names the error after Salesforce's `error` field, or ERROR_HTTP_<status> for a non-JSON body.
    const fromSalesforce = !e.name.startsWith('ERROR_HTTP_') && /^[a-z_]{1,64}$/.test(e.name);
    const detail = fromSalesforce
      ? `: ${e.name}${e.message ? ` (${e.message.replace(/\s+/g, ' ').slice(0, 200)})` : ''}`
      : '';
    const hint = this.lastStatus === 404 ? '; is SF_LOGIN_URL a Salesforce login host?' : '';
    return new UpstreamError('auth', `${where} refused: ${status}${detail}${hint}`);
  }
}
