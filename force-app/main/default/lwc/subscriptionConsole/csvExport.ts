/**
 * CSV export of subscription rows (RFC 4180: comma separated, CRLF line ends, fields with a comma,
 * quote or line break quoted and inner quotes doubled). Amounts are written as plain decimals with
 * their currency code in its own column, so a spreadsheet can sum them per currency.
 */
import type { SubscriptionRow } from './consoleModel';

export interface CsvColumn {
  header: string;
  value: (row: SubscriptionRow) => string | number | boolean | null | undefined;
}

/** The columns of the subscription export, in order. */
export const SUBSCRIPTION_CSV_COLUMNS: CsvColumn[] = [
  { header: 'Subscription Record Id', value: (r) => r.id },
  { header: 'Stripe Subscription Id', value: (r) => r.stripeSubscriptionId },
  { header: 'Customer', value: (r) => r.customerName },
  { header: 'Customer Email', value: (r) => r.customerEmail },
  { header: 'Account', value: (r) => r.accountName },
  { header: 'Status', value: (r) => r.status },
  { header: 'Cancel At Period End', value: (r) => r.cancelAtPeriodEnd },
  { header: 'Plan', value: (r) => r.planName },
  { header: 'Quantity', value: (r) => r.quantity },
  { header: 'Unit Amount', value: (r) => r.amount },
  { header: 'Currency', value: (r) => (r.currencyCode ? r.currencyCode.toUpperCase() : '') },
  { header: 'Interval', value: (r) => r.interval },
  { header: 'Interval Count', value: (r) => r.intervalCount },
  { header: 'MRR', value: (r) => r.mrr },
  { header: 'Current Period End', value: (r) => r.currentPeriodEnd },
  { header: 'Dunning Stage', value: (r) => r.dunningStage },
  { header: 'Churn Risk', value: (r) => r.churnRisk },
  { header: 'Health Score', value: (r) => r.healthScore }
];

/** Characters a spreadsheet treats as the start of a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field. Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers
 * are written as numbers (a negative balance stays a number).
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF terminated. */
export function csvLine(fields: (string | number | boolean | null | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** The header line of an export. */
export function csvHeader(columns: CsvColumn[] = SUBSCRIPTION_CSV_COLUMNS): string {
  return csvLine(columns.map((c) => c.header));
}

/** The lines for one page of rows (the export appends a chunk per page instead of one big string). */
export function csvRows(rows: SubscriptionRow[], columns: CsvColumn[] = SUBSCRIPTION_CSV_COLUMNS): string {
  return rows.map((row) => csvLine(columns.map((c) => c.value(row)))).join('');
}

/** A file name that says what and when, e.g. `stripe-subscriptions-2026-11-29.csv`. */
export function csvFileName(now: Date): string {
  return `stripe-subscriptions-${now.toISOString().slice(0, 10)}.csv`;
}

/** The UTF-8 byte order mark, so spreadsheet programs read accented names correctly. */
export const CSV_BOM = '\ufeff';
