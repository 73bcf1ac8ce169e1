/**
 * Pure logic behind the subscription console: the shapes SubscriptionConsoleController returns, the
 * mapping from the filter panel to its SubscriptionFilter, sorting, paging arguments, KPI tiles and
 * which row actions make sense for a subscription. No DOM and no Apex here, so each rule is tested
 * on its own.
 */
import { formatDate, formatMoney } from 'c/billingFormat';

// ---- Apex DTOs (SubscriptionConsoleController, SubscriptionActionsController) ----------------

export interface CurrencyKpis {
  currencyCode: string;
  mrr: number | null;
  arr: number | null;
  trialMrr: number | null;
  activeCount: number | null;
  trialingCount: number | null;
  newMrr: number | null;
  expansionMrr: number | null;
  contractionMrr: number | null;
  churnedMrr: number | null;
  logoChurnRate: number | null;
  revenueChurnRate: number | null;
  paymentFailureRate: number | null;
  atRiskCount: number | null;
}

export interface Kpis {
  byCurrency: CurrencyKpis[] | null;
}

export interface TrendPoint {
  month: string;
  mrr: number | null;
}

export interface SubscriptionFilter {
  statuses: string[] | null;
  planId: string | null;
  currencyCode: string | null;
  dunningStage: string | null;
  churnRisk: string | null;
  search: string | null;
}

export interface SubscriptionRow {
  id: string;
  stripeSubscriptionId: string | null;
  customerId: string | null;
  customerName: string | null;
  customerEmail: string | null;
  accountName: string | null;
  status: string | null;
  planName: string | null;
  quantity: number | null;
  amount: number | null;
  currencyCode: string | null;
  mrr: number | null;
  interval: string | null;
  intervalCount: number | null;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean | null;
  dunningStage: string | null;
  churnRisk: string | null;
  healthScore: number | null;
  openInvoiceId: string | null;
}

export interface SubscriptionPage {
  rows: SubscriptionRow[] | null;
  hasMore: boolean | null;
  lastValue: string | null;
  lastId: string | null;
}

export interface PlanFilterOption {
  id: string;
  label: string;
}

export interface ActionResult {
  ok: boolean | null;
  message: string | null;
  requestId: string | null;
}

// ---- Filters -------------------------------------------------------------------------------

/** What the filter panel holds; blank strings mean "any". */
export interface FilterState {
  statuses: string[];
  planId: string;
  currencyCode: string;
  dunningStage: string;
  churnRisk: string;
  search: string;
}

export const EMPTY_FILTERS: FilterState = Object.freeze({
  statuses: [],
  planId: '',
  currencyCode: '',
  dunningStage: '',
  churnRisk: '',
  search: ''
}) as FilterState;

/** Stripe subscription statuses, as the restricted picklist Stripe_Subscription__c.Status__c holds them. */
export const STATUS_OPTIONS = [
  { label: 'Active', value: 'active' },
  { label: 'Trialing', value: 'trialing' },
  { label: 'Past Due', value: 'past_due' },
  { label: 'Unpaid', value: 'unpaid' },
  { label: 'Paused', value: 'paused' },
  { label: 'Canceled', value: 'canceled' },
  { label: 'Incomplete', value: 'incomplete' },
  { label: 'Incomplete Expired', value: 'incomplete_expired' }
];

/** Stripe_Invoice__c / Stripe_Customer__c.Dunning_Stage__c values. */
export const DUNNING_STAGES = ['None', 'Reminder', 'Warning', 'Final Notice', 'Collections'];

/** Churn_Risk__c values. */
export const CHURN_RISKS = ['Low', 'Medium', 'High', 'Critical'];

/** Shortest search text sent to the server; one letter would match almost everything. */
export const MIN_SEARCH_LENGTH = 2;

const blankToNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** The SubscriptionFilter Apex receives for a filter panel state. */
export function toApexFilter(state: FilterState): SubscriptionFilter {
  const search = state.search.trim();
  return {
    statuses: state.statuses.length > 0 ? [...state.statuses] : null,
    planId: blankToNull(state.planId),
    currencyCode: blankToNull(state.currencyCode)?.toLowerCase() ?? null,
    dunningStage: blankToNull(state.dunningStage),
    churnRisk: blankToNull(state.churnRisk),
    search: search.length >= MIN_SEARCH_LENGTH ? search : null
  };
}

/** True when any filter narrows the set (used for the empty-state wording). */
export function hasActiveFilters(state: FilterState): boolean {
  const filter = toApexFilter(state);
  return Object.values(filter).some((value) => value !== null);
}

/** `lightning-combobox` options with a leading "any" choice. */
export function withAnyOption(
  label: string,
  options: { label: string; value: string }[]
): { label: string; value: string }[] {
  return [{ label, value: '' }, ...options];
}

// ---- Sorting and paging ----------------------------------------------------------------------

export type SortField = 'mrr' | 'currentPeriodEnd' | 'status' | 'customerName' | 'createdDate';
export type SortDirection = 'asc' | 'desc';

/** Datatable column fieldName → the controller's sortField. */
const SORT_FIELD_BY_COLUMN: Record<string, SortField> = {
  customerUrl: 'customerName',
  statusLabel: 'status',
  mrrDisplay: 'mrr',
  periodEndDisplay: 'currentPeriodEnd'
};

/** The controller's sortField for a datatable column, or undefined when the column is not sortable. */
export function sortFieldForColumn(fieldName: string): SortField | undefined {
  return SORT_FIELD_BY_COLUMN[fieldName];
}

/** The datatable column that shows a sort field (for `sorted-by`). */
export function columnForSortField(sortField: SortField): string {
  const entry = Object.entries(SORT_FIELD_BY_COLUMN).find(([, field]) => field === sortField);
  return entry ? entry[0] : sortField;
}

/** Keyset cursor: the previous page's last sort value and Id; null for the first page. */
export interface Cursor {
  afterValue: string | null;
  afterId: string | null;
}

export const FIRST_PAGE: Cursor = Object.freeze({ afterValue: null, afterId: null }) as Cursor;

/** The cursor for the page after `page`, or null when there is none. */
export function nextCursor(page: SubscriptionPage): Cursor | null {
  if (!page.hasMore || !page.lastId) return null;
  return { afterValue: page.lastValue ?? null, afterId: page.lastId };
}

/** Arguments of SubscriptionConsoleController.getSubscriptions. */
export function pageRequest(
  state: FilterState,
  sortField: SortField,
  sortDirection: SortDirection,
  pageSize: number,
  cursor: Cursor
): Record<string, unknown> {
  return {
    filter: toApexFilter(state),
    sortField,
    sortDirection,
    pageSize,
    afterValue: cursor.afterValue,
    afterId: cursor.afterId
  };
}

// ---- Table rows --------------------------------------------------------------------------------

export interface TableRow extends SubscriptionRow {
  customerUrl: string | null;
  statusLabel: string;
  mrrDisplay: string;
  amountDisplay: string;
  billingPeriod: string;
  periodEndDisplay: string;
  healthDisplay: string;
}

const STATUS_LABELS = new Map(STATUS_OPTIONS.map((o) => [o.value, o.label]));

/** Readable status, e.g. past_due → Past Due; unknown values are shown as sent. */
export function statusLabel(status: string | null | undefined): string {
  if (!status) return '—';
  return STATUS_LABELS.get(status) ?? status;
}

/** "every month", "every 3 months", "every year"; one-time when there is no interval. */
export function billingPeriodLabel(interval: string | null, intervalCount: number | null): string {
  if (!interval) return 'one-time';
  const count = intervalCount && intervalCount > 1 ? intervalCount : 1;
  return count === 1 ? `every ${interval}` : `every ${count} ${interval}s`;
}

