import { LightningElement } from 'lwc';
import syncCatalog from '@salesforce/apex/StripeCatalogSyncController.syncCatalog';
import { errorMessage } from 'c/billingErrors';

/**
 * The admin's "Sync prices from Stripe": runs StripeCatalogSyncController.syncCatalog and shows the
 * sentence it answers (plans created, updated, unchanged and deactivated, tiers written, or that the
 * rest continues in the background), or Stripe's or Salesforce's reason in one sentence.
 */
export default class StripeCatalogSync extends LightningElement {
  syncing = false;
  result = '';
  error = '';

  get buttonLabel(): string {
    return this.syncing ? 'Syncing prices…' : 'Sync prices from Stripe';
  }

  get hasResult(): boolean {
    return this.result.length > 0;
  }

  get hasError(): boolean {
    return this.error.length > 0;
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
  }
}
