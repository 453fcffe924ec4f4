/**
 * Picking without per-map meshes: each layer's bounding box first, then its map rectangles
 * (planes of constant z), node spheres or block box. Pure math on the layout; the nearest hit wins,
 * and a layer box crossed between maps counts only when nothing more specific is hit.
 */
import type { LayerLayout, NetworkLayout } from '../../layout/types';
import type { PickResult } from './pick-result';
import { createPickResult } from './pick-result';
import { computeRayBoxEntry, computeRayPlaneZ, computeRaySphere } from './ray-tests';

/** Slack added around boxes so a ray grazing a map's edge still reaches the rectangle test. */
const BOX_SLACK = 1e-4;

export function computePick(
  layout: NetworkLayout,
  origin: readonly [number, number, number] | ArrayLike<number>,
  direction: readonly [number, number, number] | ArrayLike<number>,
  out: PickResult = createPickResult(),
): PickResult | null {
  const ox = origin[0]!, oy = origin[1]!, oz = origin[2]!;
  const dx = direction[0]!, dy = direction[1]!, dz = direction[2]!;
  let best = Infinity;
  let bestBox = Infinity;
  let boxLayer = -1;
  out.cell = null;
  for (const layer of layout.layers) {
    const [cx, cy, cz] = layer.center;
    const [hx, hy, hz] = layer.halfSize;
    const entry = computeRayBoxEntry(ox, oy, oz, dx, dy, dz, cx, cy, cz, hx + BOX_SLACK, hy + BOX_SLACK, hz + BOX_SLACK);
    if (entry === Infinity || entry >= best) continue;
    if (layer.style === 'block') {
      best = entry;
      setHit(out, layer.layerId, -1, entry, 'block');
      continue;
    }
    if (entry < bestBox) {
      bestBox = entry;
      boxLayer = layer.layerId;
    }
    if (layer.style === 'maps') best = pickMaps(layer, ox, oy, oz, dx, dy, dz, best, out);
    else if (layer.style === 'nodes') best = pickNodes(layer, ox, oy, oz, dx, dy, dz, best, out);
  }
  if (best === Infinity && boxLayer >= 0) {
    best = bestBox;
    setHit(out, boxLayer, -1, bestBox, 'layer');
  }
  if (best === Infinity) return null;
  out.point[0] = ox + dx * best;
  out.point[1] = oy + dy * best;
  out.point[2] = oz + dz * best;
  return out;
}

function setHit(out: PickResult, layerId: number, channel: number, t: number, target: PickResult['target']): void {
  out.layerId = layerId;
  out.channel = channel;
  out.distance = t;
  out.target = target;
  if (target !== 'map') out.cell = null;
}

function pickMaps(layer: LayerLayout, ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, best: number, out: PickResult): number {
  const [sw, sh] = layer.mapSize;
  const [rows, cols] = layer.geometryCells ?? layer.mapCells;
  for (let m = 0; m < layer.mapCount; m++) {
    const cx = layer.mapCenters[m * 3]!;
    const cy = layer.mapCenters[m * 3 + 1]!;
    const t = computeRayPlaneZ(oz, dz, layer.mapCenters[m * 3 + 2]!);
    if (t >= best) continue;
    // Position within the rectangle, 0..1 from the left and from the top (row 0 is the top row).
    const u = (ox + dx * t - cx) / sw + 0.5;
    const v = 0.5 - (oy + dy * t - cy) / sh;
    if (u < 0 || u > 1 || v < 0 || v > 1) continue;
    best = t;
    setHit(out, layer.layerId, layer.mapChannels[m]!, t, 'map');
    const row = Math.min(rows - 1, Math.floor(v * rows));
    const col = Math.min(cols - 1, Math.floor(u * cols));
    out.cellStorage.row = row;
    out.cellStorage.col = col;
    out.cell = out.cellStorage;
  }
  return best;
}

function pickNodes(layer: LayerLayout, ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, best: number, out: PickResult): number {
  const c = layer.nodeCenters;
  for (let i = 0; i < layer.nodeCount; i++) {
    const t = computeRaySphere(ox, oy, oz, dx, dy, dz, c[i * 3]!, c[i * 3 + 1]!, c[i * 3 + 2]!, layer.nodeRadius);
    if (t >= best) continue;
    best = t;
    setHit(out, layer.layerId, i, t, 'node');
  }
  return best;
}
