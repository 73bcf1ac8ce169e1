import { z } from 'zod';
import {
  ConfigError,
  forwardingConfig,
  intVar,
  optionalString,
  parseEnv,
  sharedEnvSchema,
  type Env,
  type ForwardingConfig,
  type LogLevel
} from './env.js';
import {
  credentialsSchema,
  DRY_RUN_HINT,
  salesforceAuth,
  type SalesforceAuthConfig
} from './salesforce-login.js';

/** The webhook relay's settings (`npm start`), read and checked once at start-up. */
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

const relayEnvSchema = sharedEnvSchema.extend({
  PORT: intVar(8787, 0, 65_535),
  STRIPE_SIGNATURE_TOLERANCE_SECONDS: intVar(300, 1, 86_400),
  RELAY_MAX_BODY_BYTES: intVar(1_048_576, 1024, 5_000_000),
  RELAY_SHUTDOWN_TIMEOUT_MS: intVar(10_000, 100, 600_000)
});

// Read on its own, so that a bad PORT does not hide that dry run (which needs no Salesforce
// settings) was asked for. It must be asked for in so many words; anything unexpected is an error,
// never a silent "on".
const dryRunSchema = z.object({
  RELAY_DRY_RUN: optionalString.transform((value, ctx): boolean => {
    if (value === undefined || value === '0' || value === 'false') return false;
    if (value === '1' || value === 'true') return true;
    ctx.addIssue({ code: 'custom', message: `must be 1, true, 0 or false (got ${JSON.stringify(value)})` });
    return z.NEVER;
  })
});

const missingSecretProblem =
  'STRIPE_WEBHOOK_SECRET is required (the endpoint signing secret; comma-separate several to rotate)';

function webhookSecrets(value: string | undefined, problems: string[]): string[] {
  const secrets = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (secrets.length === 0) problems.push(missingSecretProblem);
  if (secrets.some((s) => !s.startsWith('whsec_'))) {
    problems.push('STRIPE_WEBHOOK_SECRET entries must each start with whsec_');
  }
  return secrets;
}

/** Reads the webhook relay's settings; throws ConfigError naming every problem at once. */
export function loadRelayConfig(env: Env): RelayConfig {
  const { settings: e, problems } = parseEnv(relayEnvSchema, env);
  const dry = parseEnv(dryRunSchema, env);
  problems.push(...dry.problems);
  const creds = credentialsSchema.parse(env);
  const secrets = webhookSecrets(creds.STRIPE_WEBHOOK_SECRET, problems);
  // Dry run is read on its own so that a bad PORT does not hide it; an unreadable RELAY_DRY_RUN is
  // reported above and counts as off (the default), so the Salesforce settings are judged too.
  const dryRun = dry.settings?.RELAY_DRY_RUN ?? false;
  const urls = e && { loginUrl: e.SF_LOGIN_URL, audience: e.SF_JWT_AUDIENCE };
  const before = problems.length;
  const salesforce = dryRun === false ? salesforceAuth(creds, urls, problems) : undefined;
  const salesforceMissing = problems.length > before;
  if (problems.length > 0 || e === undefined) {
    throw new ConfigError(problems, salesforceMissing ? DRY_RUN_HINT : undefined);
  }
  return {
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    webhookSecrets: secrets,
    signatureToleranceSeconds: e.STRIPE_SIGNATURE_TOLERANCE_SECONDS,
    maxBodyBytes: e.RELAY_MAX_BODY_BYTES,
    forwarding: forwardingConfig(e),
    shutdownTimeoutMs: e.RELAY_SHUTDOWN_TIMEOUT_MS,
    dryRun,
    salesforce
  };
}
