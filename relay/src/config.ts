import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Every setting the relay reads from the environment is parsed and checked here, once, at start-up. */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type SalesforceAuthConfig =
  | {
      flow: 'jwt';
      loginUrl: string;
      clientId: string;
      username: string;
      privateKeyPem: string;
      audience: string;
    }
  | { flow: 'client_credentials'; loginUrl: string; clientId: string; clientSecret: string };

export interface ForwardingConfig {
  batchMaxEvents: number;
  batchMaxWaitMs: number;
  batchMaxBytes: number;
  upstreamTimeoutMs: number;
  upstreamConcurrency: number;
  maxQueuedEvents: number;
}

export interface RelayConfig {
  port: number;
  logLevel: LogLevel;
  webhookSecrets: string[];
  signatureToleranceSeconds: number;
  maxBodyBytes: number;
  forwarding: ForwardingConfig;
  shutdownTimeoutMs: number;
  dryRun: boolean;
  /** Absent only in dry-run mode, where nothing is forwarded. */
  salesforce: SalesforceAuthConfig | undefined;
}

export interface StripeApiBase {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

export interface ReplayConfig {
  logLevel: LogLevel;
  stripeApiKey: string;
  stripeApiBase: StripeApiBase | undefined;
  forwarding: ForwardingConfig;
  salesforce: SalesforceAuthConfig | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

// Unset and blank are the same thing for an environment variable.
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const intVar = (fallback: number, min: number, max: number) =>
  optionalString.pipe(
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .optional()
      .transform((v) => (v === undefined ? fallback : Number(v)))
      .pipe(z.number().int().min(min).max(max))
  );

export const isLoopback = (hostname: string): boolean =>
  hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';

const httpUrl = z
  .string()
  .refine((v) => URL.canParse(v), 'must be an absolute URL')
  .transform((v) => new URL(v))
  .refine(
    (u) => u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u.hostname)),
    'must use https (plain http is allowed for localhost only)'
  );

const httpUrlVar = (fallback: string) => optionalString.transform((v) => v ?? fallback).pipe(httpUrl);

const sharedEnvSchema = z.object({
  LOG_LEVEL: optionalString.pipe(z.enum(LOG_LEVELS).optional().default('info')),
  RELAY_BATCH_MAX_EVENTS: intVar(50, 1, 2000),
  RELAY_BATCH_MAX_WAIT_MS: intVar(20, 0, 10_000),
  RELAY_BATCH_MAX_BYTES: intVar(5_000_000, 1024, 5_900_000),
  RELAY_UPSTREAM_TIMEOUT_MS: intVar(8000, 10, 120_000),
  RELAY_UPSTREAM_CONCURRENCY: intVar(4, 1, 64),
  RELAY_MAX_QUEUED_EVENTS: intVar(1000, 1, 1_000_000),
  SF_LOGIN_URL: httpUrlVar('https://login.salesforce.com'),
  SF_JWT_AUDIENCE: optionalString.pipe(httpUrl.optional())
});

// Plain strings that cannot fail to parse: read apart from the rest so that one bad number
// still lets the start-up error name every missing credential too.
const credentialsSchema = z.object({
  STRIPE_WEBHOOK_SECRET: optionalString,
  STRIPE_API_KEY: optionalString,
  STRIPE_API_BASE: optionalString,
  SF_CLIENT_ID: optionalString,
  SF_CLIENT_SECRET: optionalString,
  SF_USERNAME: optionalString,
  SF_PRIVATE_KEY: optionalString,
  SF_PRIVATE_KEY_FILE: optionalString
});
type Credentials = z.infer<typeof credentialsSchema>;

const relayEnvSchema = sharedEnvSchema.extend({
  PORT: intVar(8787, 0, 65_535),
  STRIPE_SIGNATURE_TOLERANCE_SECONDS: intVar(300, 1, 86_400),
  RELAY_MAX_BODY_BYTES: intVar(1_048_576, 1024, 5_000_000),
  RELAY_SHUTDOWN_TIMEOUT_MS: intVar(10_000, 100, 600_000),
  // Dry run must be asked for in so many words; anything unexpected is an error, never a silent "on".
  RELAY_DRY_RUN: optionalString.pipe(
    z
      .enum(['1', 'true', '0', 'false'], { message: 'must be 1, true, 0 or false' })
      .optional()
      .transform((v) => v === '1' || v === 'true')
  )
});

type SharedEnv = z.infer<typeof sharedEnvSchema>;

function issuesToProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
}

/**
 * Salesforce's JWT audience is the login host, not a My Domain: production My Domains use
 * login.salesforce.com, sandboxes test.salesforce.com; anything else (a local stand-in) its own origin.
 */
export function defaultJwtAudience(loginUrl: URL): string {
  const host = loginUrl.hostname.toLowerCase();
  if (host === 'test.salesforce.com' || host.endsWith('.sandbox.my.salesforce.com')) {
    return 'https://test.salesforce.com';
  }
  if (host === 'login.salesforce.com' || host.endsWith('.salesforce.com')) {
    return 'https://login.salesforce.com';
  }
  return loginUrl.origin;
}

function readPrivateKey(env: Credentials, problems: string[]): string | undefined {
  let pem = env.SF_PRIVATE_KEY?.replace(/\\n/g, '\n');
  if (pem === undefined && env.SF_PRIVATE_KEY_FILE !== undefined) {
    try {
      pem = readFileSync(env.SF_PRIVATE_KEY_FILE, 'utf8');
    } catch {
      problems.push('SF_PRIVATE_KEY_FILE cannot be read');
      return undefined;
    }
  }
  if (pem === undefined) return undefined;
  try {
    createPrivateKey(pem);
  } catch {
    // Never echo the key material, not even a fragment.
    problems.push(
      `${env.SF_PRIVATE_KEY ? 'SF_PRIVATE_KEY' : 'SF_PRIVATE_KEY_FILE'} is not a PEM private key`
    );
    return undefined;
  }
  return pem;
}

