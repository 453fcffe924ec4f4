import type { Rect } from '../panel';

/**
 * Canvas drawing for the inspector: grids of coloured cells with their numbers, and horizontal bars.
 * Diverging colours: blue for negative, red for positive, opacity by |value| / scale.
 */
export function computeCellColour(value: number, scale: number): string {
  if (!Number.isFinite(value)) return 'rgba(80, 80, 90, 0.6)';
  const t = Math.min(1, Math.abs(value) / (scale || 1));
  return value >= 0 ? `rgba(235, 90, 70, ${0.15 + 0.85 * t})` : `rgba(70, 130, 235, ${0.15 + 0.85 * t})`;
}

export function computeMaxAbs(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) max = Math.max(max, Math.abs(values[i]!));
  return max;
}

export interface GridOptions {
  readonly rect: Rect;
  readonly rows: number;
  readonly cols: number;
  /** value(row, col) */
  readonly value: (row: number, col: number) => number;
  readonly scale: number;
  readonly title: string;
  /** Cells drawn with a hatched "padding" look. */
  readonly isPadding?: (row: number, col: number) => boolean;
  /** Cell outlined as the winner (max pooling). */
  readonly highlight?: number;
  readonly digits?: number;
}

export function drawGrid(ctx: CanvasRenderingContext2D, s: number, options: GridOptions): void {
  const { rect, rows, cols } = options;
  const cell = Math.min(rect.width / cols, (rect.height - 0.014) / rows);
  const top = rect.y + 0.014;
  ctx.fillStyle = '#b8c4dc';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.font = `${Math.round(0.0095 * s)}px sans-serif`;
  ctx.fillText(options.title, rect.x * s, rect.y * s);
  ctx.font = `${Math.round(Math.min(0.011, cell * 0.27) * s)}px monospace`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x = (rect.x + c * cell) * s;
      const y = (top + r * cell) * s;
      const v = options.value(r, c);
      const padding = options.isPadding?.(r, c) ?? false;
      ctx.fillStyle = padding ? '#2a2f3a' : computeCellColour(v, options.scale);
      ctx.fillRect(x + 1, y + 1, cell * s - 2, cell * s - 2);
      if (options.highlight === r * cols + c) {
        ctx.strokeStyle = '#ffd36b';
        ctx.lineWidth = 0.002 * s;
        ctx.strokeRect(x + 2, y + 2, cell * s - 4, cell * s - 4);
      }
      ctx.fillStyle = padding ? '#77808f' : '#ffffff';
      ctx.fillText(padding ? 'pad' : Number.isFinite(v) ? v.toFixed(options.digits ?? 2) : '-', x + (cell * s) / 2, y + (cell * s) / 2);
    }
  }
}

export interface BarRow {
  readonly label: string;
  readonly value: number;
  readonly text: string;
}

/** Horizontal bars from a centre line (negative to the left), label on the left, text on the right. */
export function drawBars(ctx: CanvasRenderingContext2D, s: number, rect: Rect, rows: readonly BarRow[], scale: number, highlight = -1): void {
  const pitch = rect.height / Math.max(1, rows.length);
  const labelWidth = rect.width * 0.28;
  const textWidth = rect.width * 0.34;
  const barWidth = rect.width - labelWidth - textWidth;
  const zero = rect.x + labelWidth + (computeHasNegative(rows) ? barWidth / 2 : 0);
  const span = computeHasNegative(rows) ? barWidth / 2 : barWidth;
  ctx.font = `${Math.round(Math.min(0.0105, pitch * 0.7) * s)}px sans-serif`;
  ctx.textBaseline = 'middle';
  rows.forEach((row, i) => {
    const y = rect.y + i * pitch;
    const length = (Math.min(1, Math.abs(row.value) / (scale || 1)) * span) * Math.sign(row.value);
    ctx.fillStyle = i === highlight ? '#ffd36b' : row.value >= 0 ? '#eb5a46' : '#4682eb';
    ctx.fillRect(Math.min(zero, zero + length) * s, (y + pitch * 0.15) * s, Math.abs(length) * s, pitch * 0.7 * s);
    ctx.fillStyle = '#dfe6f3';
    ctx.textAlign = 'right';
    ctx.fillText(row.label, (rect.x + labelWidth - 0.004) * s, (y + pitch / 2) * s);
    ctx.textAlign = 'left';
    ctx.fillText(row.text, (rect.x + labelWidth + barWidth + 0.004) * s, (y + pitch / 2) * s);
  });
}

function computeHasNegative(rows: readonly BarRow[]): boolean {
  return rows.some((r) => r.value < 0);
}
