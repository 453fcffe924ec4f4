/**
 * Pure CPU side of an epoch switch: copy one probe's activations into an atlas slot (tiles per
 * channel, the aggregate tile, vector strips) and compute the value range each tile is normalised by.
 */
import type { EpochSnapshot } from '../domain/recording';
import type { NetworkDescription } from '../domain/network';
import type { Aggregate, Normalisation } from '../domain/view-settings';
import type { AtlasPlan } from './atlas-plan';

export class ActivationDataError extends Error {
  override readonly name = 'ActivationDataError';
}

/** Per-layer aggregate choice: one for all layers, or indexed by layer id (missing entries: 'mean'). */
export type AggregateChoice = Aggregate | readonly (Aggregate | undefined)[];

function aggregateOf(choice: AggregateChoice, layerId: number): Aggregate {
  return typeof choice === 'string' ? choice : (choice[layerId] ?? 'mean');
}

/** Floats in one slot of the atlas texture. */
export function computeSlotLength(plan: AtlasPlan): number {
  return plan.pageCount * plan.pageSize * plan.pageSize;
}

/** Throws ActivationDataError (before anything is written) when the snapshot does not match the plan. */
export function validateActivations(plan: AtlasPlan, snapshot: EpochSnapshot, probe: number): void {
  for (const layer of plan.layers) {
    if (layer.kind === 'none') continue;
    const perProbe = snapshot.activations[layer.layerId];
    const data = perProbe?.[probe];
    if (perProbe && perProbe.length > 0 && !data) {
      throw new ActivationDataError(`probe ${probe} does not exist: epoch ${snapshot.epoch} recorded ${perProbe.length} probes`);
    }
    if (!data) continue; // not recorded: shown as zeros
    const expected = layer.kind === 'maps' ? layer.height * layer.width * layer.channels : layer.channels;
    if (data.length !== expected) {
      throw new ActivationDataError(
        `epoch ${snapshot.epoch}, layer ${layer.layerId}: ${data.length} activations for probe ${probe}, expected ${expected}`,
      );
    }
  }
}

/**
 * Writes probe `probe` of `snapshot` into `slot` (length computeSlotLength(plan), page-major,
 * row-major pages) and each tile's raw [min, max] into `tileRanges` (2 floats per tile).
 * Layers without recorded activations become zeros with range [0, 0].
 */
