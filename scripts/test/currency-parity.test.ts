/**
 * Apex (StripeMoney.cls) and the LWC module (billingFormat.ts) each convert Stripe amounts, because the
 * two languages cannot share code. This test holds them to one behaviour:
 * - the exponent tables are identical;
 * - the shared cases (lwc/billingFormat/__tests__/data/minorUnitCases.json) are run here against
 *   billingFormat, and StripeMoneyTest.cls runs the very same rows against StripeMoney in an org;
 *   the rows in the Apex test must equal the JSON, so neither side can drift alone;
 * - a blank currency is an error on both sides, with the same message.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BLANK_CURRENCY_MESSAGE,
  THREE_DECIMAL_CURRENCIES,
  ZERO_DECIMAL_CURRENCIES,
  currencyExponent,
  fromMinorUnits,
  toMinorUnits
} from '../../force-app/main/default/lwc/billingFormat/billingFormat.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const apex = read('force-app/main/default/classes/common/StripeMoney.cls');
const apexTest = read('force-app/main/default/classes/common/StripeMoneyTest.cls');

interface Conversion {
  minor: number;
  currency: string;
  amount: string;
}
const shared = JSON.parse(
  read('force-app/main/default/lwc/billingFormat/__tests__/data/minorUnitCases.json')
) as {
  conversions: Conversion[];
  blankCurrencies: (string | null)[];
};

/** The string members of `Set<String> NAME = new Set<String>{ ... }` in the Apex source. */
function apexSet(name: string): string[] {
  const match = new RegExp(`${name}\\s*=\\s*new Set<String>\\s*\\{([^}]*)\\}`).exec(apex);
  assert.ok(match, `${name} not found in StripeMoney.cls`);
  return [...(match[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1] ?? '').sort();
}

/** The body of `NAME = new List<...>{ ... };` in StripeMoneyTest.cls. */
function apexList(name: string): string {
  const match = new RegExp(`${name}\\s*=\\s*new List<[^>]*>+\\s*\\{([\\s\\S]*?)\\};`).exec(apexTest);
  assert.ok(match, `${name} not found in StripeMoneyTest.cls`);
  return match[1] ?? '';
}

describe('StripeMoney (Apex) and billingFormat (LWC) behave alike', () => {
  test('zero-decimal currencies are the same in Apex and LWC', () => {
    assert.deepEqual(apexSet('ZERO_DECIMAL_CURRENCIES'), [...ZERO_DECIMAL_CURRENCIES].sort());
  });

  test('three-decimal currencies are the same in Apex and LWC', () => {
    assert.deepEqual(apexSet('THREE_DECIMAL_CURRENCIES'), [...THREE_DECIMAL_CURRENCIES].sort());
  });

  test('StripeMoneyTest runs exactly the shared conversion cases', () => {
    const rows = [
      ...apexList('SHARED_CONVERSIONS').matchAll(
        /new List<Object>\{\s*(-?\d+)L,\s*'([^']*)',\s*'([^']*)'\s*\}/g
      )
    ].map((m) => ({ minor: Number(m[1]), currency: m[2], amount: m[3] }));
    assert.deepEqual(rows, shared.conversions);
  });

  test('billingFormat converts every shared case both ways', () => {
    for (const { minor, currency, amount } of shared.conversions) {
      assert.equal(fromMinorUnits(minor, currency), Number(amount), `${minor} ${currency}`);
      assert.equal(toMinorUnits(Number(amount), currency), minor, `${amount} ${currency}`);
      // The amount's written scale is the currency's exponent, as StripeMoney.setScale gives it.
      assert.equal(amount.split('.')[1]?.length ?? 0, currencyExponent(currency), `${amount} ${currency}`);
    }
  });

  test('a blank currency is an error in both, with the same message', () => {
    const apexBlanks = [...apexList('SHARED_BLANK_CURRENCIES').matchAll(/'([^']*)'|\bnull\b/g)].map((m) =>
      m[0] === 'null' ? null : (m[1] ?? '')
    );
    assert.deepEqual(apexBlanks, shared.blankCurrencies);
    for (const code of shared.blankCurrencies) {
      assert.throws(() => currencyExponent(code as string), { message: BLANK_CURRENCY_MESSAGE });
      assert.throws(() => fromMinorUnits(500, code as string), RangeError);
    }
    const apexMessage = /throw new IllegalArgumentException\('([^']+)'\)/.exec(apex)?.[1];
    assert.equal(apexMessage, BLANK_CURRENCY_MESSAGE);
    assert.ok(apexTest.includes(`'${BLANK_CURRENCY_MESSAGE}'`), 'StripeMoneyTest asserts the same message');
  });
});
