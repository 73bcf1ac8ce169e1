import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import LightningConfirm from 'lightning/confirm';
import getKpis from '@salesforce/apex/SubscriptionConsoleController.getKpis';
import getMrrTrend from '@salesforce/apex/SubscriptionConsoleController.getMrrTrend';
import getSubscriptions from '@salesforce/apex/SubscriptionConsoleController.getSubscriptions';
import getPlanOptions from '@salesforce/apex/SubscriptionConsoleController.getPlanOptions';
import canManageSubscriptions from '@salesforce/apex/SubscriptionActionsController.canManageSubscriptions';
import cancelSubscription from '@salesforce/apex/SubscriptionActionsController.cancelSubscription';
import resumeSubscription from '@salesforce/apex/SubscriptionActionsController.resumeSubscription';
import retryInvoice from '@salesforce/apex/SubscriptionActionsController.retryInvoice';
import { errorMessage } from 'c/billingErrors';
import { KeysetPager, initialKeysetState, type KeysetState } from 'c/keysetPager';
import {
  CHURN_RISKS,
  DUNNING_STAGES,
  EMPTY_FILTERS,
  FIRST_PAGE,
  PERIOD_OPTIONS,
  STATUS_OPTIONS,
  columnForSortField,
  confirmationFor,
  currencyOptions,
  defaultCurrency,
  hasActiveFilters,
  kpiTiles,
  nextCursor,
  pageRequest,
  periodRange,
  rowActionsFor,
  sortFieldForColumn,
  toTableRow,
  withAnyOption,
  type ActionName,
  type ActionResult,
  type Cursor,
  type FilterState,
  type KpiTile,
  type Kpis,
  type PeriodKey,
  type PlanFilterOption,
  type RowAction,
  type SortDirection,
  type SortField,
  type SubscriptionPage,
  type SubscriptionRow,
  type TableRow,
  type TrendPoint
} from './consoleModel';
import { CSV_BOM, csvFileName, csvHeader, csvRows } from './csvExport';
import { buildMrrChart, type MrrChart } from './mrrChart';

/** Rows per datatable page; each further page is one more keyset query. */
export const PAGE_SIZE = 50;
/** Rows per request while exporting: the most SubscriptionConsoleController returns per page. */
export const EXPORT_PAGE_SIZE = 200;
/** Pause after the last keystroke before the search runs. */
export const SEARCH_DELAY_MS = 300;

type ToastVariant = 'info' | 'success' | 'warning' | 'error';

/**
 * Finance's subscription console: KPI tiles per currency, MRR trend, filterable keyset-paged
 * subscription table with row actions, and CSV export of the filtered set.
 */
export default class SubscriptionConsole extends LightningElement {
  // KPIs and trend
  period: PeriodKey = 'this_month';
  kpis: Kpis | null = null;
  kpisLoading = true;
  kpisError = '';
  selectedCurrency = '';
  trend: TrendPoint[] = [];
  trendLoading = false;
  trendError = '';
  showTrendTable = false;

  // Filters
  filters: FilterState = { ...EMPTY_FILTERS, statuses: [] };
  planOptions: PlanFilterOption[] = [];
  searchText = '';

  // Table
  table: KeysetState<TableRow> = initialKeysetState();
  sortField: SortField = 'mrr';
  sortDirection: SortDirection = 'desc';
  canManage = false;
  actionBusy = false;

  // Export
  exporting = false;
  exportedCount = 0;
  exportError = '';
  exportCancelRequested = false;
  downloadUrl = '';
  downloadName = '';
  downloadCount = 0;