/** Adds the display columns the datatable shows to each row from Apex. */
export function toTableRow(row: SubscriptionRow, locale?: string): TableRow {
  return {
    ...row,
    customerUrl: row.customerId ? `/lightning/r/Stripe_Customer__c/${row.customerId}/view` : null,
    statusLabel: statusLabel(row.status) + (row.cancelAtPeriodEnd ? ' (cancels at period end)' : ''),
    mrrDisplay: formatMoney(row.mrr, row.currencyCode, locale),
    amountDisplay: formatMoney(row.amount, row.currencyCode, locale),
    billingPeriod: billingPeriodLabel(row.interval, row.intervalCount),
    periodEndDisplay: formatDate(row.currentPeriodEnd, locale),
    healthDisplay: row.healthScore === null || row.healthScore === undefined ? '—' : String(row.healthScore)
  };
}

// ---- Row actions -------------------------------------------------------------------------------

export type ActionName = 'cancel_now' | 'cancel_at_period_end' | 'resume' | 'retry_invoice';

export interface RowAction {
  label: string;
  name: ActionName;
}

/** Statuses Stripe can still cancel (a canceled or expired subscription is final). */
const CANCELABLE = new Set(['active', 'trialing', 'past_due', 'unpaid', 'paused', 'incomplete']);
/** Statuses where "cancel at period end" means something: there is a period that renews. */
const RENEWING = new Set(['active', 'trialing', 'past_due']);

/** The actions that apply to a subscription in its current state. */
export function rowActionsFor(row: SubscriptionRow): RowAction[] {
  const status = row.status ?? '';
  const actions: RowAction[] = [];
  if (CANCELABLE.has(status)) actions.push({ label: 'Cancel now', name: 'cancel_now' });
  if (RENEWING.has(status) && !row.cancelAtPeriodEnd) {
    actions.push({ label: 'Cancel at period end', name: 'cancel_at_period_end' });
  }
  if (status === 'paused' || (row.cancelAtPeriodEnd && status !== 'canceled')) {
    actions.push({ label: 'Resume', name: 'resume' });
  }
  if (row.openInvoiceId) actions.push({ label: 'Retry open invoice', name: 'retry_invoice' });
  return actions;
}

/** The confirmation question for an action; says what happens in Stripe and to whom. */
export function confirmationFor(action: ActionName, row: SubscriptionRow, locale?: string): string {
  const who = row.customerName ?? row.stripeSubscriptionId ?? 'this customer';
  const plan = row.planName ? ` (${row.planName})` : '';
  switch (action) {
    case 'cancel_now':
      return `Cancel the subscription of ${who}${plan} in Stripe now? Billing stops immediately and this cannot be undone.`;
    case 'cancel_at_period_end':
      return `Cancel the subscription of ${who}${plan} at the end of the current period (${formatDate(
        row.currentPeriodEnd,
        locale
      )})? It stays active until then.`;
    case 'resume':
      return `Resume the subscription of ${who}${plan} in Stripe? Billing continues on its schedule.`;
    case 'retry_invoice':
      return `Retry payment of the open invoice of ${who} now? Stripe charges the default payment method.`;
  }
}

// ---- KPI tiles ---------------------------------------------------------------------------------

export interface KpiTile {
  key: string;
  label: string;
  value: string;
  hint: string;
}

const countText = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : String(value);

/** A percentage with one decimal, or a dash and a reason when there was nothing to divide by. */
const rateText = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : `${(Math.round(value * 10) / 10).toFixed(1)}%`;

