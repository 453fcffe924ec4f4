import type { LayerDescription } from './network';
import { computeRecordedShape, computeShapeSize, computeSpatialShape } from './network';
import type { TensorData } from './recording';

/**
 * How one activation was computed, recomputed from a snapshot's weights and the previous layer's
 * recorded activations: the arithmetic the neuron inspector shows. Pure math, no framework.
 */

export class NeuronExplainError extends Error {
  override name = 'NeuronExplainError';
}

/** Applies a Keras activation by name to a pre-activation. Softmax needs all units: see computeSoftmax. */
export function computeActivation(name: string, x: number): number {
  switch (name) {
    case 'linear':
    case '':
      return x;
    case 'relu':
      return x > 0 ? x : 0;
    case 'relu6':
      return Math.min(6, Math.max(0, x));
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'tanh':
      return Math.tanh(x);
    case 'elu':
      return x > 0 ? x : Math.exp(x) - 1;
    case 'softplus':
      return Math.log1p(Math.exp(x));
    case 'swish':
      return x / (1 + Math.exp(-x));
    default:
      throw new NeuronExplainError(`activation "${name}" is not one the inspector can recompute`);
  }
}

/** Softmax of a vector, max-shifted for stability. */
export function computeSoftmax(values: ArrayLike<number>): Float32Array {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i]!);
  const out = new Float32Array(values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += out[i] = Math.exp(values[i]! - max);
  for (let i = 0; i < values.length; i++) out[i] = out[i]! / sum;
  return out;
}

/**
 * Top-left input row/col of an output cell's window along one axis, TF semantics:
 * 'same' pads pad_total = max((out - 1) * stride + effectiveK - in, 0), pad_before = floor(pad_total / 2).
 */
export function computeWindowStart(outIndex: number, inSize: number, outSize: number, kernel: number, stride: number, dilation: number, padding: 'valid' | 'same'): number {
  if (padding === 'valid') return outIndex * stride;
  const effective = (kernel - 1) * dilation + 1;
  const padTotal = Math.max((outSize - 1) * stride + effective - inSize, 0);
  return outIndex * stride - Math.floor(padTotal / 2);
}

export interface ConvCellExplanation {
  readonly kind: 'conv';
  readonly kernelSize: readonly [number, number];
  readonly inChannels: number;
  /** Top-left input cell of the window (may be negative with 'same' padding). */
  readonly inputRow: number;
  readonly inputCol: number;
  /** kh * kw * inChannels, HWC order: input values under the window (0 where padded). */
  readonly patch: Float32Array;
  /** Same order: the kernel weights for the chosen output channel. */
  readonly kernel: Float32Array;
  /** 1 where the window cell is padding outside the input. */
  readonly padded: Uint8Array;
  /** Same order: patch * kernel. */
  readonly products: Float32Array;
  readonly sum: number;
  readonly bias: number;
  readonly preActivation: number;
  readonly activation: string;
  readonly value: number;
}

/**
 * Recomputes output cell (row, col, channel) of a conv2d layer from its input activations (HWC) and
 * weights. A depthwise conv (kernel [kh, kw, in, multiplier]; output channel = in * multiplier + m)
 * sees one input channel: the explanation then has inChannels = 1.
 */
