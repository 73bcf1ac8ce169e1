/**
 * Geometry of the MRR trend chart: scales 12 monthly points into an SVG view box, picks round axis
 * ticks and builds the line path. The component only renders what this returns.
 */
import { formatMoney } from 'c/billingFormat';
import type { TrendPoint } from './consoleModel';

export interface ChartBox {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const DEFAULT_BOX: ChartBox = Object.freeze({
  width: 640,
  height: 240,
  top: 16,
  right: 16,
  bottom: 32,
  left: 88
}) as ChartBox;

export interface ChartPoint {
  key: string;
  month: string;
  monthLabel: string;
  mrr: number | null;
  valueLabel: string;
  x: number;
  y: number | null;
}

export interface AxisTick {
  key: string;
  label: string;
  x: number;
  y: number;
}

export interface MrrChart {
  points: ChartPoint[];
  /** The points that have a value (drawn as dots). */
  dots: ChartPoint[];
  /** SVG path `d`; a gap (M) where a month has no value. Empty when no month has one. */
  path: string;
  yTicks: AxisTick[];
  xTicks: AxisTick[];
  yMax: number;
  /** Plot area, for the axis lines. */
  plot: { x1: number; x2: number; y1: number; y2: number };
  hasData: boolean;
  /** One sentence for screen readers: range and change over the period. */
  summary: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2026-11' → 'Nov 2026'; anything else is shown as given. */
export function monthLabel(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const index = match ? Number(match[2]) - 1 : -1;
  return match && index >= 0 && index < 12 ? `${MONTHS[index]} ${match[1]}` : month;
}

/**
 * The smallest "nice" axis maximum (1, 2, 2.5 or 5 times a power of ten, divided into `steps`)
 * at or above `max`. Zero or no data gives 1 so the axis is never degenerate.
 */
export function niceMax(max: number, steps = 4): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const rawStep = max / steps;
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const step =
    [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= rawStep - 1e-9) ?? 10 * magnitude;
  return step * steps;
}

const round = (n: number): number => Math.round(n * 100) / 100;

/**
 * View-box units a month label ("Nov 2026" in 11px type is about 50) needs from the next one. Labels
 * are centred on their point, so two labels closer than this overlap.
 */
export const MIN_LABEL_GAP = 64;

/**
 * Which of `count` months (`step` apart) get an axis label: the first and every `stride`-th after
 * it, the smallest stride that keeps labels `MIN_LABEL_GAP` apart, and always the last month; a
 * label closer than a stride to the last one gives way to it.
 */
export function monthTickIndexes(count: number, step: number): number[] {
  if (count <= 0) return [];
  const stride = step > 0 ? Math.max(1, Math.ceil(MIN_LABEL_GAP / step)) : 1;
  const last = count - 1;
  const indexes: number[] = [];
  for (let i = 0; last - i >= stride; i += stride) indexes.push(i);
  indexes.push(last);
  return indexes;
}

/** Builds the chart for `points` (oldest first) in `currency`. */
export function buildMrrChart(
  points: TrendPoint[],
  currency: string,
  box: ChartBox = DEFAULT_BOX,
  locale?: string
): MrrChart {
  const x1 = box.left;
  const x2 = box.width - box.right;
  const y1 = box.top;
  const y2 = box.height - box.bottom;
  const values = points.map((p) => p.mrr).filter((v): v is number => typeof v === 'number');
  const hasData = values.length > 0;
  // MRR is never negative; a negative figure (a data error) still gets drawn inside the box.
  const yMax = niceMax(Math.max(0, ...values));
  const yMin = Math.min(0, ...values);
  const span = yMax - yMin;
  const step = points.length > 1 ? (x2 - x1) / (points.length - 1) : 0;
  const xAt = (i: number): number => round(points.length > 1 ? x1 + i * step : (x1 + x2) / 2);
  const yAt = (v: number): number => round(y2 - ((v - yMin) / span) * (y2 - y1));

  const chartPoints: ChartPoint[] = points.map((p, i) => ({
    key: p.month,
    month: p.month,
    monthLabel: monthLabel(p.month),
    mrr: p.mrr,
    valueLabel: formatMoney(p.mrr, currency, locale),
    x: xAt(i),
    y: typeof p.mrr === 'number' ? yAt(p.mrr) : null
  }));

  let path = '';
  let penDown = false;
  for (const p of chartPoints) {
    if (p.y === null) {
      penDown = false;
      continue;
    }
    path += `${penDown ? 'L' : 'M'}${p.x},${p.y} `;
    penDown = true;
  }

  const tickCount = 4;
  const yTicks: AxisTick[] = [];
  for (let i = 0; i <= tickCount; i++) {
    const value = yMin + (span * i) / tickCount;
    yTicks.push({ key: `y${i}`, label: formatMoney(value, currency, locale), x: x1, y: yAt(value) });
  }
  const xTicks: AxisTick[] = monthTickIndexes(chartPoints.length, step).map((i) => {
    const p = chartPoints[i] as ChartPoint;
    return { key: `x${p.month}`, label: p.monthLabel, x: p.x, y: y2 };
  });

  return {
    points: chartPoints,
    dots: chartPoints.filter((p) => p.y !== null),
    path: path.trim(),
    yTicks,
    xTicks,
    yMax,
    plot: { x1, x2, y1, y2 },
    hasData,
    summary: summarize(chartPoints, currency, locale)
  };
}

function summarize(points: ChartPoint[], currency: string, locale?: string): string {
  const known = points.filter((p) => typeof p.mrr === 'number');
  const first = known[0];
  const last = known[known.length - 1];
  if (!first || !last) return 'No MRR recorded in the last 12 months.';
  const values = known.map((p) => p.mrr as number);
  const money = (v: number): string => formatMoney(v, currency, locale);
  return (
    `MRR went from ${first.valueLabel} in ${first.monthLabel} to ${last.valueLabel} in ${last.monthLabel}; ` +
    `lowest ${money(Math.min(...values))}, highest ${money(Math.max(...values))}.`
  );
}
