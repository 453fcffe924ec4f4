import type { LayerDescription, NetworkDescription } from '../domain/network';
import { computeShapeSize } from '../domain/network';
import type { EpochSnapshot } from '../domain/recording';
import { fail } from './errors';
import type { ActivationSource } from './format';
import { computeRecordedSize } from './validate-network';

/**
 * Activations that need not be stored because the decoder can rebuild them exactly from data it
 * already has: an input layer's are the probe inputs, a flatten/reshape/dropout's are its input's,
 * a max-pool's are the max over windows of its input's (max commutes with the monotonic
 * quantisation, so pooling the decoded input gives the decoded pooled values), a softmax output
 * layer's are the predictions. The encoder checks the rebuild equals the real data bit for bit
 * before choosing it, so this is lossless with respect to what the source layer stores.
 */

export interface MaxPoolGeometry {
  readonly inHeight: number;
  readonly inWidth: number;
  readonly channels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly poolHeight: number;
  readonly poolWidth: number;
  readonly strideY: number;
  readonly strideX: number;
  /** 'same' padding: rows/columns of padding before the input (TensorFlow puts the odd one after). */
  readonly padTop: number;
  readonly padLeft: number;
}

function isUncapped(layer: LayerDescription): boolean {
  return layer.cap === undefined;
}

/** The pooling arithmetic of a max-pool layer, or null when its activations cannot be rebuilt. */
export function computeMaxPoolGeometry(network: NetworkDescription, layer: LayerDescription): MaxPoolGeometry | null {
  if (layer.kind !== 'max-pool2d' || layer.inputs.length !== 1 || layer.poolSize === undefined) return null;
  const input = network.layers[layer.inputs[0]!]!;
  if (!isUncapped(layer) || !isUncapped(input) || layer.outputShape.length !== 3 || input.outputShape.length !== 3) return null;
  const [inHeight, inWidth, channels] = input.outputShape as [number, number, number];
  const [outHeight, outWidth, outChannels] = layer.outputShape as [number, number, number];
  const [poolHeight, poolWidth] = layer.poolSize;
  const [strideY, strideX] = layer.strides ?? layer.poolSize;
  const same = layer.padding === 'same';
  // TensorFlow: 'valid' -> floor((in - k) / s) + 1, 'same' -> ceil(in / s).
  const expectH = same ? Math.ceil(inHeight / strideY) : Math.floor((inHeight - poolHeight) / strideY) + 1;
  const expectW = same ? Math.ceil(inWidth / strideX) : Math.floor((inWidth - poolWidth) / strideX) + 1;
  if (outChannels !== channels || outHeight !== expectH || outWidth !== expectW || expectH < 1 || expectW < 1) return null;
  const padTop = same ? Math.floor(Math.max((outHeight - 1) * strideY + poolHeight - inHeight, 0) / 2) : 0;
  const padLeft = same ? Math.floor(Math.max((outWidth - 1) * strideX + poolWidth - inWidth, 0) / 2) : 0;
  return { inHeight, inWidth, channels, outHeight, outWidth, poolHeight, poolWidth, strideY, strideX, padTop, padLeft };
}

/** out[y, x, c] = max over the window of input (padding cells are ignored, as in TensorFlow). */
export function computeMaxPool(input: Float32Array, g: MaxPoolGeometry, out: Float32Array): void {
  const { inHeight, inWidth, channels: C } = g;
  for (let oy = 0; oy < g.outHeight; oy++) {
    const y0 = Math.max(0, oy * g.strideY - g.padTop);
    const y1 = Math.min(inHeight, oy * g.strideY - g.padTop + g.poolHeight);
    for (let ox = 0; ox < g.outWidth; ox++) {
      const x0 = Math.max(0, ox * g.strideX - g.padLeft);
      const x1 = Math.min(inWidth, ox * g.strideX - g.padLeft + g.poolWidth);
      const o = (oy * g.outWidth + ox) * C;
      for (let c = 0; c < C; c++) {
        let best = -Infinity;
        for (let y = y0; y < y1; y++) {
          for (let x = x0; x < x1; x++) {
            const v = input[(y * inWidth + x) * C + c]!;
            if (v > best) best = v;
          }
        }
        out[o + c] = best;
      }
    }
  }
}