export function computeConvCell(layer: LayerDescription, inputShape: readonly number[], input: Float32Array, weights: readonly TensorData[], row: number, col: number, channel: number): ConvCellExplanation {
  const depthwise = layer.kind === 'depthwise-conv2d';
  if (layer.kind !== 'conv2d' && !depthwise) throw new NeuronExplainError(`layer "${layer.name}" is ${layer.kind}, not conv2d`);
  const kernelTensor = weights[layer.weights.findIndex((w) => w.role === (depthwise ? 'depthwise_kernel' : 'kernel'))];
  if (!kernelTensor) throw new NeuronExplainError(`layer "${layer.name}" has no kernel`);
  const biasTensor = weights[layer.weights.findIndex((w) => w.role === 'bias')];
  const [kh, kw, kernelIn, kernelOut] = kernelTensor.shape as [number, number, number, number];
  const { height: inH, width: inW, channels } = computeSpatialShape(inputShape);
  if (channels !== kernelIn || input.length !== inH * inW * kernelIn) {
    throw new NeuronExplainError(`layer "${layer.name}": input is [${inputShape.join(',')}], its kernel expects ${kernelIn} channels`);
  }
  const { height: outH, width: outW } = computeSpatialShape(layer.outputShape);
  const outC = depthwise ? kernelIn * kernelOut : kernelOut;
  if (row < 0 || row >= outH || col < 0 || col >= outW || channel < 0 || channel >= outC) {
    throw new NeuronExplainError(`cell (${row}, ${col}, ${channel}) is outside layer "${layer.name}"`);
  }
  // Depthwise: one input channel (channel / multiplier), its kernel slice [.., .., c, m].
  const inC = depthwise ? 1 : kernelIn;
  const firstIn = depthwise ? Math.floor(channel / kernelOut) : 0;
  const kernelColumn = depthwise ? channel % kernelOut : channel;
  const [sh, sw] = layer.strides ?? [1, 1];
  const [dh, dw] = layer.dilation ?? [1, 1];
  const padding = layer.padding ?? 'valid';
  const inputRow = computeWindowStart(row, inH, outH, kh, sh, dh, padding);
  const inputCol = computeWindowStart(col, inW, outW, kw, sw, dw, padding);
  const size = kh * kw * inC;
  const patch = new Float32Array(size);
  const kernel = new Float32Array(size);
  const padded = new Uint8Array(size);
  const products = new Float32Array(size);
  let sum = 0;
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const r = inputRow + i * dh;
      const c = inputCol + j * dw;
      const outside = r < 0 || r >= inH || c < 0 || c >= inW;
      for (let k = 0; k < inC; k++) {
        const index = (i * kw + j) * inC + k;
        const x = outside ? 0 : input[(r * inW + c) * kernelIn + firstIn + k]!;
        // Kernel layout [kh, kw, in, out] (depthwise: [kh, kw, in, multiplier]).
        const w = kernelTensor.data[((i * kw + j) * kernelIn + firstIn + k) * kernelOut + kernelColumn]!;
        patch[index] = x;
        kernel[index] = w;
        padded[index] = outside ? 1 : 0;
        products[index] = x * w;
        sum += x * w;
      }
    }
  }
  const bias = biasTensor ? biasTensor.data[channel]! : 0;
  const activation = layer.activation ?? 'linear';
  const preActivation = sum + bias;
  return { kind: 'conv', kernelSize: [kh, kw], inChannels: inC, inputRow, inputCol, patch, kernel, padded, products, sum, bias, preActivation, activation, value: computeActivation(activation, preActivation) };
}

export interface PoolCellExplanation {
  readonly kind: 'pool';
  readonly mode: 'max' | 'avg';
  readonly poolSize: readonly [number, number];
  readonly inputRow: number;
  readonly inputCol: number;
  /** ph * pw window values of the channel (NaN where padded). */
  readonly window: Float32Array;
  /** Index in `window` of the winner (max pooling); -1 for average pooling. */
  readonly winner: number;
  readonly value: number;
}

export function computePoolCell(layer: LayerDescription, inputShape: readonly number[], input: Float32Array, row: number, col: number, channel: number): PoolCellExplanation {
  if (layer.kind !== 'max-pool2d' && layer.kind !== 'avg-pool2d') throw new NeuronExplainError(`layer "${layer.name}" is not a pooling layer`);
  const [ph, pw] = layer.poolSize ?? [2, 2];
  const [sh, sw] = layer.strides ?? [ph, pw];
  const padding = layer.padding ?? 'valid';
  const { height: inH, width: inW, channels } = computeSpatialShape(inputShape);
  const { height: outH, width: outW } = computeSpatialShape(layer.outputShape);
  if (row < 0 || row >= outH || col < 0 || col >= outW || channel < 0 || channel >= channels) {
    throw new NeuronExplainError(`cell (${row}, ${col}, ${channel}) is outside layer "${layer.name}"`);
  }
  const inputRow = computeWindowStart(row, inH, outH, ph, sh, 1, padding);
  const inputCol = computeWindowStart(col, inW, outW, pw, sw, 1, padding);
  const window = new Float32Array(ph * pw);
  let winner = -1;
  let best = -Infinity;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < ph; i++) {
    for (let j = 0; j < pw; j++) {
      const r = inputRow + i;
      const c = inputCol + j;
      const inside = r >= 0 && r < inH && c >= 0 && c < inW;
      const x = inside ? input[(r * inW + c) * channels + channel]! : NaN;
      window[i * pw + j] = x;
      if (!inside) continue;
      sum += x;
      count++;
      if (x > best) {
        best = x;
        winner = i * pw + j;
      }
    }
  }
  const max = layer.kind === 'max-pool2d';
  return { kind: 'pool', mode: max ? 'max' : 'avg', poolSize: [ph, pw], inputRow, inputCol, window, winner: max ? winner : -1, value: max ? best : sum / count };
}

