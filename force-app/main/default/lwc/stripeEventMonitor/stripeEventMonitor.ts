import { LightningElement } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import getSummary from '@salesforce/apex/StripeEventMonitorController.getSummary';
import getEvents from '@salesforce/apex/StripeEventMonitorController.getEvents';
import replayEvents from '@salesforce/apex/StripeEventReplayService.replayEvents';
import { errorMessage } from 'c/billingErrors';
import { KeysetPager, initialKeysetState, type KeysetState } from 'c/keysetPager';
import {
  EVENT_STATUSES,
  NEWEST,
  eventsRequest,
  formatLag,
  nextEventCursor,
  replaySummary,
  sortedTypeCounts,
  statusTiles,
  toEventTableRow,
  type EventCursor,
  type EventPage,
  type EventTableRow,
  type MonitorSummary,
  type ReplayResult,
  type ReplaySummary,
  type StatusTile,
  type TypeCount
} from './monitorModel';

/** Events per page of the log. */
export const EVENT_PAGE_SIZE = 50;
/** Pause after typing an event type before the log reloads. */
export const TYPE_FILTER_DELAY_MS = 400;

/**
 * The admins' view of the Stripe webhook event log: counts by status and type for the last 24 hours,
 * processing lag, the log itself (filterable, paged by CreatedDate and Id) and replay of selected events.
 */
export default class StripeEventMonitor extends LightningElement {
  summary: MonitorSummary | null = null;
  summaryLoading = true;
  summaryError = '';

  statusFilter = '';
  typeFilter = '';
  table: KeysetState<EventTableRow> = initialKeysetState();
  selectedIds: string[] = [];

  replaying = false;
  replayResult: ReplaySummary | null = null;
  replayError = '';

