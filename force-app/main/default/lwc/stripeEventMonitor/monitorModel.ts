/**
 * Pure logic behind the Stripe event monitor: the shapes StripeEventMonitorController and
 * StripeEventReplayService return, status tiles, lag wording, keyset paging by (created, id), and
 * the replay summary.
 */

// ---- Apex DTOs ---------------------------------------------------------------------------------------

export interface TypeCount {
  type: string;
  count: number;
}

export interface MonitorSummary {
  countsByStatus: Record<string, number> | null;
  countsByType: TypeCount[] | null;
  averageLagSeconds: number | null;
  maxLagSeconds: number | null;
  oldestUnprocessedAt: string | null;
}

export interface EventRow {
  id: string;
  eventId: string | null;
  type: string | null;
  status: string | null;
  attempts: number | null;
  error: string | null;
  stripeCreatedAt: string | null;
  processedAt: string | null;
  createdDate: string;
}

export interface EventPage {
  rows: EventRow[] | null;
  hasMore: boolean | null;
}

export interface ReplaySkip {
  id: string;
  reason: string | null;
}

export interface ReplayResult {
  replayed: number | null;
  skipped: ReplaySkip[] | null;
}

// ---- Status tiles ------------------------------------------------------------------------------------

/** Stripe_Webhook_Event__c.Status__c values, in the order an event passes through them. */
export const EVENT_STATUSES = ['Received', 'Processed', 'Skipped', 'Failed'];

export interface StatusTile {
  status: string;
  count: number;
  tileClass: string;
}

/** One tile per status (zero when the server sent none), Failed highlighted when non-zero. */
export function statusTiles(countsByStatus: Record<string, number> | null | undefined): StatusTile[] {
  const counts = countsByStatus ?? {};
  const known = EVENT_STATUSES.map((status) => ({ status, count: counts[status] ?? 0 }));
  const extra = Object.keys(counts)
    .filter((status) => !EVENT_STATUSES.includes(status))
    .sort()
    .map((status) => ({ status, count: counts[status] ?? 0 }));
  return [...known, ...extra].map((t) => ({
    ...t,
    tileClass: `status-tile slds-box slds-box_x-small${t.status === 'Failed' && t.count > 0 ? ' status-tile_failed' : ''}`
  }));
}

/** Event types by count, largest first, ties by name. */
export function sortedTypeCounts(countsByType: TypeCount[] | null | undefined): TypeCount[] {
  return [...(countsByType ?? [])].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
}

/** "0.4 s", "12 s", "3 min 5 s", "2 h 1 min"; blank → "—". */
export function formatLag(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds < 10) return `${(Math.round(seconds * 10) / 10).toFixed(1)} s`;
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  return `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`;
}

// ---- Table rows and paging -------------------------------------------------------------------------

export interface EventTableRow extends EventRow {
  recordUrl: string;
  lagDisplay: string;
}

/** Seconds from Stripe creating the event to Salesforce finishing it, when both are known. */
export function lagSeconds(row: EventRow): number | null {
  if (!row.stripeCreatedAt || !row.processedAt) return null;
  const lag = (Date.parse(row.processedAt) - Date.parse(row.stripeCreatedAt)) / 1000;
  return Number.isFinite(lag) ? lag : null;
}

export function toEventTableRow(row: EventRow): EventTableRow {
  return {
    ...row,
    recordUrl: `/lightning/r/Stripe_Webhook_Event__c/${row.id}/view`,
    lagDisplay: formatLag(lagSeconds(row))
  };
}

export interface EventCursor {
  beforeCreated: string | null;
  beforeId: string | null;
}

export const NEWEST: EventCursor = Object.freeze({ beforeCreated: null, beforeId: null }) as EventCursor;

/** The cursor for the next (older) page: the last row's CreatedDate and Id; null when done. */
export function nextEventCursor(page: EventPage): EventCursor | null {
  const rows = page.rows ?? [];
  const last = rows[rows.length - 1];
  if (!page.hasMore || !last) return null;
  return { beforeCreated: last.createdDate, beforeId: last.id };
}

/** Arguments of StripeEventMonitorController.getEvents. */
export function eventsRequest(
  status: string,
  eventType: string,
  pageSize: number,
  cursor: EventCursor
): Record<string, unknown> {
  return {
    status: status || null,
    eventType: eventType.trim() || null,
    pageSize,
    beforeCreated: cursor.beforeCreated,
    beforeId: cursor.beforeId
  };
}

// ---- Replay ------------------------------------------------------------------------------------------

export interface ReplaySummary {
  headline: string;
  skipped: { key: string; text: string }[];
  variant: 'success' | 'warning' | 'error';
}

/** What a replay did, naming each skipped event by its Stripe id where the table knows it. */
export function replaySummary(result: ReplayResult | null, rows: readonly EventRow[]): ReplaySummary {
  const replayed = result?.replayed ?? 0;
  const skips = result?.skipped ?? [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const skipped = skips.map((s) => ({
    key: s.id,
    text: `${byId.get(s.id)?.eventId ?? s.id}: ${s.reason ?? 'no reason given'}`
  }));
  const noun = (n: number): string => (n === 1 ? 'event' : 'events');
  const headline =
    skips.length === 0
      ? `Replayed ${replayed} ${noun(replayed)}.`
      : `Replayed ${replayed} ${noun(replayed)}; skipped ${skips.length}.`;
  const variant = skips.length === 0 ? 'success' : replayed > 0 ? 'warning' : 'error';
  return { headline, skipped, variant };
}
