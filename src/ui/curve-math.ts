/**
 * Scaling of the loss and accuracy curves into a plot rectangle. Pure: (epoch metrics) -> points.
 * x: epoch 0..count-1 across the width; y: value between the axis bounds, up is larger.
 * NaN values (not measured, e.g. train loss of the untrained epoch 0) break the line.
 */
export interface PlotRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface AxisBounds {
  readonly min: number;
  readonly max: number;
}

/** Bounds of the finite values, padded so a flat curve still has a visible range; loss always starts at 0. */
export function computeAxisBounds(series: readonly (readonly number[])[], fixed?: AxisBounds): AxisBounds {
  if (fixed) return fixed;
  let max = -Infinity;
  for (const values of series) for (const v of values) if (Number.isFinite(v)) max = Math.max(max, v);
  if (!Number.isFinite(max) || max <= 0) return { min: 0, max: 1 };
  return { min: 0, max: max * 1.05 };
}

/** x position of an epoch in the plot; a single epoch sits at the left edge. */
export function computeEpochX(epoch: number, epochCount: number, rect: PlotRect): number {
  return epochCount <= 1 ? rect.x : rect.x + (epoch / (epochCount - 1)) * rect.width;
}

/**
 * Canvas-style points (y grows downwards from rect.y at the top). Returns [x0, y0, x1, y1, ...];
 * NaN pairs mark gaps.
 */
export function computeCurvePoints(values: readonly number[], bounds: AxisBounds, rect: PlotRect): Float32Array {
  const out = new Float32Array(values.length * 2);
  const span = bounds.max - bounds.min || 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const finite = Number.isFinite(v);
    const t = Math.min(1, Math.max(0, (v - bounds.min) / span));
    out[i * 2] = finite ? computeEpochX(i, values.length, rect) : NaN;
    out[i * 2 + 1] = finite ? rect.y + (1 - t) * rect.height : NaN;
  }
  return out;
}
