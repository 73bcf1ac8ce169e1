/**
 * The browser tests: one workbench server and one headless Chromium for all four components, so the
 * suite pays for start-up once. Each suite file drives one component as its user would.
 */
import { useWorkbench } from './harness.js';

useWorkbench();

await import('./checkoutLinkBuilder.suite.js');
await import('./subscriptionConsole.suite.js');
await import('./customerBillingPanel.suite.js');
await import('./stripeEventMonitor.suite.js');