  private readonly pager = new KeysetPager<TableRow, Cursor>({
    firstCursor: FIRST_PAGE,
    fetchPage: async (cursor) => {
      const page = (await getSubscriptions(
        pageRequest(this.filters, this.sortField, this.sortDirection, PAGE_SIZE, cursor)
      )) as SubscriptionPage;
      return { rows: (page.rows ?? []).map((row) => toTableRow(row)), next: nextCursor(page) };
    },
    onChange: (state) => (this.table = state)
  });
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    void this.loadKpis();
    void this.loadPlans();
    void this.loadPermission();
    void this.loadFirstPage();
  }

  override disconnectedCallback(): void {
    clearTimeout(this.searchTimer);
    this.revokeDownload();
  }

  // ---- loading ------------------------------------------------------------------------------

  async loadKpis(): Promise<void> {
    this.kpisLoading = true;
    this.kpisError = '';
    try {
      const range = periodRange(this.period, new Date());
      this.kpis = ((await getKpis(range)) as Kpis | null) ?? { byCurrency: [] };
      const codes = (this.kpis.byCurrency ?? []).map((k) => k.currencyCode);
      if (!codes.includes(this.selectedCurrency)) this.selectedCurrency = defaultCurrency(this.kpis);
      void this.loadTrend();
    } catch (error) {
      this.kpis = null;
      this.kpisError = errorMessage(error);
    } finally {
      this.kpisLoading = false;
    }
  }

  async loadTrend(): Promise<void> {
    if (!this.selectedCurrency) {
      this.trend = [];
      return;
    }
    const currency = this.selectedCurrency;
    this.trendLoading = true;
    this.trendError = '';
    try {
      const points = ((await getMrrTrend({ currencyCode: currency })) as TrendPoint[] | null) ?? [];
      if (currency === this.selectedCurrency) this.trend = points;
    } catch (error) {
      this.trend = [];
      this.trendError = errorMessage(error);
    } finally {
      this.trendLoading = false;
    }
  }

  async loadPlans(): Promise<void> {
    try {
      this.planOptions = ((await getPlanOptions()) as PlanFilterOption[] | null) ?? [];
    } catch {
      // The plan filter is optional; the table still works without it.
      this.planOptions = [];
    }
  }

  async loadPermission(): Promise<void> {
    try {
      this.canManage = (await canManageSubscriptions()) === true;
    } catch {
      // Without an answer, actions stay hidden: the server checks the permission again anyway.
      this.canManage = false;
    }
  }

  /** Replaces the table with the first page for the current filters and sort. */
  loadFirstPage(): Promise<void> {
    return this.pager.reload();
  }

  /** Datatable `loadmore`: appends the next keyset page. */
  handleLoadMore(): Promise<void> {
    return this.pager.loadMore();
  }

  // ---- KPI section ----------------------------------------------------------------------------

  get periodOptions(): { label: string; value: string }[] {
    return PERIOD_OPTIONS;
  }

  get kpiCurrencyOptions(): { label: string; value: string }[] {
    return currencyOptions(this.kpis);
  }

  get hasKpis(): boolean {
    return !this.kpisLoading && !this.kpisError && (this.kpis?.byCurrency ?? []).length > 0;
  }

  get noKpis(): boolean {
    return !this.kpisLoading && !this.kpisError && (this.kpis?.byCurrency ?? []).length === 0;
  }

  get showCurrencySwitcher(): boolean {
    return this.kpiCurrencyOptions.length > 1;
  }

  get selectedCurrencyLabel(): string {
    return this.selectedCurrency.toUpperCase();
  }

  get tiles(): KpiTile[] {
    const kpis = (this.kpis?.byCurrency ?? []).find((k) => k.currencyCode === this.selectedCurrency);
    return kpis ? kpiTiles(kpis) : [];
  }

  handlePeriodChange(event: CustomEvent<{ value: PeriodKey }>): void {
    this.period = event.detail.value;
    void this.loadKpis();
  }

  handleCurrencyChange(event: CustomEvent<{ value: string }>): void {
    this.selectedCurrency = event.detail.value;
    void this.loadTrend();
  }

  // ---- trend chart ----------------------------------------------------------------------------

  get chart(): MrrChart {
    return buildMrrChart(this.trend, this.selectedCurrency);
  }

  get showChart(): boolean {
    return !this.trendLoading && !this.trendError && this.chart.hasData;
  }

  get showNoTrend(): boolean {
    return (
      !this.trendLoading && !this.trendError && !this.chart.hasData && !this.kpisLoading && !this.kpisError
    );
  }

  get trendEmptyMessage(): string {
    return this.selectedCurrency
      ? `No MRR recorded in the last 12 months for ${this.selectedCurrencyLabel}.`
      : 'No MRR recorded yet in any currency.';
  }

  /** The data table is the chart's alternative, so it is offered exactly when the chart is. */
  get showTrendTableNow(): boolean {
    return this.showTrendTable && this.showChart;
  }

  get trendTableToggleLabel(): string {
    return this.showTrendTable ? 'Hide data table' : 'Show as table';
  }

  get trendTableExpanded(): string {
    return String(this.showTrendTable);
  }

  get chartTitle(): string {
    return `MRR trend, last 12 months, ${this.selectedCurrencyLabel}`;
  }

  toggleTrendTable(): void {
    this.showTrendTable = !this.showTrendTable;
  }

  // ---- filters --------------------------------------------------------------------------------

  get statusOptions(): { label: string; value: string }[] {
    return STATUS_OPTIONS;
  }

  get planFilterOptions(): { label: string; value: string }[] {
    return withAnyOption(
      'All plans',
      this.planOptions.map((p) => ({ label: p.label, value: p.id }))
    );
  }

  get currencyFilterOptions(): { label: string; value: string }[] {
    return withAnyOption('All currencies', currencyOptions(this.kpis));
  }

  get dunningOptions(): { label: string; value: string }[] {
    return withAnyOption(
      'Any dunning stage',
      DUNNING_STAGES.map((s) => ({ label: s, value: s }))
    );
  }

  get churnOptions(): { label: string; value: string }[] {
    return withAnyOption(
      'Any churn risk',
      CHURN_RISKS.map((s) => ({ label: s, value: s }))
    );
  }

  get filtersActive(): boolean {
    return hasActiveFilters(this.filters);
  }

  handleStatusChange(event: CustomEvent<{ value: string[] }>): void {
    this.applyFilters({ statuses: [...event.detail.value] });
  }

  handleFilterChange(event: CustomEvent<{ value: string }>): void {
    const name = (event.target as HTMLElement).dataset.filter as
      'planId' | 'currencyCode' | 'dunningStage' | 'churnRisk';
    this.applyFilters({ [name]: event.detail.value ?? '' });
  }

  /** Debounced: the query runs once typing pauses, not on every keystroke. */
  handleSearchChange(event: CustomEvent<{ value: string }>): void {
    this.searchText = event.detail.value ?? '';
    clearTimeout(this.searchTimer);
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- debounce of the search box
    this.searchTimer = setTimeout(() => this.applyFilters({ search: this.searchText }), SEARCH_DELAY_MS);
  }

  handleClearFilters(): void {
    clearTimeout(this.searchTimer);
    this.searchText = '';
    this.filters = { ...EMPTY_FILTERS, statuses: [] };
    void this.loadFirstPage();
  }

  private applyFilters(change: Partial<FilterState>): void {
    this.filters = { ...this.filters, ...change };
    void this.loadFirstPage();
  }

  // ---- table ----------------------------------------------------------------------------------

  get columns(): Record<string, unknown>[] {
    const columns: Record<string, unknown>[] = [
      {
        label: 'Customer',
        fieldName: 'customerUrl',
        type: 'url',
        sortable: true,
        typeAttributes: { label: { fieldName: 'customerName' }, tooltip: { fieldName: 'customerEmail' } }
      },
      { label: 'Account', fieldName: 'accountName', type: 'text' },
      { label: 'Status', fieldName: 'statusLabel', type: 'text', sortable: true },
      { label: 'Plan', fieldName: 'planName', type: 'text' },
      { label: 'Qty', fieldName: 'quantity', type: 'number', initialWidth: 70 },
      { label: 'Billing', fieldName: 'billingPeriod', type: 'text' },
      {
        label: 'MRR',
        fieldName: 'mrrDisplay',
        type: 'text',
        sortable: true,
        cellAttributes: { alignment: 'right' }
      },
      { label: 'Current period end', fieldName: 'periodEndDisplay', type: 'text', sortable: true },
      { label: 'Dunning', fieldName: 'dunningStage', type: 'text' },
      { label: 'Churn risk', fieldName: 'churnRisk', type: 'text' },
      { label: 'Health', fieldName: 'healthDisplay', type: 'text', initialWidth: 80 }
    ];
    if (this.canManage) {
      columns.push({
        type: 'action',
        typeAttributes: {
          rowActions: (row: SubscriptionRow, done: (actions: RowAction[]) => void) => done(rowActionsFor(row))
        }
      });
    }
    return columns;
  }

  get sortedBy(): string {
    return columnForSortField(this.sortField);
  }

  get hasRows(): boolean {
    return this.table.rows.length > 0;
  }

  get showEmpty(): boolean {
    return !this.table.loading && !this.table.error && this.table.rows.length === 0;
  }

  get emptyMessage(): string {
    return this.filtersActive
      ? 'No subscriptions match these filters. Clear a filter to see more.'
      : 'No subscriptions yet. They appear here once Stripe sends them.';
  }

  get tableStatus(): string {
    if (this.table.loading) return 'Loading subscriptions…';
    if (this.table.error) return '';
    const count = this.table.rows.length;
    const noun = count === 1 ? 'subscription' : 'subscriptions';
    return this.table.hasMore
      ? `Showing ${count} ${noun}; scroll for more.`
      : `Showing all ${count} ${noun}.`;
  }

  handleSort(event: CustomEvent<{ fieldName: string; sortDirection: SortDirection }>): void {
    const field = sortFieldForColumn(event.detail.fieldName);
    if (!field) return;
    this.sortField = field;
    this.sortDirection = event.detail.sortDirection;
    void this.loadFirstPage();
  }

  handleRetryLoad(): void {
    void this.loadFirstPage();
  }

  async handleRowAction(
    event: CustomEvent<{ action: { name: ActionName }; row: SubscriptionRow }>
  ): Promise<void> {
    const { action, row } = event.detail;
    if (!this.canManage || this.actionBusy) return;
    const confirmed = await LightningConfirm.open({
      message: confirmationFor(action.name, row),
      label: 'Confirm subscription change',
      variant: 'header',
      theme: action.name === 'cancel_now' ? 'error' : 'warning'
    });
    if (!confirmed) return;
    this.actionBusy = true;
    try {
      const result = (await this.runAction(action.name, row)) as ActionResult | null;
      if (result?.ok) {
        this.toast('success', 'Sent to Stripe', result.message ?? 'Stripe accepted the change.');
        void this.loadFirstPage();
      } else {
        this.toast('error', 'Stripe did not make the change', result?.message ?? 'No reason was given.');
      }
    } catch (error) {
      this.toast('error', 'Stripe did not make the change', errorMessage(error));
    } finally {
      this.actionBusy = false;
    }
  }

  private runAction(name: ActionName, row: SubscriptionRow): Promise<unknown> {
    switch (name) {
      case 'cancel_now':
        return cancelSubscription({ subscriptionId: row.id, atPeriodEnd: false });
      case 'cancel_at_period_end':
        return cancelSubscription({ subscriptionId: row.id, atPeriodEnd: true });
      case 'resume':
        return resumeSubscription({ subscriptionId: row.id });
      case 'retry_invoice':
        return retryInvoice({ invoiceId: row.openInvoiceId });
    }
  }

  private toast(variant: ToastVariant, title: string, message: string): void {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }

  // ---- CSV export -----------------------------------------------------------------------------

  get exportDisabled(): boolean {
    return this.exporting || this.table.loading;
  }

  get exportProgress(): string {
    return `Exported ${this.exportedCount} subscriptions so far…`;
  }

  get downloadLabel(): string {
    return `Download CSV (${this.downloadCount} ${this.downloadCount === 1 ? 'subscription' : 'subscriptions'})`;
  }

  /** Reads every page of the filtered set and offers it as one CSV file. */
  async handleExport(): Promise<void> {
    if (this.exporting) return;
    this.revokeDownload();
    this.exporting = true;
    this.exportCancelRequested = false;
    this.exportedCount = 0;
    this.exportError = '';
    // Snapshot: a filter changed during the export must not mix two result sets in one file.
    const filters: FilterState = { ...this.filters, statuses: [...this.filters.statuses] };
    const sortField = this.sortField;
    const sortDirection = this.sortDirection;
    const chunks: string[] = [CSV_BOM, csvHeader()];
    let cursor: Cursor = FIRST_PAGE;
    try {
      for (;;) {
        const page = (await getSubscriptions(
          pageRequest(filters, sortField, sortDirection, EXPORT_PAGE_SIZE, cursor)
        )) as SubscriptionPage;
        const rows = page.rows ?? [];
        chunks.push(csvRows(rows));
        this.exportedCount += rows.length;
        if (this.exportCancelRequested) {
          this.exportError = 'Export canceled; no file was made.';
          return;
        }
        const next = nextCursor(page);
        if (!next) break;
        if (next.afterId === cursor.afterId && next.afterValue === cursor.afterValue) {
          throw new Error('The server returned the same page twice; the export stopped to avoid a loop.');
        }
        cursor = next;
      }
      const blob = new Blob(chunks, { type: 'text/csv;charset=utf-8' });
      this.downloadUrl = URL.createObjectURL(blob);
      this.downloadName = csvFileName(new Date());
      this.downloadCount = this.exportedCount;
    } catch (error) {
      this.exportError = `Export failed after ${this.exportedCount} subscriptions: ${errorMessage(error)}`;
    } finally {
      this.exporting = false;
    }
  }

  handleCancelExport(): void {
    this.exportCancelRequested = true;
  }

  private revokeDownload(): void {
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
    this.downloadUrl = '';
    this.downloadName = '';
    this.downloadCount = 0;
  }
}