export interface Contribution {
  /** Index of the input unit. */
  readonly input: number;
  readonly weight: number;
  readonly x: number;
  /** weight * x. */
  readonly product: number;
}

export interface DenseNodeExplanation {
  readonly kind: 'dense';
  /** The strongest contributions by |weight * x|, strongest first. */
  readonly top: readonly Contribution[];
  /** Sum of all contributions (not only the top ones). */
  readonly sum: number;
  readonly inputCount: number;
  readonly bias: number;
  readonly preActivation: number;
  readonly activation: string;
  /** After the activation; softmax uses every unit's pre-activation. */
  readonly value: number;
}

/** The k largest entries of |products| with their indices, strongest first (ties: lower index first). */
export function computeTopContributions(weights: ArrayLike<number>, inputs: ArrayLike<number>, count: number): Contribution[] {
  const all: Contribution[] = [];
  for (let i = 0; i < inputs.length; i++) all.push({ input: i, weight: weights[i]!, x: inputs[i]!, product: weights[i]! * inputs[i]! });
  all.sort((a, b) => Math.abs(b.product) - Math.abs(a.product) || a.input - b.input);
  return all.slice(0, count);
}

/** Recomputes unit `unit` of a dense layer from its (flattened) input activations. */
export function computeDenseNode(layer: LayerDescription, input: Float32Array, weights: readonly TensorData[], unit: number, topCount = 10): DenseNodeExplanation {
  if (layer.kind !== 'dense') throw new NeuronExplainError(`layer "${layer.name}" is ${layer.kind}, not dense`);
  const kernelTensor = weights[layer.weights.findIndex((w) => w.role === 'kernel')];
  if (!kernelTensor) throw new NeuronExplainError(`layer "${layer.name}" has no kernel`);
  const biasTensor = weights[layer.weights.findIndex((w) => w.role === 'bias')];
  const [inCount, units] = kernelTensor.shape as [number, number];
  if (input.length !== inCount) throw new NeuronExplainError(`layer "${layer.name}" expects ${inCount} inputs, the previous layer recorded ${input.length}`);
  if (unit < 0 || unit >= units) throw new NeuronExplainError(`unit ${unit} is outside layer "${layer.name}"`);
  const preActivations = new Float32Array(units);
  for (let u = 0; u < units; u++) {
    let s = biasTensor ? biasTensor.data[u]! : 0;
    for (let i = 0; i < inCount; i++) s += kernelTensor.data[i * units + u]! * input[i]!;
    preActivations[u] = s;
  }
  const column = new Float32Array(inCount);
  for (let i = 0; i < inCount; i++) column[i] = kernelTensor.data[i * units + unit]!;
  const bias = biasTensor ? biasTensor.data[unit]! : 0;
  const preActivation = preActivations[unit]!;
  const activation = layer.activation ?? 'linear';
  const value = activation === 'softmax' ? computeSoftmax(preActivations)[unit]! : computeActivation(activation, preActivation);
  return { kind: 'dense', top: computeTopContributions(column, input, topCount), sum: preActivation - bias, inputCount: inCount, bias, preActivation, activation, value };
}

/** True when a layer's stored activations are its full output (not a display cap), so recomputation can match them. */
export function isFullyRecorded(layer: LayerDescription): boolean {
  return computeShapeSize(computeRecordedShape(layer)) === computeShapeSize(layer.outputShape);
}
