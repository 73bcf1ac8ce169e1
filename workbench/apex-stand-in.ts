/**
 * The workbench's stand-in for the org's Apex: each `Class.method` the components import answers from
 * the same JSON fixtures the Jest tests use (`force-app/main/default/lwc/<component>/__tests__/data`),
 * so the browser and Jest cannot drift apart. A scenario switches every read to loading (never
 * answers), empty or error (no access to the Apex class), and `fail` makes named methods fail.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const lwcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../force-app/main/default/lwc');

/** Methods declared `@AuraEnabled(cacheable=true)` in the Apex contract; the rest are plain calls. */
export const CACHEABLE_METHODS: ReadonlySet<string> = new Set([
  'CheckoutLinkController.getCatalog',
  'CheckoutLinkController.getRecentLinks',
  'SubscriptionActionsController.canManageSubscriptions',
  'SubscriptionConsoleController.getKpis',
  'SubscriptionConsoleController.getMrrTrend',
  'SubscriptionConsoleController.getPlanOptions',
  'CustomerBillingPanelController.getPanel'
]);

export type PageState = 'ok' | 'loading' | 'empty' | 'error';
export const PAGE_STATES: readonly PageState[] = ['ok', 'loading', 'empty', 'error'];

export interface Scenario {
  state: PageState;
  /** Methods (`Class.method` or just `method`) that fail whatever the state. */
  fail: string[];
}

/** An Apex answer: a value, an error as the platform delivers it, or nothing ever (loading). */
export type ApexAnswer =
  { ok: true; value: unknown } | { ok: false; status: number; body: unknown } | { pending: true };

function fixture<T = unknown>(component: string, name: string): T {
  return JSON.parse(
    fs.readFileSync(path.join(lwcDir, component, '__tests__', 'data', `${name}.json`), 'utf8')
  ) as T;
}

interface ErrorFixture {
  status: number;
  body: unknown;
}

/** What the platform answers when the running user's permission sets lack the Apex class. */
function noAccess(apexClass: string): ErrorFixture {
  const template = fixture<Record<string, ErrorFixture>>('checkoutLinkBuilder', 'errors').uiApiList;
  if (!template) throw new Error('checkoutLinkBuilder/__tests__/data/errors.json has no uiApiList error');
  const body = (template.body as { errorCode: string; message: string }[]).map((e) => ({
    ...e,
    message: e.message.replace(/'[^']+'/, `'${apexClass}'`)
  }));
  return { status: template.status, body };
}

/** The error each write method fails with under `fail=`, from the components' error fixtures. */
function failureOf(method: string): ErrorFixture {
  const linkErrors = fixture<Record<string, ErrorFixture>>('checkoutLinkBuilder', 'errors');
  const apexErrors = fixture<Record<string, ErrorFixture>>('billingErrors', 'apexErrors');
  switch (method) {
    case 'CheckoutLinkController.createLink':
      return linkErrors.promotionCodeInvalid as ErrorFixture;
    case 'CheckoutLinkController.regenerateLink':
      return linkErrors.stripeUnavailable as ErrorFixture;
    case 'SubscriptionActionsController.cancelSubscription':
      return apexErrors.auraHandled as ErrorFixture;
    default:
      return noAccess(method.split('.')[0] ?? method);
  }
}

// ----- subscriptions: the console's fixture pages as one data set, paged at the fixture's size -----

interface SubscriptionRow {
  id: string;
  status: string;
  planName: string | null;
  currencyCode: string;
  dunningStage: string | null;
  churnRisk: string | null;
  customerName: string | null;
  customerEmail: string | null;
  accountName: string | null;
  stripeSubscriptionId: string;
  mrr: number | null;
  currentPeriodEnd: string | null;
  [key: string]: unknown;
}
interface SubscriptionPage {
  rows: SubscriptionRow[];
  hasMore: boolean;
  lastValue: string | null;
  lastId: string | null;
}
interface SubscriptionFilter {
  statuses?: string[] | null;
  planId?: string | null;
  currencyCode?: string | null;
  dunningStage?: string | null;
  churnRisk?: string | null;
  search?: string | null;
}

const SORT_KEYS: Record<string, keyof SubscriptionRow> = {
  mrr: 'mrr',
  currentPeriodEnd: 'currentPeriodEnd',
  status: 'status',
  customerName: 'customerName',
  createdDate: 'id'
};

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1; // nulls last, as the controller's NULLS LAST
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

