import { describe, expect, it } from 'vitest';
import { createInitialState, type AppState } from '../../../src/app/state';
import { computeConvCell } from '../../../src/domain/compute-neuron';
import type { LayerDescription } from '../../../src/domain/network';
import type { Recording } from '../../../src/domain/recording';
import { computeChannelSums, computeInspectorSummary, computeStrongestChannel } from '../../../src/ui/inspector/inspector-text';
import { computeInspectorModel } from '../../../src/ui/inspector/inspector-model';
import { computeParameterCount, computeShownLayer } from '../../../src/ui/layer-panel-math';
import { computeArgmax, computeThumbnailPixels } from '../../../src/ui/sample-math';
import { formatCount, formatValue } from '../../../src/ui/format';

const conv: LayerDescription = {
  id: 1, name: 'conv', kind: 'conv2d', className: 'Conv2D', inputs: [0], outputShape: [2, 2, 1], kernelSize: [2, 2], strides: [1, 1], padding: 'valid', activation: 'relu', units: 1,
  weights: [{ role: 'kernel', shape: [2, 2, 2, 1] }, { role: 'bias', shape: [1] }],
};

/** A 3x3x2 input, one 2x2 conv, a 2-unit softmax: small enough to check by hand. */
function createRecording(): Recording {
  const input = new Float32Array([1, 0, 2, 0, 3, 0, 0, 1, 0, 2, 0, 3, 1, 1, 1, 1, 1, 1]);
  const kernel = new Float32Array([1, -1, 0.5, 0, 0, 2, -1, 1]);
  const convOut = new Float32Array(4);
  for (let r = 0; r < 2; r++) for (let c = 0; c < 2; c++) {
    let s = 0.5;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) for (let k = 0; k < 2; k++) s += input[((r + i) * 3 + c + j) * 2 + k]! * kernel[(i * 2 + j) * 2 + k]!;
    convOut[r * 2 + c] = Math.max(0, s);
  }
  const network = {
    name: 't', classNames: ['a', 'b'],
    layers: [
      { id: 0, name: 'input', kind: 'input', className: 'InputLayer', inputs: [], outputShape: [3, 3, 2], weights: [] },
      conv,
      { id: 2, name: 'flatten', kind: 'flatten', className: 'Flatten', inputs: [1], outputShape: [4], weights: [] },
      { id: 3, name: 'out', kind: 'dense', className: 'Dense', inputs: [2], outputShape: [2], activation: 'softmax', units: 2, weights: [{ role: 'kernel', shape: [4, 2] }, { role: 'bias', shape: [2] }] },
    ],
  } satisfies Recording['network'];
  const dense = new Float32Array([1, 0, 0, 1, 1, 0, 0, 1]);
  const logits = [convOut[0]! + convOut[2]!, convOut[1]! + convOut[3]!];
  const m = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - m));
  const probabilities = new Float32Array(e.map((v) => v / (e[0]! + e[1]!)));
  return {
    network,
    dataset: { name: 't', trainSize: 1, testSize: 1, samplesPerEpoch: 1 },
    probes: { inputShape: [3, 3, 2], inputs: [input], labels: [1], normalisation: '0..1' },
    epochs: [{
      epoch: 0,
      metrics: { trainLoss: NaN, trainAccuracy: NaN, testLoss: 1, testAccuracy: 0.5, samplesSeen: 0 },
      weights: [[], [{ shape: [2, 2, 2, 1], data: kernel }, { shape: [1], data: new Float32Array([0.5]) }], [], [{ shape: [4, 2], data: dense }, { shape: [2], data: new Float32Array(2) }]],
      activations: [[input], [convOut], [convOut], [probabilities]],
      predictions: [probabilities],
    }],
  };
}