  private readonly pager = new KeysetPager<EventTableRow, EventCursor>({
    firstCursor: NEWEST,
    fetchPage: async (cursor) => {
      const page = (await getEvents(
        eventsRequest(this.statusFilter, this.typeFilter, EVENT_PAGE_SIZE, cursor)
      )) as EventPage;
      return { rows: (page.rows ?? []).map(toEventTableRow), next: nextEventCursor(page) };
    },
    onChange: (state) => (this.table = state)
  });
  private typeTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    void this.loadSummary();
    void this.loadFirstPage();
  }

  override disconnectedCallback(): void {
    clearTimeout(this.typeTimer);
  }

  async loadSummary(): Promise<void> {
    this.summaryLoading = true;
    this.summaryError = '';
    try {
      this.summary = (await getSummary()) as MonitorSummary;
    } catch (error) {
      this.summary = null;
      this.summaryError = errorMessage(error);
    } finally {
      this.summaryLoading = false;
    }
  }

  /** Replaces the log with its newest page for the current filters; the selection goes with it. */
  loadFirstPage(): Promise<void> {
    this.selectedIds = [];
    return this.pager.reload();
  }

  /** Datatable `loadmore`: appends the next older page. */
  handleLoadMore(): Promise<void> {
    return this.pager.loadMore();
  }

  // ---- summary --------------------------------------------------------------------------------------

  get hasSummary(): boolean {
    return !this.summaryLoading && !this.summaryError && !!this.summary;
  }

  get tiles(): StatusTile[] {
    return statusTiles(this.summary?.countsByStatus);
  }

  get typeCounts(): TypeCount[] {
    return sortedTypeCounts(this.summary?.countsByType);
  }

  get hasTypeCounts(): boolean {
    return this.typeCounts.length > 0;
  }

  get averageLag(): string {
    return formatLag(this.summary?.averageLagSeconds);
  }

  get maxLag(): string {
    return formatLag(this.summary?.maxLagSeconds);
  }

  get oldestUnprocessedAt(): string | null {
    return this.summary?.oldestUnprocessedAt ?? null;
  }

  // ---- filters --------------------------------------------------------------------------------------

  get statusOptions(): { label: string; value: string }[] {
    return [{ label: 'All statuses', value: '' }, ...EVENT_STATUSES.map((s) => ({ label: s, value: s }))];
  }

  handleStatusChange(event: CustomEvent<{ value: string }>): void {
    this.statusFilter = event.detail.value ?? '';
    void this.loadFirstPage();
  }

  handleTypeChange(event: CustomEvent<{ value: string }>): void {
    this.typeFilter = event.detail.value ?? '';
    clearTimeout(this.typeTimer);
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- debounce of the type filter
    this.typeTimer = setTimeout(() => void this.loadFirstPage(), TYPE_FILTER_DELAY_MS);
  }

  /** The "Failed" tile doubles as a shortcut to the failed events. */
  handleShowFailed(): void {
    this.statusFilter = 'Failed';
    void this.loadFirstPage();
  }

  handleRefresh(): void {
    void this.loadSummary();
    void this.loadFirstPage();
  }

  // ---- table ----------------------------------------------------------------------------------------

  get columns(): Record<string, unknown>[] {
    const dateTime = {
      year: 'numeric',
      month: 'short',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit'
    };
    return [
      {
        label: 'Event',
        fieldName: 'recordUrl',
        type: 'url',
        typeAttributes: { label: { fieldName: 'eventId' } }
      },
      { label: 'Type', fieldName: 'type', type: 'text' },
      { label: 'Status', fieldName: 'status', type: 'text', initialWidth: 110 },
      { label: 'Attempts', fieldName: 'attempts', type: 'number', initialWidth: 100 },
      { label: 'Created in Stripe', fieldName: 'stripeCreatedAt', type: 'date', typeAttributes: dateTime },
      { label: 'Processed', fieldName: 'processedAt', type: 'date', typeAttributes: dateTime },
      { label: 'Lag', fieldName: 'lagDisplay', type: 'text', initialWidth: 100 },
      { label: 'Error', fieldName: 'error', type: 'text', wrapText: true }
    ];
  }

  get hasRows(): boolean {
    return this.table.rows.length > 0;
  }

  get showEmpty(): boolean {
    return !this.table.loading && !this.table.error && this.table.rows.length === 0;
  }

  get emptyMessage(): string {
    return this.statusFilter || this.typeFilter.trim()
      ? 'No events match these filters.'
      : 'No Stripe events have been received yet.';
  }

  get tableStatus(): string {
    if (this.table.loading) return 'Loading events…';
    const count = this.table.rows.length;
    return this.table.hasMore
      ? `Showing the newest ${count} events; scroll for older ones.`
      : `Showing ${count} events.`;
  }

  handleRowSelection(event: CustomEvent<{ selectedRows: { id: string }[] }>): void {
    this.selectedIds = event.detail.selectedRows.map((r) => r.id);
  }

  // ---- replay ---------------------------------------------------------------------------------------

  get replayLabel(): string {
    return this.replaying ? 'Replaying…' : `Replay selected (${this.selectedIds.length})`;
  }

  get replayDisabled(): boolean {
    return this.replaying || this.selectedIds.length === 0;
  }

  async handleReplay(): Promise<void> {
    const ids = [...this.selectedIds];
    if (ids.length === 0 || this.replaying) return;
    const confirmed = await LightningConfirm.open({
      message: `Replay ${ids.length} selected ${ids.length === 1 ? 'event' : 'events'}? Each is processed again from its stored payload; events already processed are skipped.`,
      label: 'Replay Stripe events',
      variant: 'header',
      theme: 'warning'
    });
    if (!confirmed) return;
    this.replaying = true;
    this.replayResult = null;
    this.replayError = '';
    try {
      const result = (await replayEvents({ eventLogIds: ids })) as ReplayResult | null;
      this.replayResult = replaySummary(result, this.table.rows);
      void this.loadSummary();
      void this.loadFirstPage();
    } catch (error) {
      this.replayError = errorMessage(error);
    } finally {
      this.replaying = false;
    }
  }

  get replayClass(): string {
    const variant = this.replayResult?.variant ?? 'success';
    return `replay-result slds-box slds-box_x-small slds-var-m-bottom_small replay-result_${variant}`;
  }
}
