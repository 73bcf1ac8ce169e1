/** A sales rep builds a Checkout link in a real browser: plans, quantities, tiered preview, create, copy. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, focusedLabel, open, screenshot, tabTo, tick, waitUntil } from './harness.js';

const SEATS = 'Graduated, Graduated tiers, every 3 months';

describe('checkout link builder', () => {
  test('picking plans and quantities updates the tiered preview; create and copy the link', async () => {
    const { page, errors, apexCalls, close } = await open('/checkoutLinkBuilder');
    try {
      await page.getByText('Ada Lovelace pays at ada@example.com.').waitFor();
      await page.getByText('Choose plans to see what the customer pays.').waitFor();
      await assertAccessible(page);
      await screenshot(page, 'checkout-link-builder');

      await tick(page, SEATS);
      const quantity = page.getByRole('spinbutton', { name: 'Quantity of Analytics seats · Graduated' });
      await quantity.waitFor();
      const lineTotal = page.locator('[data-id="line-total"]');
      // Graduated tiers of the fixture: 1–5 at $5, 6–10 at $4, then $3 plus a $10 flat fee.
      await waitUntil(async () => (await lineTotal.textContent()) === '$5.00', 'the 1-seat preview');
      await quantity.fill('12');
      await quantity.blur();
      await page.locator('[data-id="line-total"]', { hasText: '$61.00' }).waitFor();
      await tick(page, 'Monthly, $29.00 per month');
      await page.locator('[data-id="preview-line"]').nth(1).waitFor();
      assert.equal(await page.locator('[data-id="preview-line"]').count(), 2);
      await screenshot(page, 'checkout-link-builder-preview');

      await page.getByRole('button', { name: 'Create link' }).click();
      await page.getByText('Link ready for Ada Lovelace.').waitFor();
      const create = apexCalls.find((c) => c.method === 'CheckoutLinkController.createLink');
      assert.ok(create, 'createLink was called');
      assert.equal(create.params.contactId, '0035g00000AdaAAA');
      assert.deepEqual(
        (create.params.lineItems as { priceId: string; quantity: number }[])
          .map((l) => `${l.priceId}×${l.quantity}`)
          .sort(),
        ['price_1PseatsGraduatedUSD×12', 'price_1PteamMonthlyUSD×1']
      );
      // Focus moves to the result's first action, so a keyboard user can copy straight away.
      await waitUntil(async () => (await focusedLabel(page)) === 'Copy link', 'focus on Copy link');
      await page.getByRole('button', { name: 'Copy link', exact: true }).click();
      await page.locator('[data-id="toast"]', { hasText: 'Link copied' }).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(copied, await page.locator('[data-id="created-url"]').inputValue());
      assert.match(copied, /^https:\/\/checkout\.stripe\.com\//);
      await assertAccessible(page);
      await screenshot(page, 'checkout-link-builder-created');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('keyboard only: tick a plan, reach Create link with Tab and press Enter', async () => {
    const { page, errors, apexCalls, close } = await open('/checkoutLinkBuilder');
    try {
      const monthly = page.getByRole('checkbox', { name: 'Monthly, $29.00 per month' });
      await monthly.waitFor();
      await page.locator('body').focus();
      await tabTo(page, 'input[type="checkbox"][aria-label], input[type="checkbox"]');
      while ((await focusedLabel(page)) !== 'Monthly, $29.00 per month') await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      await page.locator('[data-id="line-total"]', { hasText: '$29.00' }).waitFor();
      await tabTo(page, 'button.slds-button_brand');
      await page.keyboard.press('Enter');
      await page.getByText('Link ready for Ada Lovelace.').waitFor();
      assert.equal(apexCalls.filter((c) => c.method === 'CheckoutLinkController.createLink').length, 1);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('an invalid quantity shows its message and moves focus to the field; nothing is created', async () => {
    const { page, errors, apexCalls, close } = await open('/checkoutLinkBuilder');
    try {
      await tick(page, SEATS);
      const quantity = page.getByRole('spinbutton', { name: 'Quantity of Analytics seats · Graduated' });
      await quantity.fill('0');
      await quantity.blur();
      await page.getByRole('button', { name: 'Create link' }).click();
      const summary = page.locator('[data-id="error-summary"]');
      await summary.waitFor();
      assert.match(
        await summary.innerText(),
        /Enter a whole quantity from 1 to 100 for Analytics seats · Graduated\./
      );
      await waitUntil(
        async () => (await focusedLabel(page)).includes('Quantity of Analytics seats · Graduated'),
        'focus on the quantity field'
      );
      assert.equal(apexCalls.filter((c) => c.method === 'CheckoutLinkController.createLink').length, 0);
      await assertAccessible(page);
      await screenshot(page, 'checkout-link-builder-invalid');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('a rejected promotion code shows Stripe’s reason', async () => {
    const { page, errors, close } = await open('/checkoutLinkBuilder?fail=createLink');
    try {
      await tick(page, 'Monthly, $29.00 per month');
      await page.getByRole('textbox', { name: 'Promotion code' }).fill('SPRING25');
      await page.getByRole('button', { name: 'Create link' }).click();
      await page
        .locator('[data-id="create-error"]', {
          hasText: 'The promotion code SPRING25 is not valid for this customer.'
        })
        .waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('empty catalogue and load error each explain themselves', async () => {
    const empty = await open('/checkoutLinkBuilder?state=empty');
    try {
      await empty.page.locator('[data-id="empty-catalog"]').waitFor();
      await assertAccessible(empty.page);
      await screenshot(empty.page, 'checkout-link-builder-empty');
      assert.deepEqual(empty.errors, []);
    } finally {
      await empty.close();
    }
    const failed = await open('/checkoutLinkBuilder?state=error');
    try {
      const alert = failed.page.locator('[data-id="catalog-error"]');
      await alert.waitFor();
      assert.match(
        await alert.innerText(),
        /You do not have access to the Apex class named 'CheckoutLinkController'\./
      );
      await assertAccessible(failed.page);
      await screenshot(failed.page, 'checkout-link-builder-error');
      assert.deepEqual(failed.errors, []);
    } finally {
      await failed.close();
    }
  });

  test('on an app page the rep first picks the contact, then builds the link for them', async () => {
    const { page, errors, apexCalls, close } = await open('/checkoutLinkBuilder?record=app');
    try {
      await page.locator('[data-id="pick-contact"]').waitFor();
      assert.equal(apexCalls.filter((c) => c.method === 'CheckoutLinkController.getCatalog').length, 0);
      await page
        .getByRole('combobox', { name: 'Contact' })
        .selectOption({ label: 'Ada Lovelace (ada@example.com)' });
      await page.getByText('Ada Lovelace pays at ada@example.com.').waitFor();
      assert.deepEqual(apexCalls.find((c) => c.method === 'CheckoutLinkController.getCatalog')?.params, {
        recordId: '0035g00000AdaAAA'
      });
      await assertAccessible(page);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
});