describe('inspector model and text', () => {
  const recording = createRecording();
  it('explains a conv cell: sum, bias, activation and the stored value agree', () => {
    const model = computeInspectorModel(recording, { layerId: 1, channel: 0, row: 1, col: 0 }, 0, 0);
    expect(model.kind).toBe('conv');
    if (model.kind !== 'conv') return;
    expect(model.explanation.value).toBeCloseTo(model.stored!, 6);
    const text = computeInspectorSummary(model, 1);
    expect(text).toContain(`sum of 8 products = ${formatValue(model.explanation.sum, 4)}`);
    expect(text).toContain(`+ bias 0.5000 = pre-activation ${formatValue(model.explanation.preActivation, 4)}`);
    expect(text).toContain(`stored ${formatValue(model.stored!, 4)}`);
  });
  it('splits the conv sum by input channel and picks the strongest', () => {
    const cell = computeConvCell(conv, [3, 3, 2], recording.probes.inputs[0]!, recording.epochs[0]!.weights[1]!, 0, 0, 0);
    const sums = computeChannelSums(cell);
    expect(sums[0]! + sums[1]!).toBeCloseTo(cell.sum, 6);
    // Window (0,0)..(1,1): channel 0: 1*1 + 2*0.5 + 0*0 + 0*-1 = 2; channel 1: 0*-1 + 0*0 + 1*2 + 2*1 = 4.
    expect(Array.from(sums)).toEqual([2, 4]);
    expect(computeStrongestChannel(sums)).toBe(1);
  });
  it('shows the output layer as class probabilities with the softmax value matching', () => {
    const model = computeInspectorModel(recording, { layerId: 3, channel: 1, row: 0, col: 0 }, 0, 0);
    expect(model.kind).toBe('dense');
    if (model.kind !== 'dense') return;
    expect(model.probabilities).not.toBeNull();
    expect(model.explanation.value).toBeCloseTo(model.stored!, 6);
    expect(computeInspectorSummary(model, 0)).toMatch(/^class b: sum of 4 inputs/);
  });
  it('says why when nothing can be shown', () => {
    expect(computeInspectorModel(recording, null, 0, 0)).toEqual({ kind: 'none', reason: 'Select a cell or a node' });
    expect(computeInspectorModel(recording, { layerId: 0, channel: 1, row: 1, col: 1 }, 0, 0)).toMatchObject({ kind: 'value', stored: 2 });
    expect(computeInspectorModel(recording, { layerId: 1, channel: 0, row: 0, col: 0 }, 5, 0).kind).toBe('none');
  });
});

describe('layer panel logic', () => {
  it('counts parameters from the weight shapes', () => {
    expect(computeParameterCount(conv)).toBe(9);
    expect(formatCount(27562)).toBe('27,562');
  });
  it('keeps showing the last pointed or selected layer when the pointer moves off', () => {
    const base: AppState = { ...createInitialState(), layerViews: [0, 1, 2, 3].map(() => createInitialState().layerViews[0] ?? { arrangement: 'grid', collapsed: false, aggregate: 'mean', offset: [0, 0, 0] }) };
    const hovered = { ...base, hoveredLayer: 2 };
    expect(computeShownLayer(hovered, base, null)).toBe(2);
    const left = { ...hovered, hoveredLayer: null };
    expect(computeShownLayer(left, hovered, 2)).toBe(2);
    const selected = { ...left, selection: { layerId: 1, channel: 0, row: 0, col: 0 } };
    expect(computeShownLayer(selected, left, 2)).toBe(1);
    expect(computeShownLayer({ ...selected, layerViews: [] }, selected, 1)).toBeNull();
  });
});

describe('sample picker logic', () => {
  it('argmax picks the predicted class', () => {
    expect(computeArgmax(new Float32Array([0.1, 0.7, 0.2]))).toBe(1);
    expect(computeArgmax(undefined)).toBe(-1);
  });
  it('writes a thumbnail into its atlas slot, stretched to 0..255', () => {
    const rgba = new Uint8ClampedArray(2 * 2 * 2 * 4);
    computeThumbnailPixels(new Float32Array([-1, 0, 0.5, 1]), [2, 2, 1], rgba, 2, 4);
    // Row 0 of the second slot starts at pixel x = 2.
    expect(Array.from(rgba.subarray(8, 16))).toEqual([0, 0, 0, 255, 128, 128, 128, 255]);
    expect(rgba[(4 + 3) * 4]).toBe(255);
  });
});
