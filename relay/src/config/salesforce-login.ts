import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { optionalString } from './env.js';

/**
 * The Salesforce login-flow choice: which OAuth flow the set variables describe (JWT bearer or client
 * credentials), with what is missing for it named. The relay and the replay command both use it.
 */

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

// Plain strings that cannot fail to parse: read apart from the numbers so that one bad number
// still lets the start-up error name every missing credential too.
export const credentialsSchema = z.object({
  STRIPE_WEBHOOK_SECRET: optionalString,
  STRIPE_API_KEY: optionalString,
  STRIPE_API_BASE: optionalString,
  SF_CLIENT_ID: optionalString,
  SF_CLIENT_SECRET: optionalString,
  SF_USERNAME: optionalString,
  SF_PRIVATE_KEY: optionalString,
  SF_PRIVATE_KEY_FILE: optionalString
});
export type Credentials = z.infer<typeof credentialsSchema>;

/** Said once under the problems whenever Salesforce settings are what is missing. */
export const DRY_RUN_HINT =
  'To try the relay without Salesforce, set RELAY_DRY_RUN=1: it verifies and logs webhooks but does not forward them (never on a live endpoint).';

/**
 * Salesforce's JWT audience is the login host, not a My Domain: production My Domains use
 * login.salesforce.com, sandboxes and scratch orgs test.salesforce.com; anything else (a local
 * stand-in) its own origin.
 */
export function defaultJwtAudience(loginUrl: URL): string {
  const host = loginUrl.hostname.toLowerCase();
  if (
    host === 'test.salesforce.com' ||
    host.endsWith('.sandbox.my.salesforce.com') ||
    host.endsWith('.scratch.my.salesforce.com')
  ) {
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
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      problems.push(
        `SF_PRIVATE_KEY_FILE cannot be read (${typeof code === 'string' ? code : 'error'}): ${env.SF_PRIVATE_KEY_FILE}`
      );
      return undefined;
    }
  }
  if (pem === undefined) return undefined;
  try {
    createPrivateKey(pem);
  } catch {
    // Never echo the key material, not even a fragment.
    problems.push(
      `${env.SF_PRIVATE_KEY ? 'SF_PRIVATE_KEY' : 'SF_PRIVATE_KEY_FILE'} is not a PEM private key ` +
        '(expected "-----BEGIN PRIVATE KEY-----" or "-----BEGIN RSA PRIVATE KEY-----")'
    );
    return undefined;
  }
  return pem;
}

/**
 * Works out the OAuth flow from which variables are set, adding a sentence to `problems` for each
 * thing missing. `urls` is undefined when the URL variables failed to parse (already reported).
 */
export function salesforceAuth(
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
    const given = urls?.audience;
    const audience = given ? given.origin + given.pathname.replace(/\/$/, '') : defaultJwtAudience(loginUrl);
    return { flow: 'jwt', ...base, username: env.SF_USERNAME, privateKeyPem, audience };
  }
  if (env.SF_CLIENT_SECRET !== undefined) {
    return { flow: 'client_credentials', ...base, clientSecret: env.SF_CLIENT_SECRET };
  }
  return undefined;
}
