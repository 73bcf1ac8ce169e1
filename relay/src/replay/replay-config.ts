import {
  ConfigError,
  forwardingConfig,
  insecureUrlProblem,
  parseEnv,
  sharedEnvSchema,
  type Env,
  type ForwardingConfig,
  type LogLevel
} from '../config/env.js';
import { credentialsSchema, salesforceAuth, type SalesforceAuthConfig } from '../config/salesforce-login.js';

/** The replay command's settings: the Stripe API key plus the relay's forwarding and Salesforce ones. */
export interface ReplayConfig {
  logLevel: LogLevel;
  stripeApiKey: string;
  stripeApiBase: StripeApiBase | undefined;
  forwarding: ForwardingConfig;
  salesforce: SalesforceAuthConfig | undefined;
}

export interface StripeApiBase {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

/** Reads the replay command's settings. A dry run lists events only, so it needs no Salesforce settings. */
export function loadReplayConfig(env: Env, options: { dryRun: boolean }): ReplayConfig {
  const { settings: e, problems } = parseEnv(sharedEnvSchema, env);
  const creds = credentialsSchema.parse(env);
  const apiKey = creds.STRIPE_API_KEY;
  if (apiKey === undefined) {
    problems.push('STRIPE_API_KEY is required (a secret or restricted key that can read events)');
  } else if (!/^(sk|rk)_/.test(apiKey)) {
    problems.push('STRIPE_API_KEY must be a secret (sk_) or restricted (rk_) key');
  }
  const stripeApiBase = parseStripeApiBase(creds.STRIPE_API_BASE, problems);
  const urls = e && { loginUrl: e.SF_LOGIN_URL, audience: e.SF_JWT_AUDIENCE };
  const salesforce = options.dryRun ? undefined : salesforceAuth(creds, urls, problems);
  if (problems.length > 0 || e === undefined || apiKey === undefined) throw new ConfigError(problems);
  return {
    logLevel: e.LOG_LEVEL,
    stripeApiKey: apiKey,
    stripeApiBase,
    forwarding: forwardingConfig(e),
    salesforce
  };
}

/** STRIPE_API_BASE exists so tests can point the SDK at a local stand-in of the Events API. */
function parseStripeApiBase(value: string | undefined, problems: string[]): StripeApiBase | undefined {
  if (value === undefined) return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  const insecure = url && insecureUrlProblem(url);
  if (url === undefined || insecure !== undefined) {
    problems.push(`STRIPE_API_BASE ${insecure ?? 'must be an absolute URL'}, such as http://127.0.0.1:12111`);
    return undefined;
  }
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  const port = url.port === '' ? (protocol === 'http' ? 80 : 443) : Number(url.port);
  return { host: url.hostname, port, protocol };
}
