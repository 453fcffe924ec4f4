import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { LayerDescription } from '../../../src/domain/network';
import type { TensorData } from '../../../src/domain/recording';
import { computeConvCell, computeDenseNode, computePoolCell, computeTopContributions, computeWindowStart } from '../../../src/domain/compute-neuron';

/** A seeded LCG so the "random" cells and weights are the same every run. */
function createRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function randomArray(size: number, random: () => number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = random() * 2 - 1;
  return out;
}

function convLayer(overrides: Partial<LayerDescription>, outputShape: number[], kernelShape: number[]): LayerDescription {
  return {
    id: 1, name: 'conv', kind: 'conv2d', className: 'Conv2D', inputs: [0], outputShape, kernelSize: [kernelShape[0]!, kernelShape[1]!],
    strides: [1, 1], padding: 'valid', activation: 'relu', units: kernelShape[3],
    weights: [{ role: 'kernel', shape: kernelShape }, { role: 'bias', shape: [kernelShape[3]!] }], ...overrides,
  };
}

describe('computeWindowStart', () => {
  it('pads "same" like TensorFlow: odd totals put the extra zero after', () => {
    // in 5, k 3, stride 2, out 3: pad_total = max(2*2 + 3 - 5, 0) = 2 -> 1 before.
    expect(computeWindowStart(0, 5, 3, 3, 2, 1, 'same')).toBe(-1);
    // in 4, k 2, stride 2, out 2: pad_total = 0.
    expect(computeWindowStart(1, 4, 2, 2, 2, 1, 'same')).toBe(2);
    // in 6, k 4, stride 1, out 6: pad_total 3 -> 1 before, 2 after.
    expect(computeWindowStart(0, 6, 6, 4, 1, 1, 'same')).toBe(-1);
    expect(computeWindowStart(3, 9, 7, 3, 1, 1, 'valid')).toBe(3);
  });
});

describe('computeConvCell', () => {
  const cases = [
    { name: 'valid, stride 1', inShape: [9, 8, 3], k: [3, 3], strides: [1, 1] as [number, number], padding: 'valid' as const, filters: 4 },
    { name: 'same, stride 2', inShape: [9, 7, 2], k: [3, 3], strides: [2, 2] as [number, number], padding: 'same' as const, filters: 5 },
    { name: 'same, even kernel', inShape: [6, 6, 2], k: [4, 2], strides: [1, 1] as [number, number], padding: 'same' as const, filters: 3 },
  ];
  for (const c of cases) {
    it(`recomputes tfjs's own conv2d activations (${c.name})`, async () => {
      await tf.setBackend('cpu');
      const random = createRandom(7);
      const kernelShape = [c.k[0]!, c.k[1]!, c.inShape[2]!, c.filters];
      const kernel = randomArray(kernelShape.reduce((a, b) => a * b), random);
      const bias = randomArray(c.filters, random);
      const input = randomArray(c.inShape.reduce((a, b) => a * b), random);
      const model = tf.sequential({
        layers: [tf.layers.conv2d({ inputShape: c.inShape, filters: c.filters, kernelSize: c.k, strides: c.strides, padding: c.padding, activation: 'relu' })],
      });
      model.layers[0]!.setWeights([tf.tensor(kernel, kernelShape), tf.tensor(bias, [c.filters])]);
      const out = model.predict(tf.tensor(input, [1, ...c.inShape])) as tf.Tensor;
      const outShape = out.shape.slice(1) as number[];
      const stored = out.dataSync() as Float32Array;
      out.dispose();
      model.dispose();
      const layer = convLayer({ strides: c.strides, padding: c.padding }, outShape, kernelShape);
      const weights: TensorData[] = [{ shape: kernelShape, data: kernel }, { shape: [c.filters], data: bias }];
      const [outH, outW, outC] = outShape as [number, number, number];
      let checked = 0;
      let positive = 0;
      for (let trial = 0; trial < 40; trial++) {
        const row = Math.floor(random() * outH);
        const col = Math.floor(random() * outW);
        const ch = Math.floor(random() * outC);
        const cell = computeConvCell(layer, c.inShape, input, weights, row, col, ch);
        expect(cell.value).toBeCloseTo(stored[(row * outW + col) * outC + ch]!, 5);
        expect(cell.sum + cell.bias).toBeCloseTo(cell.preActivation, 10);
        if (cell.preActivation > 0) positive++;
        checked++;
      }
      // Both branches of the ReLU were exercised, so the equality is not just zeros.
      expect(positive).toBeGreaterThan(3);
      expect(checked).toBe(40);
    });
  }

  it('recomputes a depthwise conv (multiplier 2, same padding, stride 2) from one input channel', async () => {
    await tf.setBackend('cpu');
    const random = createRandom(5);
    const inShape = [7, 6, 3];
    const kernelShape = [3, 3, 3, 2];
    const kernel = randomArray(54, random);
    const bias = randomArray(6, random);
    const input = randomArray(7 * 6 * 3, random);
    const model = tf.sequential({ layers: [tf.layers.depthwiseConv2d({ inputShape: inShape, kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'same', activation: 'relu' })] });
    model.layers[0]!.setWeights([tf.tensor(kernel, kernelShape), tf.tensor(bias, [6])]);
    const out = model.predict(tf.tensor(input, [1, ...inShape])) as tf.Tensor;
    const outShape = out.shape.slice(1) as number[];
    const stored = out.dataSync();
    out.dispose();
    model.dispose();
    const layer = convLayer({ kind: 'depthwise-conv2d', className: 'DepthwiseConv2D', strides: [2, 2], padding: 'same', weights: [{ role: 'depthwise_kernel', shape: kernelShape }, { role: 'bias', shape: [6] }] }, outShape, kernelShape);
    const [outH, outW, outC] = outShape as [number, number, number];
    expect(outC).toBe(6);
    for (let row = 0; row < outH; row++) for (let col = 0; col < outW; col++) for (let ch = 0; ch < outC; ch++) {
      const cell = computeConvCell(layer, inShape, input, [{ shape: kernelShape, data: kernel }, { shape: [6], data: bias }], row, col, ch);
      expect(cell.inChannels).toBe(1);
      expect(cell.value).toBeCloseTo(stored[(row * outW + col) * outC + ch]!, 5);
    }
  });

  it('marks padded window cells and gives them zero input', () => {
    const layer = convLayer({ padding: 'same' }, [3, 3, 1], [3, 3, 1, 1]);
    const input = new Float32Array(9).fill(1);
    const kernel: TensorData = { shape: [3, 3, 1, 1], data: new Float32Array(9).fill(1) };
    const cell = computeConvCell(layer, [3, 3, 1], input, [kernel, { shape: [1], data: new Float32Array([0.5]) }], 0, 0, 0);
    expect(Array.from(cell.padded)).toEqual([1, 1, 1, 1, 0, 0, 1, 0, 0]);
    expect(cell.sum).toBe(4);
    expect(cell.value).toBe(4.5);
  });

  it('rejects a cell outside the layer with a clear error', () => {
    const layer = convLayer({}, [2, 2, 1], [2, 2, 1, 1]);
    const w: TensorData[] = [{ shape: [2, 2, 1, 1], data: new Float32Array(4) }];
    expect(() => computeConvCell(layer, [3, 3, 1], new Float32Array(9), w, 2, 0, 0)).toThrow(/outside layer "conv"/);
  });
});

