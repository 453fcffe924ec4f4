/** Number formatting for panels: short, fixed-precision, ASCII only. */

export function formatValue(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '-';
  const fixed = value.toFixed(digits);
  return fixed === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : fixed;
}

export function formatPercent(fraction: number, digits = 1): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(digits)}%` : '-';
}

/** 27562 -> "27,562". */
export function formatCount(value: number): string {
  return Math.round(value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatShape(shape: readonly number[]): string {
  return shape.join(' x ');
}
