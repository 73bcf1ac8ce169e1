import {
  DEFAULT_BOX,
  MIN_LABEL_GAP,
  buildMrrChart,
  monthLabel,
  monthTickIndexes,
  niceMax
} from '../mrrChart';
import type { TrendPoint } from '../consoleModel';
import trendUsd from './data/trendUsd.json';
import trendJpy from './data/trendJpy.json';

describe('niceMax', () => {
  it('rounds the top of the axis up to a readable number', () => {
    expect(niceMax(12450.5)).toBe(20000);
    expect(niceMax(9800)).toBe(10000);
    expect(niceMax(98000)).toBe(100000);
    expect(niceMax(1)).toBe(1);
    expect(niceMax(7)).toBe(8);
    expect(niceMax(4)).toBe(4);
    expect(niceMax(45)).toBe(80); // step 11.25 rounds up to 20
  });

  it('never gives a zero or negative axis', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(-5)).toBe(1);
    expect(niceMax(Number.NaN)).toBe(1);
  });
});

describe('monthLabel', () => {
  it('turns YYYY-MM into a short month and year', () => {
    expect(monthLabel('2026-11')).toBe('Nov 2026');
    expect(monthLabel('2026-01')).toBe('Jan 2026');
    expect(monthLabel('2026-13')).toBe('2026-13');
    expect(monthLabel('last month')).toBe('last month');
  });
});

describe('buildMrrChart', () => {
  const { left, right, top, bottom, width, height } = DEFAULT_BOX;
  const x1 = left;
  const x2 = width - right;
  const y1 = top;
  const y2 = height - bottom;

  it('spreads 12 months across the plot, oldest on the left', () => {
    const chart = buildMrrChart(trendUsd, 'usd', DEFAULT_BOX, 'en-US');
    expect(chart.hasData).toBe(true);
    expect(chart.points).toHaveLength(12);
    expect(chart.points[0]?.x).toBe(x1);
    expect(chart.points[11]?.x).toBe(x2);
    expect(chart.points[1]?.x).toBe(Math.round((x1 + (x2 - x1) / 11) * 100) / 100);
    expect(chart.plot).toEqual({ x1, x2, y1, y2 });
  });

  it('scales values against a round maximum: 10,000 of 20,000 sits half way up', () => {
    const chart = buildMrrChart(
      [
        { month: '2026-10', mrr: 10000 },
        { month: '2026-11', mrr: 12450.5 }
      ],
      'usd',
      DEFAULT_BOX,
      'en-US'
    );
    expect(chart.yMax).toBe(20000);
    expect(chart.points[0]?.y).toBe(y2 - (y2 - y1) / 2);
    expect(chart.path).toBe(`M${x1},${chart.points[0]?.y} L${x2},${chart.points[1]?.y}`);
  });

  it('labels five y ticks in the currency, from zero to the maximum', () => {
    const chart = buildMrrChart(trendJpy, 'jpy', DEFAULT_BOX, 'en-US');
    expect(chart.yTicks.map((t) => t.label)).toEqual(['¥0', '¥25,000', '¥50,000', '¥75,000', '¥100,000']);
    expect(chart.yTicks[0]?.y).toBe(y2);
    expect(chart.yTicks[4]?.y).toBe(y1);
  });

  it('labels every other month, the first and the last, so no two labels are closer than a label', () => {
    const chart = buildMrrChart(trendUsd, 'usd', DEFAULT_BOX, 'en-US');
    // Oct 2026 would sit one month (under a label's width) before Nov 2026 and overlap it.
    expect(chart.xTicks.map((t) => t.label)).toEqual([
      'Dec 2025',
      'Feb 2026',
      'Apr 2026',
      'Jun 2026',
      'Aug 2026',
      'Nov 2026'
    ]);
    const xs = chart.xTicks.map((t) => t.x);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(MIN_LABEL_GAP);
  });

  it('labels every month when they are far enough apart, and always the first and the last', () => {
    expect(monthTickIndexes(0, 0)).toEqual([]);
    expect(monthTickIndexes(1, 0)).toEqual([0]);
    expect(monthTickIndexes(2, 536)).toEqual([0, 1]);
    expect(monthTickIndexes(4, MIN_LABEL_GAP)).toEqual([0, 1, 2, 3]);
    expect(monthTickIndexes(11, 53.6)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(monthTickIndexes(12, 48.73)).toEqual([0, 2, 4, 6, 8, 11]);
    expect(monthTickIndexes(24, 23.3)).toEqual([0, 3, 6, 9, 12, 15, 18, 23]);
  });

  it('draws zero months on the axis line', () => {
    const chart = buildMrrChart(trendJpy, 'jpy', DEFAULT_BOX, 'en-US');
    expect(chart.points[0]?.y).toBe(y2);
    expect(chart.dots).toHaveLength(12);
  });

  it('breaks the line where a month has no value', () => {
    const points: TrendPoint[] = [
      { month: '2026-08', mrr: 10 },
      { month: '2026-09', mrr: null },
      { month: '2026-10', mrr: 20 },
      { month: '2026-11', mrr: 30 }
    ];
    const chart = buildMrrChart(points, 'usd');
    expect(chart.path.match(/M/g)).toHaveLength(2);
    expect(chart.path.match(/L/g)).toHaveLength(1);
    expect(chart.dots.map((d) => d.month)).toEqual(['2026-08', '2026-10', '2026-11']);
    expect(chart.points[1]?.valueLabel).toBe('—');
  });

  it('summarises the trend in one sentence for screen readers', () => {
    expect(buildMrrChart(trendUsd, 'usd', DEFAULT_BOX, 'en-US').summary).toBe(
      'MRR went from $8,000.00 in Dec 2025 to $12,450.50 in Nov 2026; lowest $8,000.00, highest $12,450.50.'
    );
  });

  it('has no line and says so when no month has a value', () => {
    const chart = buildMrrChart([{ month: '2026-11', mrr: null }], 'usd');
    expect(chart.hasData).toBe(false);
    expect(chart.path).toBe('');
    expect(chart.summary).toBe('No MRR recorded in the last 12 months.');
    expect(buildMrrChart([], 'usd').hasData).toBe(false);
  });

  it('centres a single month', () => {
    const chart = buildMrrChart([{ month: '2026-11', mrr: 5 }], 'usd');
    expect(chart.points[0]?.x).toBe((x1 + x2) / 2);
  });

  it('keeps a negative figure inside the plot', () => {
    const chart = buildMrrChart(
      [
        { month: '2026-10', mrr: -50 },
        { month: '2026-11', mrr: 100 }
      ],
      'usd'
    );
    expect(chart.points[0]?.y).toBe(y2);
    expect(chart.points[1]?.y).toBeGreaterThanOrEqual(y1);
  });
});
