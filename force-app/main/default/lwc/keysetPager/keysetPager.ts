/**
 * Keyset paging for a datatable fed by Apex: the first page, further pages on `loadmore`, and a reset
 * whenever filters or sort change. Each page is asked for by the last row's key (a cursor), never by
 * offset. A response that arrives after a newer reset is dropped, so a slow old query can never mix
 * its rows into the new result.
 *
 * LWC re-renders on field assignment, not on changes inside a class instance, so the pager hands a
 * fresh, frozen state to `onChange` after every step and the component stores it in one field.
 */
import { errorMessage } from 'c/billingErrors';

/** One page as the component's fetcher returns it: table rows and the cursor of the next page. */
export interface KeysetPage<Row, Cursor> {
  rows: Row[];
  /** `null` when the server said this was the last page. */
  next: Cursor | null;
}

/** What a table shows: the rows so far and where paging stands. */
export interface KeysetState<Row> {
  readonly rows: readonly Row[];
  /** The first page is on its way (the table is replaced when it arrives). */
  readonly loading: boolean;
  /** A further page is on its way (the rows so far stay). */
  readonly loadingMore: boolean;
  /** Why the last request failed, one sentence; '' when it did not. */
  readonly error: string;
  readonly hasMore: boolean;
}

export interface KeysetPagerOptions<Row, Cursor> {
  /** The cursor that asks for the first page. */
  firstCursor: Cursor;
  /** Reads one page after `cursor` with the component's current filters and sort. */
  fetchPage: (cursor: Cursor) => Promise<KeysetPage<Row, Cursor>>;
  /** Receives every new state; the component assigns it to a field so the template re-renders. */
  onChange: (state: KeysetState<Row>) => void;
}

/** Before the first page is asked for, a table is waiting for it: spinner, not "no rows". */
export function initialKeysetState<Row>(): KeysetState<Row> {
  return Object.freeze({ rows: [], loading: true, loadingMore: false, error: '', hasMore: false });
}

export class KeysetPager<Row, Cursor> {
  private state: KeysetState<Row> = initialKeysetState<Row>();
  private cursor: Cursor;
  /** Bumped by every reset; a response for an older value is stale. */
  private generation = 0;

  constructor(private readonly options: KeysetPagerOptions<Row, Cursor>) {
    this.cursor = options.firstCursor;
  }

  /** Replaces the rows with the first page for the current filters and sort. */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    this.cursor = this.options.firstCursor;
    // A load-more still in flight belongs to the old result; it must not block the new one.
    this.update({ rows: [], loading: true, loadingMore: false, error: '', hasMore: false });
    await this.fetch(generation, this.options.firstCursor);
    if (generation === this.generation) this.update({ loading: false });
  }

  /** Appends the next page; does nothing while a page is loading or after the last one. */
  async loadMore(): Promise<void> {
    const { hasMore, loading, loadingMore } = this.state;
    if (!hasMore || loading || loadingMore) return;
    const generation = this.generation;
    this.update({ loadingMore: true });
    await this.fetch(generation, this.cursor);
    if (generation === this.generation) this.update({ loadingMore: false });
  }

  private async fetch(generation: number, cursor: Cursor): Promise<void> {
    try {
      const page = await this.options.fetchPage(cursor);
      if (generation !== this.generation) return; // a newer filter or sort replaced this request
      this.cursor = page.next ?? this.options.firstCursor;
      this.update({ rows: [...this.state.rows, ...page.rows], hasMore: page.next !== null });
    } catch (error) {
      if (generation !== this.generation) return;
      this.update({ hasMore: false, error: errorMessage(error) });
    }
  }

  private update(change: Partial<KeysetState<Row>>): void {
    this.state = Object.freeze({ ...this.state, ...change });
    this.options.onChange(this.state);
  }
}
