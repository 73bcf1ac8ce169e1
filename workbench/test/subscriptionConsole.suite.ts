/** Finance works the subscription console in a real browser: filter, sort, more rows, an action, export. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import {
  assertAccessible,
  open,
  openModal,
  overflowing,
  overlappingBoxes,
  screenshot,
  tabTo,
  textLines,
  tick,
  waitUntil
} from './harness.js';

const GET_SUBSCRIPTIONS = 'SubscriptionConsoleController.getSubscriptions';

describe('subscription console', () => {
  test('loads KPIs and every page of subscriptions, filters, sorts, acts on a row and exports', async () => {
    const { page, errors, apexCalls, close } = await open('/subscriptionConsole');
    try {
      const rows = page.locator('lightning-datatable tbody tr');
      await page.getByText('$12,450.50', { exact: true }).waitFor();
      // The fixture set is two pages; the table asks for the second when it is not full (scroll for more).
      await page.getByText('Showing all 3 subscriptions.').waitFor({ state: 'attached' });
      assert.equal(await rows.count(), 3);
      const pages = apexCalls.filter((c) => c.method === GET_SUBSCRIPTIONS);
      assert.equal(pages.length, 2);
      assert.equal(pages[1]?.params.afterId, pages[0] && 'a065g00000Sub02AAA');
      await assertAccessible(page);
      await screenshot(page, 'subscription-console');

      // Filter to Past Due: the server is asked with that status and only Bravo remains.
      await tick(page, 'Past Due');
      await waitUntil(async () => (await rows.count()) === 1, 'the filtered table');
      const filtered = apexCalls.filter((c) => c.method === GET_SUBSCRIPTIONS).at(-1);
      assert.deepEqual((filtered?.params.filter as { statuses: string[] }).statuses, ['past_due']);
      assert.match(await rows.first().innerText(), /Bravo "Labs"/);
      await tick(page, 'Past Due');
      await waitUntil(async () => (await rows.count()) === 3, 'the unfiltered table');

      // Sort by customer: the request carries the sort, the rows come back in that order.
      await page.getByRole('button', { name: /^Sort by:\s*Customer/ }).click();
      await waitUntil(
        () =>
          apexCalls.filter((c) => c.method === GET_SUBSCRIPTIONS).at(-1)?.params.sortField === 'customerName',
        'a request sorted by customer'
      );
      await waitUntil(async () => (await rows.count()) === 3, 'the sorted table');

      // A row action asks for confirmation first, then reports Stripe's answer.
      await rows.filter({ hasText: 'Acme, Inc.' }).getByRole('button', { name: 'Show actions' }).click();
      await page.getByRole('menuitem', { name: 'Cancel at period end' }).click();
      const dialog = await openModal(page);
      await assertAccessible(page, 'lightning-overlay-container');
      await screenshot(page, 'subscription-console-confirm');
      await dialog.getByRole('button', { name: 'OK' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.locator('[data-id="toast"]', { hasText: 'Sent to Stripe' }).waitFor();
      const cancel = apexCalls.find((c) => c.method === 'SubscriptionActionsController.cancelSubscription');
      assert.deepEqual(cancel?.params, { subscriptionId: 'a065g00000Sub01AAA', atPeriodEnd: true });

      // Export: every page of the filtered set as one CSV download.
      await page.getByRole('button', { name: 'Export CSV' }).click();
      const link = page.getByRole('link', { name: /^Download CSV \(3 subscriptions\)$/ });
      await link.waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const csv = fs.readFileSync(await download.path(), 'utf8');
      assert.equal(csv.trim().split(/\r?\n/).length, 4, 'a header and three rows');
      assert.match(csv, /'=HYPERLINK/, 'a formula-looking cell is neutralised');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('the layout holds at desktop and tablet widths: one-line Period label, apart month labels, tiles that fit', async () => {
    const { page, errors, close } = await open('/subscriptionConsole');
    try {
      const monthLabels = page.locator('svg.trend-chart .x-label');
      await page.getByText('$149,406.00', { exact: true }).waitFor();
      await monthLabels.last().waitFor();
      // Every defect at every width is listed, not only the first one found.
      const problems: string[] = [];
      for (const width of [1100, 700]) {
        await page.setViewportSize({ width, height: 800 });
        const period = page.locator('.period-select');
        const periodLines = await textLines(period.locator('label'));
        if (periodLines !== 1) problems.push(`${width}px: the Period label takes ${periodLines} lines`);
        for (const pair of await overlappingBoxes(monthLabels))
          problems.push(`${width}px: month labels overlap: ${pair}`);
        for (const tile of await overflowing(page.locator('.kpi-box')))
          problems.push(`${width}px: a KPI tile's text spills out: ${tile}`);
        const arrLines = await textLines(page.locator('[data-kpi="arr"] .kpi-value'));
        if (arrLines !== 1) problems.push(`${width}px: the ARR value takes ${arrLines} lines`);
      }
      assert.deepEqual(problems, []);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('keyboard only: search reaches the server and the table follows', async () => {
    const { page, errors, apexCalls, close } = await open('/subscriptionConsole');
    try {
      await page.getByText('Showing all 3 subscriptions.').waitFor({ state: 'attached' });
      await page.locator('body').focus();
      await tabTo(page, 'input[type="search"]');
      await page.keyboard.type('acme');
      await waitUntil(
        () =>
          (
            apexCalls.filter((c) => c.method === GET_SUBSCRIPTIONS).at(-1)?.params.filter as {
              search?: string;
            }
          )?.search === 'acme',
        'a search request'
      );
      await page.getByText('Showing all 1 subscription.').waitFor({ state: 'attached' });
      assert.match(await page.locator('lightning-datatable tbody').innerText(), /Acme, Inc\./);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('empty and error states say what happened', async () => {
    const empty = await open('/subscriptionConsole?state=empty');
    try {
      await empty.page.locator('.rows-state .state-empty').waitFor();
      await assertAccessible(empty.page);
      await screenshot(empty.page, 'subscription-console-empty');
      assert.deepEqual(empty.errors, []);
    } finally {
      await empty.close();
    }
    const failed = await open('/subscriptionConsole?state=error');
    try {
      const alert = failed.page.locator('.rows-state [role="alert"]');
      await alert.waitFor();
      assert.match(
        await alert.innerText(),
        /Subscriptions could not be loaded: You do not have access to the Apex class named 'SubscriptionConsoleController'\./
      );
      await assertAccessible(failed.page);
      await screenshot(failed.page, 'subscription-console-error');
      assert.deepEqual(failed.errors, []);
    } finally {
      await failed.close();
    }
  });
});