export function computeAtlasSlot(
  plan: AtlasPlan,
  snapshot: EpochSnapshot,
  probe: number,
  aggregate: AggregateChoice,
  slot: Float32Array,
  tileRanges: Float32Array,
): void {
  const side = plan.pageSize;
  const pageLength = side * side;
  for (const layer of plan.layers) {
    if (layer.kind === 'none') continue;
    const data = snapshot.activations[layer.layerId]?.[probe];
    if (layer.kind === 'vector') {
      const tileIndex = layer.firstTile;
      const tile = plan.tiles[tileIndex]!;
      const base = tile.page * pageLength;
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < layer.channels; i++) {
        const v = data ? data[i]! : 0;
        slot[base + (tile.y + Math.floor(i / tile.width)) * side + tile.x + (i % tile.width)] = v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      tileRanges[tileIndex * 2] = min;
      tileRanges[tileIndex * 2 + 1] = max;
      continue;
    }
    const { height: h, width: w, channels: c, firstTile } = layer;
    const useMax = aggregateOf(aggregate, layer.layerId) === 'max';
    const aggIndex = firstTile + c;
    const agg = plan.tiles[aggIndex]!;
    const aggBase = agg.page * pageLength + agg.y * side + agg.x;
    // Offset of each channel tile's top-left texel, and running ranges, hoisted out of the cell loop.
    const bases = new Int32Array(c);
    const mins = new Float64Array(c).fill(Infinity);
    const maxs = new Float64Array(c).fill(-Infinity);
    for (let ch = 0; ch < c; ch++) {
      const tile = plan.tiles[firstTile + ch]!;
      bases[ch] = tile.page * pageLength + tile.y * side + tile.x;
    }
    let aggMin = Infinity;
    let aggMax = -Infinity;
    if (data && !layer.rgb) {
      // Fast path (nearly every layer), one image row at a time so the row's W x C values stay in
      // cache: channel-major within the row gives sequential writes into each tile.
      for (let row = 0; row < h; row++) {
        const rowSrc = row * w * c;
        const rowDst = row * side;
        for (let ch = 0; ch < c; ch++) {
          const dst = bases[ch]! + rowDst;
          let min = mins[ch]!;
          let max = maxs[ch]!;
          for (let col = 0, src = rowSrc + ch; col < w; col++, src += c) {
            const v = data[src]!;
            slot[dst + col] = v;
            if (v < min) min = v;
            if (v > max) max = v;
          }
          mins[ch] = min;
          maxs[ch] = max;
        }
        for (let col = 0; col < w; col++) {
          const src = rowSrc + col * c;
          let sum = 0;
          let best = -Infinity;
          for (let ch = 0; ch < c; ch++) {
            const v = data[src + ch]!;
            sum += v;
            if (v > best) best = v;
          }
          const v = useMax ? best : sum / c;
          slot[aggBase + rowDst + col] = v;
          if (v < aggMin) aggMin = v;
          if (v > aggMax) aggMax = v;
        }
      }
    } else {
      for (let row = 0; row < h; row++) {
        for (let col = 0; col < w; col++) {
          const src = (row * w + col) * c;
          const cell = row * side + col;
          let sum = 0;
          let best = -Infinity;
          for (let ch = 0; ch < c; ch++) {
            const v = data ? data[src + ch]! : 0;
            slot[bases[ch]! + cell] = v;
            if (v < mins[ch]!) mins[ch] = v;
            if (v > maxs[ch]!) maxs[ch] = v;
            sum += v;
            if (v > best) best = v;
            // RGB composite: the three planes side by side in the aggregate tile.
            if (layer.rgb) slot[aggBase + cell + ch * w] = v;
          }
          if (!layer.rgb) {
            const v = useMax ? best : sum / c;
            slot[aggBase + cell] = v;
            if (v < aggMin) aggMin = v;
            if (v > aggMax) aggMax = v;
          }
        }
      }
    }
    for (let ch = 0; ch < c; ch++) {
      tileRanges[(firstTile + ch) * 2] = mins[ch]!;
      tileRanges[(firstTile + ch) * 2 + 1] = maxs[ch]!;
    }
    tileRanges[aggIndex * 2] = aggMin;
    tileRanges[aggIndex * 2 + 1] = aggMax;
    if (layer.rgb) {
      let min = Infinity;
      let max = -Infinity;
      for (let ch = 0; ch < c; ch++) {
        min = Math.min(min, tileRanges[(firstTile + ch) * 2]!);
        max = Math.max(max, tileRanges[(firstTile + ch) * 2 + 1]!);
      }
      tileRanges[aggIndex * 2] = min;
      tileRanges[aggIndex * 2 + 1] = max;
    }
  }
}

/**
 * The range each tile is normalised by, from the raw tile ranges:
 * - 'map': the tile's own range (vector layers: their layer range, a node has no map);
 * - 'layer': the range over all of the layer's tiles;
 * - 'network': the range over every layer except the input and softmax layers, which keep
 *   their layer range (an image and probabilities have their own scales).
 * The input layer always uses its layer range so an image keeps its look.
 */
