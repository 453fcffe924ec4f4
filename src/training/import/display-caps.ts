import type { LayerDescription, NetworkDescription } from '../../domain/network';
import { computeShapeSize } from '../../domain/network';

/**
 * Display caps: what is recorded for a big layer (VGG-size) is shrunk so a recording stays viewable;
 * the model itself is untouched. Input layers are never capped. Maps wider than `maxMapSide` are area-averaged down (aspect kept),
 * only the first `maxMaps` channels are kept, and vectors keep their first `maxUnits` values.
 * Pure (no tfjs): the extractor applies the same numbers with computeAreaDownsample.
 */

export interface DisplayCapLimits {
  readonly maxMapSide: number;
  readonly maxMaps: number;
  readonly maxUnits: number;
}

export const DEFAULT_DISPLAY_CAP_LIMITS: DisplayCapLimits = { maxMapSide: 32, maxMaps: 64, maxUnits: 4096 };

export function computeDisplayCaps(network: NetworkDescription, limits: Partial<DisplayCapLimits> = {}): NetworkDescription {
  const full = { ...DEFAULT_DISPLAY_CAP_LIMITS, ...limits };
  return { ...network, layers: network.layers.map((layer) => computeLayerCap(layer, full)) };
}

function computeLayerCap(layer: LayerDescription, limits: DisplayCapLimits): LayerDescription {
  const shape = layer.outputShape;
  const { cap: _previous, ...uncapped } = layer;
  // Inputs stay whole: the probe set already holds them at full size and the snapshot format
  // rebuilds input activations from the probes.
  if (layer.kind === 'input') return uncapped;
  if (shape.length === 2 || shape.length === 3) {
    const [height, width] = shape as [number, number];
    const channels = shape.length === 3 ? shape[2]! : 1;
    const side = Math.max(height, width);
    const scale = side > limits.maxMapSide ? limits.maxMapSide / side : 1;
    const recordedHeight = Math.max(1, Math.round(height * scale));
    const recordedWidth = Math.max(1, Math.round(width * scale));
    const recordedChannels = Math.min(channels, limits.maxMaps);
    const notes: string[] = [];
    if (scale < 1) notes.push(`maps downsampled ${height}×${width}→${recordedHeight}×${recordedWidth} (area average)`);
    if (recordedChannels < channels) notes.push(`first ${recordedChannels} of ${channels} maps`);
    if (notes.length === 0) return uncapped;
    const recordedShape = shape.length === 3 ? [recordedHeight, recordedWidth, recordedChannels] : [recordedHeight, recordedWidth];
    return { ...uncapped, cap: { recordedShape, note: notes.join(', ') } };
  }
  const size = computeShapeSize(shape);
  if (size <= limits.maxUnits) return uncapped;
  const what = shape.length === 1 ? 'units' : 'values';
  return { ...uncapped, cap: { recordedShape: [limits.maxUnits], note: `first ${limits.maxUnits} of ${size} ${what}` } };
}

/** "layer: note" for every capped layer, for the user. */
export function computeCapNotices(network: NetworkDescription): string[] {
  return network.layers.filter((layer) => layer.cap).map((layer) => `${layer.name}: ${layer.cap!.note}`);
}

/**
 * Area-average resize of an HWC image from height x width to outHeight x outWidth, keeping the first
 * `keepChannels` of `channels`. Output pixel (i, j) averages the source rectangle
 * [i·H/h, (i+1)·H/h) x [j·W/w, (j+1)·W/w), each source pixel weighted by its overlap with it,
 * so the result is exact for any ratio (integer ratios reduce to block means).
 */
export function computeAreaDownsample(
  source: Float32Array,
  height: number,
  width: number,
  channels: number,
  outHeight: number,
  outWidth: number,
  keepChannels: number,
  out: Float32Array = new Float32Array(outHeight * outWidth * keepChannels),
): Float32Array {
  out.fill(0);
  const rowSpan = height / outHeight;
  const colSpan = width / outWidth;
  const norm = 1 / (rowSpan * colSpan);
  for (let i = 0; i < outHeight; i++) {
    const top = i * rowSpan;
    const bottom = top + rowSpan;
    for (let r = Math.floor(top); r < bottom && r < height; r++) {
      const wy = Math.min(bottom, r + 1) - Math.max(top, r);
      if (wy <= 0) continue;
      for (let j = 0; j < outWidth; j++) {
        const left = j * colSpan;
        const right = left + colSpan;
        const outBase = (i * outWidth + j) * keepChannels;
        for (let c0 = Math.floor(left); c0 < right && c0 < width; c0++) {
          const wx = Math.min(right, c0 + 1) - Math.max(left, c0);
          if (wx <= 0) continue;
          const weight = wy * wx * norm;
          const srcBase = (r * width + c0) * channels;
          for (let k = 0; k < keepChannels; k++) out[outBase + k]! += weight * source[srcBase + k]!;
        }
      }
    }
  }
  return out;
}

/**
 * One probe's full activation (flattened, layer.outputShape) -> what is recorded for it
 * (computeRecordedShape(layer)). Returns a copy either way, so callers may keep it.
 */
export function computeRecordedActivation(layer: LayerDescription, full: Float32Array): Float32Array {
  const cap = layer.cap;
  if (!cap) return full.slice();
  const shape = layer.outputShape;
  if (shape.length === 2 || shape.length === 3) {
    const channels = shape.length === 3 ? shape[2]! : 1;
    const recordedChannels = cap.recordedShape.length === 3 ? cap.recordedShape[2]! : 1;
    return computeAreaDownsample(full, shape[0]!, shape[1]!, channels, cap.recordedShape[0]!, cap.recordedShape[1]!, recordedChannels);
  }
  return full.slice(0, computeShapeSize(cap.recordedShape));
}
