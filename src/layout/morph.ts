import { LayoutError } from './layout-error';
import type { LayerLayout, NetworkLayout, OutputAnchors, Vec3 } from './types';

/**
 * Continuous morph between two layouts of the same layer, t in 0..1; t <= 0 returns `from` and
 * t >= 1 returns `to` (the very objects, so the endpoints are exact). In between:
 * - same rectangle count (line <-> grid <-> circle, or any offset change): every map's centre and
 *   the map size move linearly;
 * - collapse (to is one slab, mapChannels [-1]): every map slides to the slab's centre while
 *   resizing to the slab, so the last frame before t = 1 shows the maps stacked on the slab;
 *   expand is the reverse (maps spread out of the slab);
 * - counts that cannot correspond (e.g. a different network): snaps at t = 0.5.
 * Nodes, the layer box and output anchors move linearly when their counts match.
 */
export function computeArrangementMorph(from: LayerLayout, to: LayerLayout, t: number): LayerLayout {
  if (!(t > 0)) return from;
  if (t >= 1) return to;
  if (from.layerId !== to.layerId || from.style !== to.style) return t < 0.5 ? from : to;
  const maps = computeMorphedMapCount(from, to);
  if (maps < 0) return t < 0.5 ? from : to;
  const mapCenters = new Float32Array(maps * 3);
  updateMorphedMapCenters(from, to, t, mapCenters);
  const expanded = from.mapCount >= to.mapCount ? from : to;
  const nodesMatch = from.nodeCount === to.nodeCount;
  const output = morphOutput(from.output, to.output, t);
  return {
    layerId: to.layerId,
    style: to.style,
    center: lerp3(from.center, to.center, t),
    halfSize: lerp3(from.halfSize, to.halfSize, t),
    mapCount: maps,
    mapCenters,
    mapChannels: expanded.mapChannels,
    mapSize: [lerp(from.mapSize[0], to.mapSize[0], t), lerp(from.mapSize[1], to.mapSize[1], t)],
    mapCells: expanded.mapCells,
    nodeCount: nodesMatch ? to.nodeCount : (t < 0.5 ? from : to).nodeCount,
    nodeCenters: nodesMatch ? lerpArray(from.nodeCenters, to.nodeCenters, t) : (t < 0.5 ? from : to).nodeCenters,
    nodeRadius: lerp(from.nodeRadius, to.nodeRadius, t),
    ...(output ? { output } : {}),
    ...(to.geometryCells ? { geometryCells: to.geometryCells } : {}),
  };
}

/** Morph of every layer of two layouts of the same network; the bounding box is recomputed. */
export function computeLayoutMorph(from: NetworkLayout, to: NetworkLayout, t: number): NetworkLayout {
  if (!(t > 0)) return from;
  if (t >= 1) return to;
  if (from.layers.length !== to.layers.length) throw new LayoutError(`cannot morph a layout of ${from.layers.length} layers into one of ${to.layers.length}`);
  const layers = to.layers.map((layer, i) => computeArrangementMorph(from.layers[i]!, layer, t));
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (const layer of layers) {
    for (let a = 0; a < 3; a++) {
      min[a] = Math.min(min[a]!, layer.center[a]! - layer.halfSize[a]!);
      max[a] = Math.max(max[a]!, layer.center[a]! + layer.halfSize[a]!);
    }
  }
  return { layers, min: [min[0]!, min[1]!, min[2]!], max: [max[0]!, max[1]!, max[2]!] };
}

/**
 * Per-frame form of the map part of the morph: writes the morphed map centres into `out` (no
 * allocation) and returns how many maps it wrote, or -1 when the counts do not correspond.
 * Rectangle i of the expanded side moves between its own centre and the slab's (collapse/expand).
 */
export function updateMorphedMapCenters(from: LayerLayout, to: LayerLayout, t: number, out: Float32Array): number {
  const count = computeMorphedMapCount(from, to);
  if (count < 0) return -1;
  if (out.length < count * 3) throw new LayoutError(`morph output holds ${out.length / 3} maps, needs ${count}`);
  const fromStride = from.mapCount === count ? 3 : 0;
  const toStride = to.mapCount === count ? 3 : 0;
  const a = from.mapCenters;
  const b = to.mapCenters;
  for (let i = 0; i < count; i++) {
    const ia = i * fromStride;
    const ib = i * toStride;
    out[i * 3] = a[ia]! + (b[ib]! - a[ia]!) * t;
    out[i * 3 + 1] = a[ia + 1]! + (b[ib + 1]! - a[ia + 1]!) * t;
    out[i * 3 + 2] = a[ia + 2]! + (b[ib + 2]! - a[ia + 2]!) * t;
  }
  return count;
}

/** Rectangles drawn during a morph, or -1 when the two layouts' maps do not correspond. */
export function computeMorphedMapCount(from: LayerLayout, to: LayerLayout): number {
  if (from.mapCount === to.mapCount) return from.mapCount;
  if (to.mapCount === 1 && to.mapChannels[0] === -1 && from.mapCount > 0) return from.mapCount;
  if (from.mapCount === 1 && from.mapChannels[0] === -1 && to.mapCount > 0) return to.mapCount;
  return -1;
}

function morphOutput(a: OutputAnchors | undefined, b: OutputAnchors | undefined, t: number): OutputAnchors | undefined {
  if (!a || !b || a.labelAnchors.length !== b.labelAnchors.length) return b;
  return {
    labelAnchors: lerpArray(a.labelAnchors, b.labelAnchors, t),
    barOrigins: lerpArray(a.barOrigins, b.barOrigins, t),
    barDirection: b.barDirection,
    barMaxLength: lerp(a.barMaxLength, b.barMaxLength, t),
    barHeight: lerp(a.barHeight, b.barHeight, t),
  };
}

function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

function lerp3(a: Vec3, b: Vec3, t: number): Vec3 {
  return [lerp(a[0], b[0], t), lerp(a[1], b[1], t), lerp(a[2], b[2], t)];
}

function lerpArray(a: Float32Array, b: Float32Array, t: number): Float32Array {
  const out = new Float32Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = a[i]! + (b[i]! - a[i]!) * t;
  return out;
}
