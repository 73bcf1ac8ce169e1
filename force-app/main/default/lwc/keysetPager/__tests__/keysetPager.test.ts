import { KeysetPager, initialKeysetState, type KeysetPage, type KeysetState } from 'c/keysetPager';
import pages from './data/pages.json';

interface Row {
  id: string;
}
interface Cursor {
  afterId: string | null;
}
type Page = KeysetPage<Row, Cursor>;

const FIRST: Cursor = { afterId: null };

/** A promise the test settles when it wants, to hold a request in flight. */
interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function pagerWith(fetchPage: jest.Mock<Promise<Page>, [Cursor]>): {
  pager: KeysetPager<Row, Cursor>;
  states: KeysetState<Row>[];
  latest: () => KeysetState<Row>;
} {
  const states: KeysetState<Row>[] = [];
  const pager = new KeysetPager<Row, Cursor>({
    firstCursor: FIRST,
    fetchPage,
    onChange: (state) => states.push(state)
  });
  return { pager, states, latest: () => states[states.length - 1] ?? initialKeysetState<Row>() };
}

const ids = (state: KeysetState<Row>): string[] => state.rows.map((r) => r.id);

describe('c/keysetPager', () => {
  it('starts waiting for the first page, with no rows and nothing more to load', () => {
    expect(initialKeysetState()).toEqual({
      rows: [],
      loading: true,
      loadingMore: false,
      error: '',
      hasMore: false
    });
    expect(Object.isFrozen(initialKeysetState())).toBe(true);
  });

  it('loads the first page from the first cursor and says whether more follow', async () => {
    const fetchPage = jest.fn<Promise<Page>, [Cursor]>().mockResolvedValue(pages.first);
    const { pager, states, latest } = pagerWith(fetchPage);
    const done = pager.reload();
    expect(latest()).toMatchObject({ rows: [], loading: true, error: '' });
    await done;
    expect(fetchPage).toHaveBeenCalledWith(FIRST);
    expect(latest()).toEqual({
      rows: pages.first.rows,
      loading: false,
      loadingMore: false,
      error: '',
      hasMore: true
    });
    expect(states.every((s) => Object.isFrozen(s))).toBe(true);
  });

  it('appends further pages from the last cursor until the server says there are no more', async () => {
    const fetchPage = jest
      .fn<Promise<Page>, [Cursor]>()
      .mockResolvedValueOnce(pages.first)
      .mockResolvedValueOnce(pages.second)
      .mockResolvedValueOnce(pages.last);
    const { pager, latest } = pagerWith(fetchPage);
    await pager.reload();
    const more = pager.loadMore();
    expect(latest()).toMatchObject({ loadingMore: true, loading: false });
    await more;
    expect(fetchPage).toHaveBeenLastCalledWith({ afterId: 'r2' });
    expect(latest()).toMatchObject({ loadingMore: false, hasMore: true });
    await pager.loadMore();
    expect(fetchPage).toHaveBeenLastCalledWith({ afterId: 'r4' });
    expect(ids(latest())).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(latest().hasMore).toBe(false);

    // End of data: a further loadmore from the datatable asks the server nothing.
    await pager.loadMore();
    expect(fetchPage).toHaveBeenCalledTimes(3);
  });

  it('asks for one further page at a time and none while the first page loads', async () => {
    const second = deferred<Page>();
    const fetchPage = jest
      .fn<Promise<Page>, [Cursor]>()
      .mockResolvedValueOnce(pages.first)
      .mockReturnValueOnce(second.promise);
    const { pager, latest } = pagerWith(fetchPage);
    await pager.loadMore(); // nothing loaded yet: nothing to continue from
    expect(fetchPage).not.toHaveBeenCalled();
    await pager.reload();
    const more = pager.loadMore();
    await pager.loadMore(); // the datatable fires loadmore again while scrolling
    expect(fetchPage).toHaveBeenCalledTimes(2);
    second.resolve(pages.last);
    await more;
    expect(ids(latest())).toEqual(['r1', 'r2', 'r5']);
  });

  it('reports a failed first page as one sentence and stops paging', async () => {
    const fetchPage = jest
      .fn<Promise<Page>, [Cursor]>()
      .mockRejectedValue({ status: 500, body: { message: 'Insufficient access to Stripe_Event_Log__c.' } });
    const { pager, latest } = pagerWith(fetchPage);
    await pager.reload();
    expect(latest()).toEqual({
      rows: [],
      loading: false,
      loadingMore: false,
      error: 'Insufficient access to Stripe_Event_Log__c.',
      hasMore: false
    });
  });

  it('keeps the rows it has when a further page fails, and clears the error on reload', async () => {
    const fetchPage = jest
      .fn<Promise<Page>, [Cursor]>()
      .mockResolvedValueOnce(pages.first)
      .mockRejectedValueOnce(new Error('Network down'))
      .mockResolvedValueOnce(pages.first);
    const { pager, latest } = pagerWith(fetchPage);
    await pager.reload();
    await pager.loadMore();
    expect(latest()).toMatchObject({ error: 'Network down', hasMore: false, loadingMore: false });
    expect(ids(latest())).toEqual(['r1', 'r2']);
    await pager.reload();
    expect(latest()).toMatchObject({ error: '', hasMore: true });
    expect(fetchPage).toHaveBeenLastCalledWith(FIRST);
  });

  it('resets to the first page on reload (a filter or sort change) and drops the old rows', async () => {
    const fetchPage = jest
      .fn<Promise<Page>, [Cursor]>()
      .mockResolvedValueOnce(pages.first)
      .mockResolvedValueOnce(pages.second)
      .mockResolvedValueOnce(pages.filtered);
    const { pager, latest } = pagerWith(fetchPage);
    await pager.reload();
    await pager.loadMore();
    const reloading = pager.reload();
    expect(latest()).toMatchObject({ rows: [], loading: true, hasMore: false });
    await reloading;
    expect(fetchPage).toHaveBeenLastCalledWith(FIRST);
    expect(ids(latest())).toEqual(['f1']);
  });

  it.each([
    ['a first page', (stale: Deferred<Page>) => stale.resolve(pages.first)],
    ['an error', (stale: Deferred<Page>) => stale.reject(new Error('timed out'))]
  ])('ignores %s that arrives after a newer reload', async (_what, settle) => {
    const stale = deferred<Page>();
    const fetchPage = jest
      .fn<Promise<Page>, [Cursor]>()
      .mockReturnValueOnce(stale.promise)
      .mockResolvedValueOnce(pages.filtered);
    const { pager, latest } = pagerWith(fetchPage);
    const old = pager.reload();
    await pager.reload();
    settle(stale);
    await old;
    expect(ids(latest())).toEqual(['f1']);
    expect(latest()).toMatchObject({ loading: false, hasMore: false, error: '' });
  });

  it('drops a further page a reload overtook, and can load more for the new result', async () => {
    const staleMore = deferred<Page>();
    const fetchPage = jest
      .fn<Promise<Page>, [Cursor]>()
      .mockResolvedValueOnce(pages.first)
      .mockReturnValueOnce(staleMore.promise)
      .mockResolvedValueOnce(pages.first)
      .mockResolvedValueOnce(pages.last);
    const { pager, latest } = pagerWith(fetchPage);
    await pager.reload();
    const more = pager.loadMore();
    await pager.reload();
    staleMore.resolve(pages.second);
    await more;
    expect(ids(latest())).toEqual(['r1', 'r2']);
    expect(latest().loadingMore).toBe(false);
    await pager.loadMore();
    expect(fetchPage).toHaveBeenCalledTimes(4);
    expect(ids(latest())).toEqual(['r1', 'r2', 'r5']);
  });
});
