import type { LayerLayout } from './types';

/** What lies under a point of a maps layer's plane. */
export interface CellHit {
  /** Rectangle index (0..mapCount-1). */
  map: number;
  /** Channel shown there; -1 on a collapsed layer's aggregate slab. */
  channel: number;
  row: number;
  col: number;
}

/**
 * Inverse of the cell formula of types.ts for picking: finds the rectangle of `layer` containing
 * (x, y) (network space; the layer's plane is z = its centre) and the cell under it, written into
 * `out` (no allocation, for per-frame pointer hovering). Returns false when no map is hit.
 * Rows and columns are in the layer's geometry cells (its real output shape).
 */
export function updateCellAt(layer: LayerLayout, x: number, y: number, out: CellHit): boolean {
  const [w, h] = layer.mapSize;
  if (!(w > 0 && h > 0)) return false;
  const [rows, cols] = layer.geometryCells ?? layer.mapCells;
  for (let m = 0; m < layer.mapCount; m++) {
    const fx = (x - layer.mapCenters[m * 3]!) / w + 0.5;
    const fy = 0.5 - (y - layer.mapCenters[m * 3 + 1]!) / h;
    if (fx < 0 || fx > 1 || fy < 0 || fy > 1) continue;
    out.map = m;
    out.channel = layer.mapChannels[m]!;
    out.col = Math.min(cols - 1, Math.floor(fx * cols));
    out.row = Math.min(rows - 1, Math.floor(fy * rows));
    return true;
  }
  return false;
}
