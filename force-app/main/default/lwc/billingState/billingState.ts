import { LightningElement, api } from 'lwc';

/**
 * What a section shows instead of its data: a spinner while it loads, the server's reason in an alert
 * (with **Try again** when the section can reload), or a sentence saying there is nothing to show.
 * Loading wins over an error, an error over empty; with none of the three it renders nothing, so the
 * section's own markup shows the data. The spinner announces itself (`role="status"`); the error is
 * an alert, read out when it appears.
 *
 * `<c-billing-state loading={…} loading-text="Loading events" error={…}
 *   error-prefix="Events could not be loaded" retryable onretry={…} empty={…} empty-message={…}>`
 */
export default class BillingState extends LightningElement {
  @api loading = false;
  /** The spinner's text alternative, e.g. "Loading events". */
  @api loadingText = 'Loading';
  /** Why loading failed, one sentence; '' when it did not. */
  @api error = '';
  /** What failed, put before the reason: "Events could not be loaded" → "…: reason". */
  @api errorPrefix = '';
  /** Offers **Try again**, which fires `retry`. */
  @api retryable = false;
  @api empty = false;
  @api emptyMessage = '';

  get errorText(): string {
    return this.errorPrefix ? `${this.errorPrefix}: ${this.error}` : this.error;
  }

  handleRetry(): void {
    this.dispatchEvent(new CustomEvent('retry'));
  }
}
