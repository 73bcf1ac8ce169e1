/**
 * Shared set-up for the browser tests: one workbench server and one headless Debian Chromium per test
 * file, a fresh context per test, console errors collected, axe-core checks and screenshots.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
  type Request
} from 'playwright-core';
import { root } from '../build.js';
import { startWorkbench, type Workbench } from '../server.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(root, 'docs', 'screenshots');
const AXE_SOURCE = path.join(root, 'node_modules', 'axe-core', 'axe.min.js');

/** Long enough for a loaded 2-core machine; every wait is for a condition, never a fixed sleep. */
export const TIMEOUT_MS = 15_000;

let workbench: Workbench | undefined;
let browser: Browser | undefined;
/** One context per file, so the 4 MB bundle is fetched and compiled once and then revalidated. */
let context: BrowserContext | undefined;

/** Starts the server and the browser before the file's tests and stops both after. */
export function useWorkbench(): void {
  before(async () => {
    assert.ok(fs.existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: apt-get install -y chromium`);
    workbench = await startWorkbench();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    });
    context = await browser.newContext({
      viewport: { width: 1100, height: 800 },
      permissions: ['clipboard-read', 'clipboard-write'],
      acceptDownloads: true
    });
    context.setDefaultTimeout(TIMEOUT_MS);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await workbench?.close();
  });
}

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
  /** Apex calls the page made: method name and parameters. */
  apexCalls: { method: string; params: Record<string, unknown> }[];
  close: () => Promise<void>;
}

function apexCallOf(request: Request): { method: string; params: Record<string, unknown> } | null {
  const url = new URL(request.url());
  if (request.method() !== 'POST' || !url.pathname.startsWith('/apex/')) return null;
  return {
    method: decodeURIComponent(url.pathname.slice('/apex/'.length)),
    params: JSON.parse(request.postData() ?? '{}') as Record<string, unknown>
  };
}

/** Opens a workbench page (e.g. `/checkoutLinkBuilder?state=empty`) in a fresh context. */
export async function open(pathAndQuery: string): Promise<OpenedPage> {
  assert.ok(workbench && context, 'useWorkbench() must run first');
  const page = await context.newPage();
  const errors: string[] = [];
  const apexCalls: OpenedPage['apexCalls'] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('request', (request) => {
    const call = apexCallOf(request);
    if (call) apexCalls.push(call);
  });
  await page.goto(`${workbench.url}${pathAndQuery}`);
  return { page, errors, apexCalls, close: () => page.close() };
}

/**
 * Findings in lightning-base-components' own markup, identical in an org, that our components cannot
 * change: LightningConfirm's host element carries `role="alertdialog"` while the modal section inside
 * it carries the accessible name. Matched by rule and exact element, so anything else still fails.
 */
const BASE_COMPONENT_FINDINGS = [{ rule: 'aria-dialog-name', target: 'lightning-interactive-dialog-base' }];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Fails on any serious or critical axe-core violation on the page as it is now, or only inside
 * `within` (a selector): while a modal is open the page behind it is aria-hidden by the base
 * components' overlay, so the modal itself is what a user can reach and what is checked.
 */
export async function assertAccessible(page: Page, within?: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE });
  // Only anonymous callbacks inside evaluate: tsx would wrap a named one in a helper the page lacks.
  const found: AxeViolation[] = await page.evaluate(async (selector) => {
    const results = await (
      window as unknown as {
        axe: {
          run: (
            context: Document | { include: string[][] },
            options: object
          ) => Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe.run(selector ? { include: [[selector]] } : document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => JSON.stringify(n.target))
    }));
  }, within);
  const isKnown = (rule: string, target: string): boolean =>
    BASE_COMPONENT_FINDINGS.some(
      (k) => k.rule === rule && (JSON.parse(target) as unknown[]).flat(Infinity).at(-1) === k.target
    );
  const violations = found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ ...v, targets: v.targets.filter((t) => !isKnown(v.id, t)) }))
    .filter((v) => v.targets.length > 0)
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.targets.join(', ')}`);
  assert.deepEqual(violations, [], 'axe-core found serious or critical accessibility violations');
}

/** Saves the page as `docs/screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Finished animations and no caret: the same screen gives the same file, so reruns leave git clean.
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, `${name}.png`),
    fullPage: true,
    animations: 'disabled',
    caret: 'hide'
  });
}

/** Waits until `predicate` holds, re-checking every 50 ms (for state outside the DOM). */
export async function waitUntil(predicate: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Presses Tab until the focused element matches `selector`; fails after `max` presses. */
export async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await page.locator(`${selector}:focus`).count()) > 0) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The text of the element that has focus (Playwright's selectors see through synthetic shadow). */
export async function focusedLabel(page: Page): Promise<string> {
  const focused = page.locator('*:focus').last();
  return (
    (await focused.getAttribute('aria-label')) ??
    (await focused.evaluate(
      (el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? ''
    ))
  ).trim();
}

/** Ticks an SLDS checkbox the way a user does: by clicking its label (the input itself is hidden). */
export async function tick(page: Page, label: string): Promise<void> {
  await page.locator('label', { hasText: label }).first().click();
}

/**
 * The open LightningConfirm modal, once its fade-in has finished: axe measures colour contrast and a
 * screenshot records pixels, and both must see the modal as the user finally does.
 */
export async function openModal(page: Page): Promise<Locator> {
  const dialog = page.locator('section[role="alertdialog"]');
  await dialog.waitFor();
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (a) =>
          a.playState !== 'running' ||
          !((a.effect as KeyframeEffect | null)?.target as Element | null)?.closest(
            'lightning-overlay-container'
          )
      )
  );
  return dialog;
}

/**
 * How many lines the text inside `locator` takes: line boxes of its text, counted by their tops
 * (a word wrapped onto a second line starts a second top).
 */
export async function textLines(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    const tops: number[] = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of Array.from(range.getClientRects())) if (rect.width > 0) tops.push(rect.top);
    }
    tops.sort((a, b) => a - b);
    return tops.filter((top, i) => i === 0 || top - (tops[i - 1] as number) > 2).length;
  });
}

/** Pairs of elements matching `locator` whose boxes overlap, named by their text. */
export async function overlappingBoxes(locator: Locator): Promise<string[]> {
  const boxes = await locator.evaluateAll((elements) =>
    elements.map((e) => {
      const r = e.getBoundingClientRect();
      return {
        text: (e.textContent ?? '').trim(),
        left: r.left,
        right: r.right,
        top: r.top,
        bottom: r.bottom
      };
    })
  );
  const overlaps: string[] = [];
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((b) => {
      const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
      if (!apart) overlaps.push(`${a.text} / ${b.text}`);
    })
  );
  return overlaps;
}

/** Elements matching `locator` whose content is wider than they are (it spills out or is cut off). */
export async function overflowing(locator: Locator): Promise<string[]> {
  return locator.evaluateAll((elements) =>
    elements
      .filter((e) => e.scrollWidth > e.clientWidth)
      .map(
        (e) => `${(e.textContent ?? '').replace(/\s+/g, ' ').trim()} (${e.scrollWidth} > ${e.clientWidth})`
      )
  );
}
