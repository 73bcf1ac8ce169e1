import { LightningElement } from 'lwc';
import syncCatalog from '@salesforce/apex/StripeCatalogSyncController.syncCatalog';
import getLastRun from '@salesforce/apex/StripeCatalogSyncController.getLastRun';
import { errorMessage } from 'c/billingErrors';

/** StripeCatalogSyncController.LastRun: the latest finished sync from the batch run log. */
export interface LastRun {
  startedAt: string | null;
  finishedAt: string | null;
  pricesRead: number | null;
  recordsWritten: number | null;
  failed: number | null;
  errors: string | null;
}

const count = (value: number | null | undefined, noun: string): string => {
  const n = value ?? 0;
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
};

/** "12 prices read, 9 records written, 1 failure" for the last run. */
export function describeRun(run: LastRun): string {
  return `${count(run.pricesRead, 'price')} read, ${count(run.recordsWritten, 'record')} written, ${count(run.failed, 'failure')}`;
}

/**
 * The admin's "Sync prices from Stripe": runs StripeCatalogSyncController.syncCatalog and shows the
 * sentence it answers (plans created, updated, unchanged and deactivated, tiers written, or that the
 * rest continues in the background), or Stripe's or Salesforce's reason in one sentence; below, the
 * latest finished run from the batch run log, so a run that finished in the background is visible.
 */
export default class StripeCatalogSync extends LightningElement {
  syncing = false;
  result = '';
  error = '';

  lastRun: LastRun | null = null;
  lastRunLoading = true;
  lastRunError = '';

  override connectedCallback(): void {
    void this.loadLastRun();
  }

  get buttonLabel(): string {
    return this.syncing ? 'Syncing prices…' : 'Sync prices from Stripe';
  }

  get hasResult(): boolean {
    return this.result.length > 0;
  }

  get hasError(): boolean {
    return this.error.length > 0;
  }

  get showLastRun(): boolean {
    return !this.lastRunLoading && !this.lastRunError && this.lastRun !== null;
  }

  get showNoLastRun(): boolean {
    return !this.lastRunLoading && !this.lastRunError && this.lastRun === null;
  }

  get lastRunSummary(): string {
    return this.lastRun ? describeRun(this.lastRun) : '';
  }

  get lastRunErrors(): string {
    return this.lastRun?.errors ?? '';
  }

  async loadLastRun(): Promise<void> {
    this.lastRunLoading = true;
    this.lastRunError = '';
    try {
      this.lastRun = ((await getLastRun()) as LastRun | null) ?? null;
    } catch (error) {
      this.lastRun = null;
      this.lastRunError = errorMessage(error);
    } finally {
      this.lastRunLoading = false;
    }
  }

  async handleSync(): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    this.result = '';
    this.error = '';
    try {
      const sentence = await syncCatalog();
      this.result = typeof sentence === 'string' && sentence.trim() ? sentence : 'The price sync finished.';
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.syncing = false;
    }
    await this.loadLastRun();
  }
}
