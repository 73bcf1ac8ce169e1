/** A service agent reads billing on a record page in a real browser, and creates a missing customer. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, focusedLabel, open, screenshot, tabTo } from './harness.js';

describe('customer billing panel', () => {
  test('a contact’s customer, subscriptions, invoices and payments on one panel', async () => {
    const { page, errors, apexCalls, close } = await open('/customerBillingPanel');
    try {
      await page.getByRole('rowheader', { name: 'ADA-0007' }).waitFor();
      const panel = await page.locator('c-customer-billing-panel').innerText();
      for (const expected of [
        'Ada Lovelace',
        'Pro monthly',
        'Renews Dec 15, 2026',
        'card_declined: Your card has insufficient funds.'
      ]) {
        assert.ok(panel.includes(expected), `the panel shows ${expected}`);
      }
      assert.deepEqual(apexCalls[0], {
        method: 'CustomerBillingPanelController.getPanel',
        params: { recordId: '0035g00000AdaAAA' }
      });
      await assertAccessible(page);
      await screenshot(page, 'customer-billing-panel');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('on an Account page it lists the account’s customers', async () => {
    const { page, errors, close } = await open('/customerBillingPanel?record=account');
    try {
      await page.getByText('Globex US').waitFor();
      await assertAccessible(page);
      await screenshot(page, 'customer-billing-panel-account');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('keyboard only: a contact without a customer gets one with Tab and Enter', async () => {
    const { page, errors, apexCalls, close } = await open('/customerBillingPanel?state=empty');
    try {
      await page
        .getByText('This contact has no Stripe customer yet. Create one to bill them through Stripe.')
        .waitFor();
      await assertAccessible(page);
      await screenshot(page, 'customer-billing-panel-empty');
      await page.locator('body').focus();
      await tabTo(page, '.create-customer button');
      assert.equal(await focusedLabel(page), 'Create Stripe customer');
      await page.keyboard.press('Enter');
      await page.getByText('Sync queued; Stripe will be updated within a minute.').waitFor();
      assert.deepEqual(apexCalls.find((c) => c.method === 'CustomerSyncController.syncContact')?.params, {
        contactId: '0035g00000New01AAA'
      });
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('a load error says why and offers to try again', async () => {
    const { page, errors, close } = await open('/customerBillingPanel?state=error');
    try {
      const alert = page.locator('.panel-state [role="alert"]');
      await alert.waitFor();
      assert.match(
        await alert.innerText(),
        /You do not have access to the Apex class named 'CustomerBillingPanelController'\./
      );
      await page.getByRole('button', { name: 'Try again' }).waitFor();
      await assertAccessible(page);
      await screenshot(page, 'customer-billing-panel-error');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
});