/** The tiles for one currency; amounts of different currencies are never combined. */
export function kpiTiles(kpis: CurrencyKpis, locale?: string): KpiTile[] {
  const money = (value: number | null | undefined): string => formatMoney(value, kpis.currencyCode, locale);
  const rateHint = (value: number | null | undefined, base: string): string =>
    value === null || value === undefined ? `no ${base} at the start of the period` : '';
  return [
    { key: 'mrr', label: 'MRR', value: money(kpis.mrr), hint: '' },
    { key: 'arr', label: 'ARR', value: money(kpis.arr), hint: '' },
    { key: 'trialMrr', label: 'Trial MRR', value: money(kpis.trialMrr), hint: 'not in MRR' },
    { key: 'activeCount', label: 'Active subscriptions', value: countText(kpis.activeCount), hint: '' },
    { key: 'trialingCount', label: 'Trialing', value: countText(kpis.trialingCount), hint: '' },
    { key: 'newMrr', label: 'New MRR', value: money(kpis.newMrr), hint: 'in the period' },
    { key: 'expansionMrr', label: 'Expansion MRR', value: money(kpis.expansionMrr), hint: 'in the period' },
    {
      key: 'contractionMrr',
      label: 'Contraction MRR',
      value: money(kpis.contractionMrr),
      hint: 'in the period'
    },
    { key: 'churnedMrr', label: 'Churned MRR', value: money(kpis.churnedMrr), hint: 'in the period' },
    {
      key: 'logoChurnRate',
      label: 'Logo churn',
      value: rateText(kpis.logoChurnRate),
      hint: rateHint(kpis.logoChurnRate, 'customers')
    },
    {
      key: 'revenueChurnRate',
      label: 'Revenue churn',
      value: rateText(kpis.revenueChurnRate),
      hint: rateHint(kpis.revenueChurnRate, 'MRR')
    },
    {
      key: 'paymentFailureRate',
      label: 'Payment failure rate',
      value: rateText(kpis.paymentFailureRate),
      hint: kpis.paymentFailureRate === null || kpis.paymentFailureRate === undefined ? 'no payments' : ''
    },
    {
      key: 'atRiskCount',
      label: 'At-risk customers',
      value: countText(kpis.atRiskCount),
      hint: 'High or Critical'
    }
  ];
}

/** Currencies that have KPIs, in the order given, upper-cased for display. */
export function currencyOptions(kpis: Kpis | null | undefined): { label: string; value: string }[] {
  return (kpis?.byCurrency ?? []).map((k) => ({
    label: k.currencyCode.toUpperCase(),
    value: k.currencyCode
  }));
}

/**
 * The currency to show first: the one with the most active subscriptions. Counts compare across
 * currencies; amounts would not (1,000 JPY is not more than 100 USD).
 */
export function defaultCurrency(kpis: Kpis | null | undefined): string {
  const list = kpis?.byCurrency ?? [];
  if (list.length === 0) return '';
  const sorted = [...list].sort((a, b) => (b.activeCount ?? 0) - (a.activeCount ?? 0));
  return sorted[0]?.currencyCode ?? '';
}

// ---- Reporting period --------------------------------------------------------------------------

export type PeriodKey = 'this_month' | 'last_month' | 'last_3_months' | 'last_12_months';

export const PERIOD_OPTIONS: { label: string; value: PeriodKey }[] = [
  { label: 'This month', value: 'this_month' },
  { label: 'Last month', value: 'last_month' },
  { label: 'Last 3 full months', value: 'last_3_months' },
  { label: 'Last 12 full months', value: 'last_12_months' }
];

const isoDate = (year: number, monthIndex: number, day: number): string =>
  new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);

/** Inclusive start and end dates (YYYY-MM-DD, as Apex Date parameters take them) of a period. */
export function periodRange(key: PeriodKey, today: Date): { periodStart: string; periodEnd: string } {
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth();
  switch (key) {
    case 'this_month':
      return { periodStart: isoDate(year, month, 1), periodEnd: isoDate(year, month, today.getUTCDate()) };
    case 'last_month':
      return { periodStart: isoDate(year, month - 1, 1), periodEnd: isoDate(year, month, 0) };
    case 'last_3_months':
      return { periodStart: isoDate(year, month - 3, 1), periodEnd: isoDate(year, month, 0) };
    case 'last_12_months':
      return { periodStart: isoDate(year, month - 12, 1), periodEnd: isoDate(year, month, 0) };
  }
}