/** The sources a layer's activations could come from, most preferred first, 'stored' always last. */
export function computeCandidateSources(network: NetworkDescription, index: number, hasProbes: boolean): ActivationSource[] {
  const layer = network.layers[index]!;
  const size = computeRecordedSize(layer);
  const candidates: ActivationSource[] = [];
  if (layer.kind === 'input' && hasProbes && isUncapped(layer)) candidates.push('probes');
  if (index === network.layers.length - 1 && isUncapped(layer)) candidates.push('predictions');
  if (computeMaxPoolGeometry(network, layer) !== null) candidates.push('max-pool');
  if (layer.inputs.length === 1 && computeRecordedSize(network.layers[layer.inputs[0]!]!) === size) candidates.push('identity');
  candidates.push('stored');
  return candidates;
}

/** Inputs a rebuild reads. */
export interface RebuildContext {
  readonly network: NetworkDescription;
  /** Activations of earlier layers of this epoch, already decoded: [layer][probe]. */
  readonly activations: readonly (readonly Float32Array[])[];
  readonly predictions: readonly Float32Array[];
  readonly probeInputs: readonly Float32Array[] | null;
}

/** Rebuilds one probe's activations of a layer from `source`; throws 'bad-chunk' if it does not apply. */
export function rebuildActivation(source: ActivationSource, index: number, probe: number, ctx: RebuildContext, what: string): Float32Array {
  const layer = ctx.network.layers[index]!;
  const size = computeRecordedSize(layer);
  if (!computeCandidateSources(ctx.network, index, ctx.probeInputs !== null).includes(source)) {
    fail('bad-chunk', `${what}: marked as rebuilt from "${source}", which does not apply to this ${layer.kind} layer`);
  }
  switch (source) {
    case 'probes':
      return checkedCopy(ctx.probeInputs![probe]!, size, what);
    case 'predictions':
      return checkedCopy(ctx.predictions[probe]!, size, what);
    case 'identity':
      return checkedCopy(ctx.activations[layer.inputs[0]!]![probe]!, size, what);
    case 'max-pool': {
      const out = new Float32Array(size);
      computeMaxPool(ctx.activations[layer.inputs[0]!]![probe]!, computeMaxPoolGeometry(ctx.network, layer)!, out);
      return out;
    }
    default:
      return fail('bad-chunk', `${what}: "${source}" activations are not rebuilt`);
  }
}

function checkedCopy(source: Float32Array, size: number, what: string): Float32Array {
  if (source.length !== size) fail('size-mismatch', `${what}: rebuilt from ${source.length} values, expected ${size}`);
  return source.slice();
}

function equalArrays(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** For the encoder: the cheapest source per layer whose rebuild equals the epoch's data exactly. */
export function chooseActivationSources(network: NetworkDescription, epoch: EpochSnapshot, probeInputs: readonly Float32Array[] | null): ActivationSource[] {
  const probeCount = epoch.predictions.length;
  const outputs = computeShapeSize(network.layers[network.layers.length - 1]!.outputShape);
  const ctx: RebuildContext = { network, activations: epoch.activations, predictions: epoch.predictions, probeInputs };
  return network.layers.map((layer, index) => {
    for (const source of computeCandidateSources(network, index, probeInputs !== null)) {
      if (source === 'stored') return source;
      if (source === 'predictions' && computeRecordedSize(layer) !== outputs) continue;
      if (source === 'probes' && probeInputs!.length !== probeCount) continue;
      let all = true;
      for (let p = 0; p < probeCount && all; p++) {
        all = equalArrays(rebuildActivation(source, index, p, ctx, layer.name), epoch.activations[index]![p]!);
      }
      if (all) return source;
    }
    return 'stored';
  });
}
