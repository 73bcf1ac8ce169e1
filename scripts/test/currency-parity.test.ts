/**
 * Apex (StripeMoney.cls) and the LWC module (billingFormat.ts) each hold Stripe's currency exponent
 * table, because the two languages cannot share code. This test keeps them identical.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  THREE_DECIMAL_CURRENCIES,
  ZERO_DECIMAL_CURRENCIES
} from '../../force-app/main/default/lwc/billingFormat/billingFormat.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const apex = fs.readFileSync(
  path.join(root, 'force-app/main/default/classes/common/StripeMoney.cls'),
  'utf8'
);

/** The string members of `Set<String> NAME = new Set<String>{ ... }` in the Apex source. */
function apexSet(name: string): string[] {
  const match = new RegExp(`${name}\\s*=\\s*new Set<String>\\s*\\{([^}]*)\\}`).exec(apex);
  assert.ok(match, `${name} not found in StripeMoney.cls`);
  return [...(match[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1] ?? '').sort();
}

test('zero-decimal currencies are the same in Apex and LWC', () => {
  assert.deepEqual(apexSet('ZERO_DECIMAL_CURRENCIES'), [...ZERO_DECIMAL_CURRENCIES].sort());
});

test('three-decimal currencies are the same in Apex and LWC', () => {
  assert.deepEqual(apexSet('THREE_DECIMAL_CURRENCIES'), [...THREE_DECIMAL_CURRENCIES].sort());
});
