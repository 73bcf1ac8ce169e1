import {
  NEWEST,
  eventsRequest,
  formatLag,
  lagSeconds,
  nextEventCursor,
  replaySummary,
  sortedTypeCounts,
  statusTiles,
  toEventTableRow,
  type EventPage,
  type EventRow
} from '../monitorModel';
import summary from './data/summary.json';
import page1 from './data/eventsPage1.json';
import page2 from './data/eventsPage2.json';

const rows = page1.rows as EventRow[];

describe('status tiles', () => {
  it('shows every status, zero where the server sent none, and flags failures', () => {
    const tiles = statusTiles(summary.countsByStatus);
    expect(tiles.map((t) => [t.status, t.count])).toEqual([
      ['Received', 0],
      ['Processed', 1840],
      ['Skipped', 12],
      ['Failed', 3]
    ]);
    expect(tiles[3]?.tileClass).toContain('status-tile_failed');
    expect(tiles[1]?.tileClass).not.toContain('status-tile_failed');
  });

  it('keeps a status it does not know, after the known ones', () => {
    expect(statusTiles({ Failed: 0, Archived: 2 }).map((t) => t.status)).toEqual([
      'Received',
      'Processed',
      'Skipped',
      'Failed',
      'Archived'
    ]);
    expect(statusTiles({ Failed: 0 })[3]?.tileClass).not.toContain('status-tile_failed');
    expect(statusTiles(null).every((t) => t.count === 0)).toBe(true);
  });

  it('orders types by count, then name', () => {
    expect(sortedTypeCounts(summary.countsByType).map((t) => t.type)).toEqual([
      'invoice.paid',
      'customer.subscription.updated',
      'charge.refunded',
      'invoice.payment_failed'
    ]);
    expect(sortedTypeCounts(null)).toEqual([]);
  });
});

describe('formatLag', () => {
  it('uses tenths below ten seconds, then seconds, minutes and hours', () => {
    expect(formatLag(0.04)).toBe('0.0 s');
    expect(formatLag(2.35)).toBe('2.4 s');
    expect(formatLag(9.94)).toBe('9.9 s');
    expect(formatLag(10)).toBe('10 s');
    expect(formatLag(59.4)).toBe('59 s');
    expect(formatLag(185)).toBe('3 min 5 s');
    expect(formatLag(7260)).toBe('2 h 1 min');
  });

  it('shows a dash when there is nothing to measure', () => {
    expect(formatLag(null)).toBe('—');
    expect(formatLag(undefined)).toBe('—');
    expect(formatLag(Number.NaN)).toBe('—');
  });
});

describe('rows and paging', () => {
  it('measures lag from Stripe creation to processing', () => {
    expect(lagSeconds(rows[1] as EventRow)).toBe(3.5);
    expect(lagSeconds(rows[0] as EventRow)).toBeNull();
    expect(lagSeconds({ ...(rows[1] as EventRow), processedAt: 'garbage' })).toBeNull();
    expect(toEventTableRow(rows[1] as EventRow)).toMatchObject({
      recordUrl: '/lightning/r/Stripe_Webhook_Event__c/a0A5g00000Evt02AAA/view',
      lagDisplay: '3.5 s'
    });
  });

  it('pages to older events by the last CreatedDate and Id', () => {
    expect(nextEventCursor(page1 as EventPage)).toEqual({
      beforeCreated: '2026-11-29T09:59:01.000Z',
      beforeId: 'a0A5g00000Evt02AAA'
    });
    expect(nextEventCursor(page2 as EventPage)).toBeNull();
    expect(nextEventCursor({ rows: [], hasMore: true })).toBeNull();
    expect(nextEventCursor({ rows: null, hasMore: true })).toBeNull();
  });

  it('sends blank filters as null', () => {
    expect(eventsRequest('', '  ', 50, NEWEST)).toEqual({
      status: null,
      eventType: null,
      pageSize: 50,
      beforeCreated: null,
      beforeId: null
    });
    expect(
      eventsRequest('Failed', ' invoice.paid ', 25, {
        beforeCreated: '2026-11-29T09:59:01.000Z',
        beforeId: 'x'
      })
    ).toEqual({
      status: 'Failed',
      eventType: 'invoice.paid',
      pageSize: 25,
      beforeCreated: '2026-11-29T09:59:01.000Z',
      beforeId: 'x'
    });
  });
});

describe('replaySummary', () => {
  it('reports success when nothing was skipped', () => {
    expect(replaySummary({ replayed: 2, skipped: [] }, rows)).toEqual({
      headline: 'Replayed 2 events.',
      skipped: [],
      variant: 'success'
    });
    expect(replaySummary({ replayed: 1, skipped: null }, rows).headline).toBe('Replayed 1 event.');
  });

  it('names skipped events by their Stripe id and reason', () => {
    const result = replaySummary(
      {
        replayed: 1,
        skipped: [
          { id: 'a0A5g00000Evt02AAA', reason: 'Already processed.' },
          { id: 'a0A5g00000Evt99AAA', reason: null }
        ]
      },
      rows
    );
    expect(result.headline).toBe('Replayed 1 event; skipped 2.');
    expect(result.skipped).toEqual([
      { key: 'a0A5g00000Evt02AAA', text: 'evt_1QPaidB: Already processed.' },
      { key: 'a0A5g00000Evt99AAA', text: 'a0A5g00000Evt99AAA: no reason given' }
    ]);
    expect(result.variant).toBe('warning');
  });

  it('is an error when everything was skipped or nothing came back', () => {
    expect(replaySummary({ replayed: 0, skipped: [{ id: 'x', reason: 'r' }] }, rows).variant).toBe('error');
    expect(replaySummary(null, rows).headline).toBe('Replayed 0 events.');
  });
});