export function computeNormalisedRanges(
  plan: AtlasPlan,
  network: NetworkDescription,
  tileRanges: Float32Array,
  normalisation: Normalisation,
  out: Float32Array,
): void {
  let netMin = Infinity;
  let netMax = -Infinity;
  const layerMin = new Float64Array(plan.layers.length);
  const layerMax = new Float64Array(plan.layers.length);
  for (const layer of plan.layers) {
    if (layer.kind === 'none') continue;
    const count = layer.kind === 'maps' ? layer.channels + 1 : 1;
    let min = Infinity;
    let max = -Infinity;
    for (let t = layer.firstTile; t < layer.firstTile + count; t++) {
      min = Math.min(min, tileRanges[t * 2]!);
      max = Math.max(max, tileRanges[t * 2 + 1]!);
    }
    layerMin[layer.layerId] = min;
    layerMax[layer.layerId] = max;
    if (isOwnScale(network, layer.layerId)) continue;
    netMin = Math.min(netMin, min);
    netMax = Math.max(netMax, max);
  }
  for (const layer of plan.layers) {
    if (layer.kind === 'none') continue;
    const count = layer.kind === 'maps' ? layer.channels + 1 : 1;
    const own = isOwnScale(network, layer.layerId);
    for (let t = layer.firstTile; t < layer.firstTile + count; t++) {
      let min: number;
      let max: number;
      if (normalisation === 'network' && !own && netMin <= netMax) {
        min = netMin;
        max = netMax;
      } else if (normalisation === 'map' && layer.kind === 'maps' && !own) {
        min = tileRanges[t * 2]!;
        max = tileRanges[t * 2 + 1]!;
      } else {
        min = layerMin[layer.layerId]!;
        max = layerMax[layer.layerId]!;
      }
      out[t * 2] = min;
      out[t * 2 + 1] = max;
    }
  }
}

function isOwnScale(network: NetworkDescription, layerId: number): boolean {
  const layer = network.layers[layerId];
  return !layer || layer.kind === 'input' || layer.activation === 'softmax';
}

/**
 * Normalised value the shaders colour, mirrored here for tests: a diverging map is centred on 0
 * and scaled by the larger |end| of the range (s in -1..1); an image maps min..max to 0..1.
 */
export function computeNormalisedValue(value: number, min: number, max: number, diverging: boolean): number {
  if (diverging) {
    const scale = Math.max(Math.abs(min), Math.abs(max));
    return scale > 0 ? Math.max(-1, Math.min(1, value / scale)) : 0;
  }
  return max > min ? Math.max(0, Math.min(1, (value - min) / (max - min))) : 0;
}

/** Largest code of the 8-bit atlas: a texel stores round((v - min) / (max - min) * 255) of its tile's raw range. */
export const ATLAS_LEVELS = 255;

/**
 * Quantises the tiles of a float slot (computeAtlasSlot's output) to 8 bits each against the tile's
 * own raw [min, max] from `tileRanges`: the shaders recover v = mix(min, max, code / 255), within
 * (max - min) / 510 of the value, i.e. half a step of the tile's own range (never coarser than 8 bits
 * of the range it is normalised by, which contains the tile's). A quarter of the bytes of R32F to
 * upload on every switch. `out` is written through a clamped view (round to nearest, NaN -> 0).
 * The RGB composite tile spans its three planes (3W texels per row).
 */
export function computeQuantisedSlot(plan: AtlasPlan, slot: Float32Array, tileRanges: Float32Array, out: Uint8ClampedArray): void {
  const side = plan.pageSize;
  const pageLength = side * side;
  for (const layer of plan.layers) {
    if (layer.kind === 'none') continue;
    const count = layer.kind === 'maps' ? layer.channels + 1 : 1;
    for (let t = layer.firstTile; t < layer.firstTile + count; t++) {
      const tile = plan.tiles[t]!;
      const width = layer.rgb && t === layer.firstTile + layer.channels ? tile.width * 3 : tile.width;
      const min = tileRanges[t * 2]!;
      const max = tileRanges[t * 2 + 1]!;
      const scale = max > min ? ATLAS_LEVELS / (max - min) : 0;
      for (let row = 0; row < tile.height; row++) {
        const start = tile.page * pageLength + (tile.y + row) * side + tile.x;
        for (let i = start, end = start + width; i < end; i++) out[i] = (slot[i]! - min) * scale;
      }
    }
  }
}
