import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError } from '../src/config/env.js';
import { loadRelayConfig } from '../src/config/relay-config.js';
import { defaultJwtAudience } from '../src/config/salesforce-login.js';
import { newWebhookSecret, testKeys } from './support/harness.js';
import { REPO_ROOT, spawnRelay } from './support/child.js';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadRelayConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems;
  }
  assert.fail('expected a ConfigError');
};

describe('configuration', () => {
  const secret = newWebhookSecret();
  const clientCredentials = { STRIPE_WEBHOOK_SECRET: secret, SF_CLIENT_ID: 'cid', SF_CLIENT_SECRET: 'cs' };

  test('defaults', () => {
    const config = loadRelayConfig(clientCredentials);
    assert.equal(config.port, 8787);
    assert.equal(config.logLevel, 'info');
    assert.equal(config.signatureToleranceSeconds, 300);
    assert.equal(config.maxBodyBytes, 1_048_576);
    // The Apex side is sized for these (CONTRACTS: 200 events, 512 KiB).
    assert.deepEqual(config.forwarding, {
      batchMaxEvents: 200,
      batchMaxWaitMs: 20,
      batchMaxBytes: 524_288,
      upstreamTimeoutMs: 8000,
      upstreamConcurrency: 5,
      maxQueuedEvents: 1200
    });
    assert.equal(config.dryRun, false);
    assert.deepEqual(config.salesforce, {
      flow: 'client_credentials',
      loginUrl: 'https://login.salesforce.com',
      clientId: 'cid',
      clientSecret: 'cs'
    });
  });

  test('several comma-separated secrets for rotation', () => {
    const other = newWebhookSecret();
    const config = loadRelayConfig({ ...clientCredentials, STRIPE_WEBHOOK_SECRET: ` ${secret} , ${other},` });
    assert.deepEqual(config.webhookSecrets, [secret, other]);
  });

  test('JWT flow from SF_PRIVATE_KEY (with \\n escapes) or SF_PRIVATE_KEY_FILE; My Domain audience', () => {
    const pem = testKeys().privateKeyPem;
    const base = { STRIPE_WEBHOOK_SECRET: secret, SF_CLIENT_ID: 'cid', SF_USERNAME: 'u@example.com' };
    const inline = loadRelayConfig({
      ...base,
      SF_PRIVATE_KEY: pem.replace(/\n/g, '\\n'),
      SF_LOGIN_URL: 'https://acme.my.salesforce.com/'
    });
    assert.equal(inline.salesforce?.flow, 'jwt');
    assert.equal(inline.salesforce?.loginUrl, 'https://acme.my.salesforce.com');
    assert.equal(
      inline.salesforce?.flow === 'jwt' && inline.salesforce.audience,
      'https://login.salesforce.com'
    );
    const dir = mkdtempSync(join(tmpdir(), 'relay-key-'));
    try {
      writeFileSync(join(dir, 'key.pem'), pem);
      const fromFile = loadRelayConfig({ ...base, SF_PRIVATE_KEY_FILE: join(dir, 'key.pem') });
      assert.equal(fromFile.salesforce?.flow === 'jwt' && fromFile.salesforce.privateKeyPem, pem);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('JWT audience follows the login host', () => {
    assert.equal(defaultJwtAudience(new URL('https://login.salesforce.com')), 'https://login.salesforce.com');
    assert.equal(defaultJwtAudience(new URL('https://test.salesforce.com')), 'https://test.salesforce.com');
    assert.equal(
      defaultJwtAudience(new URL('https://acme--uat.sandbox.my.salesforce.com')),
      'https://test.salesforce.com'
    );
    assert.equal(
      defaultJwtAudience(new URL('https://power-dream-1234-dev-ed.scratch.my.salesforce.com')),
      'https://test.salesforce.com'
    );
    assert.equal(defaultJwtAudience(new URL('http://127.0.0.1:4000')), 'http://127.0.0.1:4000');
  });

  test('every problem is named at once, and no secret is echoed', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      STRIPE_WEBHOOK_SECRET: 'sk_not_a_webhook_secret',
      SF_CLIENT_ID: 'cid',
      SF_USERNAME: 'u@example.com',
      SF_PRIVATE_KEY: 'not a key',
      SF_LOGIN_URL: 'http://login.example.com',
      RELAY_DRY_RUN: 'yes'
    }).join('\n');
    for (const name of ['PORT', 'STRIPE_WEBHOOK_SECRET', 'SF_PRIVATE_KEY', 'SF_LOGIN_URL', 'RELAY_DRY_RUN']) {
      assert.match(problems, new RegExp(name));
    }
    assert.ok(!problems.includes('sk_not_a_webhook_secret'));
    assert.ok(!problems.includes('not a key'));
  });

  test('dry run with another invalid variable reports only that variable', () => {
    for (const [name, value] of [
      ['PORT', 'abc'],
      ['LOG_LEVEL', 'verbose'],
      ['RELAY_BATCH_MAX_EVENTS', '0']
    ] as const) {
      const problems = problemsOf({ STRIPE_WEBHOOK_SECRET: secret, RELAY_DRY_RUN: '1', [name]: value });
      assert.equal(problems.length, 1, `${name}: ${problems.join(' | ')}`);
      assert.match(problems[0] ?? '', new RegExp(`^${name} `));
    }
  });

  test('a bad number names the variable, its allowed range and the value given', () => {
    assert.deepEqual(problemsOf({ ...clientCredentials, RELAY_BATCH_MAX_EVENTS: '0' }), [
      'RELAY_BATCH_MAX_EVENTS must be a whole number from 1 to 2000 (got "0")'
    ]);
    assert.deepEqual(problemsOf({ ...clientCredentials, STRIPE_SIGNATURE_TOLERANCE_SECONDS: '-5' }), [
      'STRIPE_SIGNATURE_TOLERANCE_SECONDS must be positive: a whole number from 1 to 86400 (got "-5")'
    ]);
    assert.deepEqual(problemsOf({ ...clientCredentials, LOG_LEVEL: 'verbose' }), [
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")'
    ]);
    for (const problem of problemsOf({
      ...clientCredentials,
      PORT: '80.5',
      RELAY_UPSTREAM_TIMEOUT_MS: 'soon'
    })) {
      assert.doesNotMatch(problem, /expected|Too small|Invalid input/, problem);
    }
  });

  test('a path in SF_LOGIN_URL is an error, not silently dropped', () => {
    const problems = problemsOf({
      ...clientCredentials,
      SF_LOGIN_URL: 'https://acme.my.salesforce.com/services/oauth2/token'
    });
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /^SF_LOGIN_URL must be the host only.*without a path/);
    // An Experience Cloud site is a valid JWT audience, path and all.
    const site = loadRelayConfig({
      STRIPE_WEBHOOK_SECRET: secret,
      SF_CLIENT_ID: 'cid',
      SF_USERNAME: 'u@example.com',
      SF_PRIVATE_KEY: testKeys().privateKeyPem,
      SF_JWT_AUDIENCE: 'https://acme.my.site.com/customers/'
    });
    assert.equal(
      site.salesforce?.flow === 'jwt' && site.salesforce.audience,
      'https://acme.my.site.com/customers'
    );
    // The origin alone, with or without a trailing slash, is fine.
    for (const url of ['https://acme.my.salesforce.com', 'https://test.salesforce.com/']) {
      assert.equal(
        loadRelayConfig({ ...clientCredentials, SF_LOGIN_URL: url }).salesforce?.loginUrl,
        url.replace(/\/$/, '')
      );
    }
  });

  test('both flows at once is ambiguous', () => {
    const problems = problemsOf({ ...clientCredentials, SF_USERNAME: 'u', SF_PRIVATE_KEY: 'x' });
    assert.match(problems.join('\n'), /choose one flow/);
  });

  test('dry run must be explicit and then needs no Salesforce settings', () => {
    assert.equal(loadRelayConfig({ STRIPE_WEBHOOK_SECRET: secret, RELAY_DRY_RUN: '1' }).dryRun, true);
    assert.equal(
      loadRelayConfig({ STRIPE_WEBHOOK_SECRET: secret, RELAY_DRY_RUN: 'true' }).salesforce,
      undefined
    );
    // Off (or unset) means Salesforce settings are required.
    assert.ok(problemsOf({ STRIPE_WEBHOOK_SECRET: secret, RELAY_DRY_RUN: '0' }).length > 0);
  });

  test('npm start with an empty environment exits 1 naming each missing variable', async () => {
    const relay = spawnRelay({});
    const { code } = await relay.exited;
    assert.equal(code, 1);
    for (const name of [
      'STRIPE_WEBHOOK_SECRET',
      'SF_CLIENT_ID',
      'SF_USERNAME',
      'SF_PRIVATE_KEY',
      'SF_PRIVATE_KEY_FILE',
      'SF_CLIENT_SECRET'
    ]) {
      assert.match(relay.stderr(), new RegExp(`\\b${name}\\b`), `names ${name}`);
    }
  });

  test('npm start says it is compiling before the compiler runs', () => {
    const scripts = (
      JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    const prestart = scripts.prestart ?? '';
    assert.match(prestart, /^echo .*compiling/i);
    assert.ok(prestart.indexOf('compiling') < prestart.indexOf('tsc '), 'the message comes before tsc');
  });

  test('npm start with only the Stripe secret exits 1 naming the Salesforce variables', async () => {
    const relay = spawnRelay({ STRIPE_WEBHOOK_SECRET: secret });
    const { code } = await relay.exited;
    assert.equal(code, 1);
    assert.match(relay.stderr(), /SF_CLIENT_ID/);
    assert.match(relay.stderr(), /SF_CLIENT_SECRET/);
    assert.match(relay.stderr(), /to try the relay without Salesforce, set RELAY_DRY_RUN=1/i);
    assert.ok(!relay.stderr().includes(secret));
  });
});