describe('computePoolCell', () => {
  it('finds the window and the winner of max pooling', () => {
    const layer: LayerDescription = { id: 2, name: 'pool', kind: 'max-pool2d', className: 'MaxPooling2D', inputs: [1], outputShape: [2, 2, 2], poolSize: [2, 2], strides: [2, 2], padding: 'valid', weights: [] };
    // 4x4x2 input: channel 1 holds row*4+col.
    const input = new Float32Array(32);
    for (let i = 0; i < 16; i++) input[i * 2 + 1] = i;
    const cell = computePoolCell(layer, [4, 4, 2], input, 1, 0, 1);
    expect(Array.from(cell.window)).toEqual([8, 9, 12, 13]);
    expect(cell.winner).toBe(3);
    expect(cell.value).toBe(13);
  });
});

describe('computeTopContributions', () => {
  it('ranks by |weight * input|, strongest first, and keeps the signs', () => {
    const top = computeTopContributions([1, -3, 0.5, 2], [1, 1, 10, -0.1], 3);
    expect(top.map((c) => c.input)).toEqual([2, 1, 0]);
    expect(top.map((c) => c.product)).toEqual([5, -3, 1]);
  });
});

describe('computeDenseNode', () => {
  it('recomputes tfjs dense + softmax outputs and sums every contribution', async () => {
    await tf.setBackend('cpu');
    const random = createRandom(3);
    const kernel = randomArray(12 * 5, random);
    const bias = randomArray(5, random);
    const input = randomArray(12, random);
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [12], units: 5, activation: 'softmax' })] });
    model.layers[0]!.setWeights([tf.tensor(kernel, [12, 5]), tf.tensor(bias, [5])]);
    const out = model.predict(tf.tensor(input, [1, 12])) as tf.Tensor;
    const stored = out.dataSync();
    out.dispose();
    model.dispose();
    const layer: LayerDescription = { id: 3, name: 'out', kind: 'dense', className: 'Dense', inputs: [2], outputShape: [5], activation: 'softmax', units: 5, weights: [{ role: 'kernel', shape: [12, 5] }, { role: 'bias', shape: [5] }] };
    for (let unit = 0; unit < 5; unit++) {
      const node = computeDenseNode(layer, input, [{ shape: [12, 5], data: kernel }, { shape: [5], data: bias }], unit, 4);
      expect(node.value).toBeCloseTo(stored[unit]!, 5);
      expect(node.top).toHaveLength(4);
      let sum = 0;
      for (let i = 0; i < 12; i++) sum += kernel[i * 5 + unit]! * input[i]!;
      expect(node.sum).toBeCloseTo(sum, 5);
    }
  });
});
