/** A 2-D box the ink grid covers: the two axes drawn (0 = x, 1 = y, 2 = z) and their ranges. */
export interface InkBounds {
  readonly axes: readonly [number, number];
  readonly min: readonly [number, number];
  readonly max: readonly [number, number];
}

/**
 * Bounds for measuring ink: the bounding box of the points projected on `axes`, by default its two
 * largest axes (two rows of nodes along x, 1 m apart in z, project onto the x-z plane: the FDEB
 * picture). For a pair of square layers, pass [0, 2] for the side view.
 */
export function computeInkBounds(points: Float32Array, axes?: readonly [number, number]): InkBounds {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < points.length; i += 3) {
    for (let a = 0; a < 3; a++) {
      const p = points[i + a]!;
      if (p < lo[a]!) lo[a] = p;
      if (p > hi[a]!) hi[a] = p;
    }
  }
  const order = [0, 1, 2].sort((a, b) => hi[b]! - lo[b]! - (hi[a]! - lo[a]!) || a - b);
  const [a0, a1] = axes ?? [Math.min(order[0]!, order[1]!), Math.max(order[0]!, order[1]!)];
  return { axes: [a0, a1], min: [lo[a0]!, lo[a1]!], max: [hi[a0]!, hi[a1]!] };
}

/**
 * Ink: the fraction of cells of a gridResolution x gridResolution raster (over `bounds`, by default
 * the points' own, see computeInkBounds) touched by any polyline. Each segment is walked in steps of
 * at most half a cell. Compare two drawings with the same bounds (computeInkRatio).
 */
export function computeInk(points: Float32Array, pointsPerEdge: number, count: number, gridResolution: number, bounds: InkBounds = computeInkBounds(points)): number {
  const n = Math.max(1, Math.floor(gridResolution));
  const grid = new Uint8Array(n * n);
  const [a0, a1] = bounds.axes;
  const sx = n / Math.max(1e-12, bounds.max[0] - bounds.min[0]);
  const sy = n / Math.max(1e-12, bounds.max[1] - bounds.min[1]);
  let touched = 0;
  const mark = (x: number, y: number) => {
    const ix = Math.min(n - 1, Math.max(0, Math.floor(x)));
    const iy = Math.min(n - 1, Math.max(0, Math.floor(y)));
    const c = iy * n + ix;
    if (grid[c] === 0) {
      grid[c] = 1;
      touched++;
    }
  };
  for (let e = 0; e < count; e++) {
    for (let k = 0; k + 1 < pointsPerEdge; k++) {
      const p = (e * pointsPerEdge + k) * 3;
      const x0 = (points[p + a0]! - bounds.min[0]) * sx;
      const y0 = (points[p + a1]! - bounds.min[1]) * sy;
      const x1 = (points[p + 3 + a0]! - bounds.min[0]) * sx;
      const y1 = (points[p + 3 + a1]! - bounds.min[1]) * sy;
      const steps = Math.max(1, Math.ceil(2 * Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
      for (let s = 0; s <= steps; s++) mark(x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps);
    }
  }
  return touched / (n * n);
}

/** Ink of `bundled` over ink of `straight`, both rasterised over the straight drawing's bounds (projected on `axes`). */
export function computeInkRatio(
  straight: Float32Array,
  straightPointsPerEdge: number,
  bundled: Float32Array,
  bundledPointsPerEdge: number,
  count: number,
  gridResolution: number,
  axes?: readonly [number, number],
): number {
  const bounds = computeInkBounds(straight, axes);
  const base = computeInk(straight, straightPointsPerEdge, count, gridResolution, bounds);
  return base > 0 ? computeInk(bundled, bundledPointsPerEdge, count, gridResolution, bounds) / base : 1;
}