function subscriptions(params: Record<string, unknown>): SubscriptionPage {
  const first = fixture<SubscriptionPage>('subscriptionConsole', 'page1');
  const second = fixture<SubscriptionPage>('subscriptionConsole', 'page2');
  const plans = fixture<{ id: string; label: string }[]>('subscriptionConsole', 'planOptions');
  const filter = (params.filter ?? {}) as SubscriptionFilter;
  const plan = plans.find((p) => p.id === filter.planId);
  const search = filter.search?.toLowerCase();
  const rows = [...first.rows, ...second.rows].filter(
    (r) =>
      (!filter.statuses?.length || filter.statuses.includes(r.status)) &&
      (!filter.planId || (plan !== undefined && plan.label === `${r.planName} (${r.currencyCode})`)) &&
      (!filter.currencyCode || r.currencyCode === filter.currencyCode) &&
      (!filter.dunningStage || r.dunningStage === filter.dunningStage) &&
      (!filter.churnRisk || r.churnRisk === filter.churnRisk) &&
      (!search ||
        [r.customerName, r.customerEmail, r.accountName, r.stripeSubscriptionId].some((v) =>
          v?.toLowerCase().includes(search)
        ))
  );
  const key = SORT_KEYS[String(params.sortField)] ?? 'mrr';
  const direction = params.sortDirection === 'asc' ? 1 : -1;
  rows.sort((a, b) => direction * compareValues(a[key], b[key]) || a.id.localeCompare(b.id));
  const start = params.afterId ? rows.findIndex((r) => r.id === params.afterId) + 1 : 0;
  // Pages are as long as the first fixture page, so the fixtures' two pages stay two pages.
  const size = Math.min(Number(params.pageSize) || first.rows.length, first.rows.length);
  const page = rows.slice(start, start + size);
  const last = page[page.length - 1];
  return {
    rows: page,
    hasMore: start + size < rows.length,
    lastValue: last ? (last[key] === null ? null : String(last[key])) : null,
    lastId: last?.id ?? null
  };
}

// ----- events: the monitor's two fixture pages -----

interface EventRow {
  id: string;
  type: string;
  status: string;
  [key: string]: unknown;
}
interface EventPage {
  rows: EventRow[];
  hasMore: boolean;
}

function allEvents(): { first: EventPage; second: EventPage } {
  return {
    first: fixture<EventPage>('stripeEventMonitor', 'eventsPage1'),
    second: fixture<EventPage>('stripeEventMonitor', 'eventsPage2')
  };
}

function events(params: Record<string, unknown>): EventPage {
  const { first, second } = allEvents();
  const matches = (r: EventRow): boolean =>
    (!params.status || r.status === params.status) &&
    (!params.eventType || r.type.includes(String(params.eventType)));
  const later = Boolean(params.beforeId);
  const page = later ? second : first;
  return { rows: page.rows.filter(matches), hasMore: later ? second.hasMore : first.hasMore };
}

/** Replays what a replay would: processed events are skipped, the rest go through again. */
function replay(params: Record<string, unknown>): {
  replayed: number;
  skipped: { id: string; reason: string }[];
} {
  const { first, second } = allEvents();
  const known = new Map([...first.rows, ...second.rows].map((r) => [r.id, r]));
  const skipped: { id: string; reason: string }[] = [];
  let replayed = 0;
  for (const id of (params.eventLogIds ?? []) as string[]) {
    const row = known.get(id);
    if (!row) skipped.push({ id, reason: 'The event log row no longer exists.' });
    else if (row.status === 'Processed') skipped.push({ id, reason: 'Already processed.' });
    else replayed++;
  }
  return { replayed, skipped };
}

const EMPTY_SUMMARY = {
  countsByStatus: {},
  countsByType: [],
  averageLagSeconds: null,
  maxLagSeconds: null,
  oldestUnprocessedAt: null
};

interface LinkView {
  id: string;
  [key: string]: unknown;
}

