/** An admin finds a failed Stripe event and replays it, in a real browser. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, open, openModal, screenshot, tabTo } from './harness.js';

const REPLAY = 'StripeEventReplayService.replayEvents';

describe('stripe event monitor', () => {
  test('select a failed event, confirm, and see it replayed', async () => {
    const { page, errors, apexCalls, close } = await open('/stripeEventMonitor');
    try {
      const failedRow = page.locator('lightning-datatable tbody tr', { hasText: 'evt_1QFailA' });
      await failedRow.waitFor();
      await page.getByText('1840', { exact: true }).waitFor();
      await assertAccessible(page);
      await screenshot(page, 'stripe-event-monitor');

      const replay = page.getByRole('button', { name: /^Replay selected/ });
      assert.equal(await replay.isDisabled(), true, 'nothing to replay before a row is selected');
      await failedRow.locator('label').first().click();
      await page.getByRole('button', { name: 'Replay selected (1)' }).click();
      const dialog = await openModal(page);
      assert.match(await dialog.innerText(), /Replay 1 selected event\?/);
      await dialog.getByRole('button', { name: 'OK' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.locator('.replay-headline', { hasText: 'Replayed 1 event.' }).waitFor();
      assert.deepEqual(apexCalls.find((c) => c.method === REPLAY)?.params, {
        eventLogIds: ['a0A5g00000Evt01AAA']
      });
      await assertAccessible(page);
      await screenshot(page, 'stripe-event-monitor-replayed');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('keyboard only: show failed events, select one and replay it', async () => {
    const { page, errors, apexCalls, close } = await open('/stripeEventMonitor');
    try {
      await page.locator('lightning-datatable tbody tr', { hasText: 'evt_1QFailA' }).waitFor();
      await page.locator('body').focus();
      await tabTo(page, '.show-failed button');
      await page.keyboard.press('Enter');
      await page
        .locator('lightning-datatable tbody tr', { hasText: 'evt_1QPaidB' })
        .waitFor({ state: 'detached' });
      const checkbox = page
        .locator('lightning-datatable tbody tr', { hasText: 'evt_1QFailA' })
        .locator('input[type="checkbox"]');
      await checkbox.focus();
      await page.keyboard.press('Space');
      await page.getByRole('button', { name: 'Replay selected (1)' }).waitFor();
      await page.locator('body').focus();
      await tabTo(page, '.replay-button button');
      await page.keyboard.press('Enter');
      await openModal(page);
      await tabTo(page, 'section[role="alertdialog"] button.slds-button_brand');
      await page.keyboard.press('Enter');
      await page.locator('.replay-headline', { hasText: 'Replayed 1 event.' }).waitFor();
      assert.equal(apexCalls.filter((c) => c.method === REPLAY).length, 1);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('empty log and load error each explain themselves', async () => {
    const empty = await open('/stripeEventMonitor?state=empty');
    try {
      await empty.page.getByText('No Stripe events have been received yet.').waitFor();
      await assertAccessible(empty.page);
      await screenshot(empty.page, 'stripe-event-monitor-empty');
      assert.deepEqual(empty.errors, []);
    } finally {
      await empty.close();
    }
    const failed = await open('/stripeEventMonitor?state=error');
    try {
      await failed.page.locator('.rows-state [role="alert"]').waitFor();
      assert.match(
        await failed.page.locator('.summary-state [role="alert"]').innerText(),
        /You do not have access to the Apex class named 'StripeEventMonitorController'\./
      );
      await assertAccessible(failed.page);
      await screenshot(failed.page, 'stripe-event-monitor-error');
      assert.deepEqual(failed.errors, []);
    } finally {
      await failed.close();
    }
  });
});
