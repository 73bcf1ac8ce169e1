import { z } from 'zod';

/**
 * Reading the environment: the parsers every command shares (numbers with their ranges, the one URL
 * rule, log levels, the forwarding settings) and the error that lists every problem at once. What
 * each command needs is assembled in relay-config.ts and replay/replay-config.ts.
 */

export type Env = Record<string, string | undefined>;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Every problem with the settings, one sentence each, never quoting a secret. */
export class ConfigError extends Error {
  constructor(
    readonly problems: string[],
    /** One extra line of advice, such as how to try the relay without Salesforce. */
    readonly hint?: string
  ) {
    super(
      `invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}` + (hint ? `\n${hint}` : '')
    );
    this.name = 'ConfigError';
  }
}

// Unset and blank are the same thing for an environment variable.
export const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** Shows a value a person typed, shortened; only for settings that are never secret. */
const shown = (value: string) => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);

/** A whole number in [min, max]; the message names the range and the value given. */
export const intVar = (fallback: number, min: number, max: number) =>
  optionalString.transform((value, ctx): number => {
    if (value === undefined) return fallback;
    const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
    const range = `a whole number from ${min} to ${max}`;
    const negative = /^\s*-/.test(value);
    const lead = negative ? (min >= 1 ? 'must be positive: ' : 'must not be negative: ') : 'must be ';
    ctx.addIssue({ code: 'custom', message: `${lead}${range} (got ${shown(value)})` });
    return z.NEVER;
  });

/** One of a fixed list; the message lists them and the value given. */
export const enumVar = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  optionalString.transform((value, ctx): T[number] => {
    if (value === undefined) return fallback;
    if ((values as readonly string[]).includes(value)) return value as T[number];
    ctx.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')} (got ${shown(value)})` });
    return z.NEVER;
  });

export const isLoopback = (hostname: string): boolean =>
  hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';

/**
 * The one rule for every URL the relay sends data or credentials to: https, or plain http to this
 * machine only (the test stand-ins). Returns the reason a URL breaks it, or undefined.
 */
export function insecureUrlProblem(url: URL): string | undefined {
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return undefined;
  return 'must use https (plain http is allowed for localhost only)';
}

/**
 * A URL under the rule above. With `host only`, a path, query or fragment is an error rather than
 * silently dropped: `https://acme.my.salesforce.com/services` would otherwise log in somewhere the
 * user did not write. (A JWT audience may carry a path: an Experience Cloud site's URL.)
 */
const secureUrl = (hostOnly: boolean) =>
  optionalString.transform((value, ctx): URL | undefined => {
    if (value === undefined) return undefined;
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (!URL.canParse(value))
      return fail(`must be an absolute URL such as https://login.salesforce.com (got ${shown(value)})`);
    const url = new URL(value);
    const insecure = insecureUrlProblem(url);
    if (insecure) return fail(`${insecure} (got ${shown(value)})`);
    if (url.search !== '' || url.hash !== '' || url.username !== '' || (hostOnly && url.pathname !== '/')) {
      return fail(
        `must be the host only, such as https://login.salesforce.com or https://acme.my.salesforce.com, ` +
          `without a path (got ${shown(value)})`
      );
    }
    return url;
  });

export const originUrl = secureUrl(true);

/** The batching and Salesforce-call settings the relay and the replay command share. */
export interface ForwardingConfig {
  batchMaxEvents: number;
  batchMaxWaitMs: number;
  batchMaxBytes: number;
  upstreamTimeoutMs: number;
  upstreamConcurrency: number;
  maxQueuedEvents: number;
}

/**
 * Defaults sized for the Apex side (its test posts a batch of this size and stays under half the
 * synchronous heap and CPU limits) and for a 100–300 ms Apex round trip; README "Relay configuration"
 * explains how to size them for an org.
 */
export const FORWARDING_DEFAULTS: ForwardingConfig = {
  batchMaxEvents: 200,
  batchMaxWaitMs: 20,
  batchMaxBytes: 524_288,
  upstreamTimeoutMs: 8000,
  // In simulated time (batcher.test.ts), 5 slots of up to 200 carry about 5,000 events/s from 1,000
  // senders at a 150 ms round trip, at under 7 calls per 1,000 events (4 slots: about 4,700).
  upstreamConcurrency: 5,
  // (concurrency + 1) × batch size: a full batch can wait behind the ones in flight, no more.
  maxQueuedEvents: 1200
};

const d = FORWARDING_DEFAULTS;
export const sharedEnvSchema = z.object({
  LOG_LEVEL: enumVar(LOG_LEVELS, 'info'),
  RELAY_BATCH_MAX_EVENTS: intVar(d.batchMaxEvents, 1, 2000),
  RELAY_BATCH_MAX_WAIT_MS: intVar(d.batchMaxWaitMs, 0, 10_000),
  // Apex REST takes a request body of up to 6 MB; leave room for the envelope.
  RELAY_BATCH_MAX_BYTES: intVar(d.batchMaxBytes, 1024, 5_900_000),
  RELAY_UPSTREAM_TIMEOUT_MS: intVar(d.upstreamTimeoutMs, 10, 120_000),
  RELAY_UPSTREAM_CONCURRENCY: intVar(d.upstreamConcurrency, 1, 64),
  RELAY_MAX_QUEUED_EVENTS: intVar(d.maxQueuedEvents, 1, 1_000_000),
  SF_LOGIN_URL: originUrl.transform((url) => url ?? new URL('https://login.salesforce.com')),
  SF_JWT_AUDIENCE: secureUrl(false)
});
export type SharedEnv = z.infer<typeof sharedEnvSchema>;

export function forwardingConfig(env: SharedEnv): ForwardingConfig {
  return {
    batchMaxEvents: env.RELAY_BATCH_MAX_EVENTS,
    batchMaxWaitMs: env.RELAY_BATCH_MAX_WAIT_MS,
    batchMaxBytes: env.RELAY_BATCH_MAX_BYTES,
    upstreamTimeoutMs: env.RELAY_UPSTREAM_TIMEOUT_MS,
    upstreamConcurrency: env.RELAY_UPSTREAM_CONCURRENCY,
    maxQueuedEvents: env.RELAY_MAX_QUEUED_EVENTS
  };
}

/** Parses `env` with `schema`; on failure, one sentence per problem, each starting with the variable. */
export function parseEnv<T extends z.ZodType>(schema: T, env: Env) {
  const parsed = schema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  return { settings: parsed.success ? (parsed.data as z.infer<T>) : undefined, problems };
}