/** What each method answers in the normal and the empty state. */
function answer(method: string, params: Record<string, unknown>, empty: boolean): unknown {
  const recordId = String(params.recordId ?? '');
  const isAccount = recordId.startsWith('001');
  switch (method) {
    case 'CheckoutLinkController.getCatalog':
      if (empty) return fixture('checkoutLinkBuilder', 'catalogEmpty');
      return fixture('checkoutLinkBuilder', isAccount ? 'catalogAccount' : 'catalogContact');
    case 'CheckoutLinkController.getRecentLinks':
      return empty ? [] : fixture('checkoutLinkBuilder', 'recentLinks');
    case 'CheckoutLinkController.createLink':
      return fixture('checkoutLinkBuilder', 'createdLink');
    case 'CheckoutLinkController.regenerateLink':
      return fixture('checkoutLinkBuilder', 'regeneratedLink');
    case 'CheckoutLinkController.expireLink': {
      const links = [
        ...fixture<LinkView[]>('checkoutLinkBuilder', 'recentLinks'),
        fixture<LinkView>('checkoutLinkBuilder', 'createdLink')
      ];
      const link = links.find((l) => l.id === params.linkId);
      if (!link) throw new Error(`no link ${String(params.linkId)} in the fixtures`);
      return { ...link, status: 'Expired', expiresAt: new Date().toISOString() };
    }
    case 'CheckoutLinkController.emailLink':
      return null;
    case 'SubscriptionActionsController.canManageSubscriptions':
      return true;
    case 'SubscriptionActionsController.cancelSubscription':
    case 'SubscriptionActionsController.resumeSubscription':
    case 'SubscriptionActionsController.retryInvoice':
      return {
        ok: true,
        message: 'Stripe accepted the change; the console shows it once the webhook arrives.',
        requestId: 'req_workbench'
      };
    case 'SubscriptionConsoleController.getKpis':
      return empty ? { byCurrency: [] } : fixture('subscriptionConsole', 'kpis');
    case 'SubscriptionConsoleController.getMrrTrend': {
      if (empty) return [];
      const code = String(params.currencyCode ?? '').toLowerCase();
      return code === 'jpy'
        ? fixture('subscriptionConsole', 'trendJpy')
        : code === 'usd'
          ? fixture('subscriptionConsole', 'trendUsd')
          : [];
    }
    case 'SubscriptionConsoleController.getPlanOptions':
      return fixture('subscriptionConsole', 'planOptions');
    case 'SubscriptionConsoleController.getSubscriptions':
      return empty ? fixture('subscriptionConsole', 'emptyPage') : subscriptions(params);
    case 'CustomerBillingPanelController.getPanel':
      if (empty) return fixture('customerBillingPanel', 'panelNoCustomer');
      return fixture('customerBillingPanel', isAccount ? 'panelAccount' : 'panelContact');
    case 'CustomerSyncController.syncContact':
      return 'Sync queued; Stripe will be updated within a minute.';
    case 'StripeEventMonitorController.getSummary':
      return empty ? EMPTY_SUMMARY : fixture('stripeEventMonitor', 'summary');
    case 'StripeEventMonitorController.getEvents':
      return empty ? { rows: [], hasMore: false } : events(params);
    case 'StripeEventReplayService.replayEvents':
      return replay(params);
    default:
      throw new Error(`the workbench has no stand-in for ${method}`);
  }
}

/** Reads: what the loading, empty and error states apply to. Writes always run. */
const READ_METHOD = /\.(get\w+|canManageSubscriptions)$/;

/** Answers one Apex call the way the org would under the scenario. */
export function callApex(method: string, params: Record<string, unknown>, scenario: Scenario): ApexAnswer {
  const shortName = method.split('.')[1] ?? method;
  if (scenario.fail.includes(method) || scenario.fail.includes(shortName)) {
    const { status, body } = failureOf(method);
    return { ok: false, status, body };
  }
  const isRead = READ_METHOD.test(method);
  if (isRead && scenario.state === 'loading') return { pending: true };
  if (isRead && scenario.state === 'error') {
    const { status, body } = noAccess(method.split('.')[0] ?? method);
    return { ok: false, status, body };
  }
  return { ok: true, value: answer(method, params, isRead && scenario.state === 'empty') };
}

/** Reads the scenario from a page's query string (`?state=empty&fail=createLink`). */
export function scenarioOf(search: URLSearchParams): Scenario {
  const state = search.get('state') as PageState | null;
  return {
    state: state && PAGE_STATES.includes(state) ? state : 'ok',
    fail: (search.get('fail') ?? '').split(',').filter((m) => m.length > 0)
  };
}