/** Works out the OAuth flow from which variables are set; `urls` is undefined when they failed to parse. */
function salesforceAuth(
  env: Credentials,
  urls: { loginUrl: URL | undefined; audience: URL | undefined } | undefined,
  problems: string[]
): SalesforceAuthConfig | undefined {
  const before = problems.length;
  const hasKey = env.SF_PRIVATE_KEY !== undefined || env.SF_PRIVATE_KEY_FILE !== undefined;
  if (env.SF_CLIENT_ID === undefined)
    problems.push('SF_CLIENT_ID is required (the connected app consumer key)');
  if (hasKey && env.SF_CLIENT_SECRET !== undefined) {
    problems.push('SF_CLIENT_SECRET and SF_PRIVATE_KEY/SF_PRIVATE_KEY_FILE are both set: choose one flow');
  } else if (hasKey || env.SF_USERNAME !== undefined) {
    if (env.SF_USERNAME === undefined) problems.push('SF_USERNAME is required for the JWT bearer flow');
    if (!hasKey) {
      problems.push('SF_PRIVATE_KEY or SF_PRIVATE_KEY_FILE is required for the JWT bearer flow');
    }
  } else if (env.SF_CLIENT_SECRET === undefined) {
    problems.push(
      'Salesforce credentials are missing: set SF_USERNAME with SF_PRIVATE_KEY or SF_PRIVATE_KEY_FILE ' +
        '(JWT bearer flow), or SF_CLIENT_SECRET (client-credentials flow)'
    );
  }
  const privateKeyPem = hasKey ? readPrivateKey(env, problems) : undefined;
  const loginUrl = urls?.loginUrl;
  if (problems.length > before || loginUrl === undefined || env.SF_CLIENT_ID === undefined) return undefined;
  const base = { loginUrl: loginUrl.origin, clientId: env.SF_CLIENT_ID };
  if (privateKeyPem !== undefined && env.SF_USERNAME !== undefined) {
    const audience = urls?.audience?.origin ?? defaultJwtAudience(loginUrl);
    return { flow: 'jwt', ...base, username: env.SF_USERNAME, privateKeyPem, audience };
  }
  if (env.SF_CLIENT_SECRET !== undefined) {
    return { flow: 'client_credentials', ...base, clientSecret: env.SF_CLIENT_SECRET };
  }
  return undefined;
}

function forwarding(env: SharedEnv): ForwardingConfig {
  return {
    batchMaxEvents: env.RELAY_BATCH_MAX_EVENTS,
    batchMaxWaitMs: env.RELAY_BATCH_MAX_WAIT_MS,
    batchMaxBytes: env.RELAY_BATCH_MAX_BYTES,
    upstreamTimeoutMs: env.RELAY_UPSTREAM_TIMEOUT_MS,
    upstreamConcurrency: env.RELAY_UPSTREAM_CONCURRENCY,
    maxQueuedEvents: env.RELAY_MAX_QUEUED_EVENTS
  };
}

const missingSecretProblem =
  'STRIPE_WEBHOOK_SECRET is required (the endpoint signing secret; comma-separate several to rotate)';

function parseEnv<T extends z.ZodType>(schema: T, env: Env) {
  const parsed = schema.safeParse(env);
  const problems = parsed.success ? [] : issuesToProblems(parsed.error);
  return { settings: parsed.success ? (parsed.data as z.infer<T>) : undefined, problems };
}

/** Reads the webhook relay's settings; throws ConfigError naming every problem at once. */
export function loadRelayConfig(env: Env): RelayConfig {
  const { settings: e, problems } = parseEnv(relayEnvSchema, env);
  const creds = credentialsSchema.parse(env);
  const webhookSecrets = (creds.STRIPE_WEBHOOK_SECRET ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (webhookSecrets.length === 0) problems.push(missingSecretProblem);
  if (webhookSecrets.some((s) => !s.startsWith('whsec_'))) {
    problems.push('STRIPE_WEBHOOK_SECRET entries must each start with whsec_');
  }
  const dryRun = e?.RELAY_DRY_RUN ?? false;
  const urls = e && { loginUrl: e.SF_LOGIN_URL, audience: e.SF_JWT_AUDIENCE };
  const salesforce = dryRun ? undefined : salesforceAuth(creds, urls, problems);
  if (problems.length > 0 || e === undefined) throw new ConfigError(problems);
  return {
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    webhookSecrets,
    signatureToleranceSeconds: e.STRIPE_SIGNATURE_TOLERANCE_SECONDS,
    maxBodyBytes: e.RELAY_MAX_BODY_BYTES,
    forwarding: forwarding(e),
    shutdownTimeoutMs: e.RELAY_SHUTDOWN_TIMEOUT_MS,
    dryRun,
    salesforce
  };
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
    forwarding: forwarding(e),
    salesforce
  };
}

/** STRIPE_API_BASE exists so tests can point the SDK at a local stand-in of the Events API. */
function parseStripeApiBase(value: string | undefined, problems: string[]): StripeApiBase | undefined {
  if (value === undefined) return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    problems.push('STRIPE_API_BASE must be an http(s) URL such as http://127.0.0.1:12111');
    return undefined;
  }
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  const port = url.port === '' ? (protocol === 'http' ? 80 : 443) : Number(url.port);
  return { host: url.hostname, port, protocol };
}
