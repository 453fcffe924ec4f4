import { describe, expect, it } from 'vitest';
import type { Recording } from '../../../src/domain/recording';
import { chooseActivationSources } from '../../../src/snapshot/derive';
import { computeQuantErrorBound, computeQuantParams, decodeRecording, encodeRecording, type QuantBits } from '../../../src/snapshot/index';
import { createSmallRecording } from './fixtures/small-network';
import { createForwardRecording, createRandomRecording } from './fixtures/synthetic-recording';

/** Largest allowed |x - x'| of a decoded tensor quantised with `bits`: scale / 2 plus float32 rounding. */
function bound(data: Float32Array, bits: QuantBits): number {
  let peak = 0;
  for (const x of data) peak = Math.max(peak, Math.abs(x));
  return computeQuantErrorBound(computeQuantParams(data, bits)) + peak * 2 ** -23;
}

function maxError(a: Float32Array, b: Float32Array): number {
  expect(b.length).toBe(a.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/**
 * Checks every decoded value against the documented bound. A rebuilt layer inherits the bound of
 * the tensor it is rebuilt from (max-pool and identity of a stored layer, probes, exact predictions).
 */
function expectWithinBounds(original: Recording, decoded: Recording, activationBits: QuantBits, weightBits: QuantBits): void {
  const { network, probes } = original;
  probes.inputs.forEach((input, p) => expect(maxError(input, decoded.probes.inputs[p]!)).toBeLessThanOrEqual(bound(input, 16)));
  original.epochs.forEach((epoch, e) => {
    const got = decoded.epochs[e]!;
    expect(got.epoch).toBe(epoch.epoch);
    expect(got.metrics).toEqual(epoch.metrics);
    epoch.weights.forEach((layerWeights, l) =>
      layerWeights.forEach((tensor, w) => {
        expect(got.weights[l]![w]!.shape).toEqual(tensor.shape);
        expect(maxError(tensor.data, got.weights[l]![w]!.data)).toBeLessThanOrEqual(bound(tensor.data, weightBits));
      }),
    );
    epoch.predictions.forEach((prediction, p) => expect(got.predictions[p]).toEqual(prediction));
    const sources = chooseActivationSources(network, epoch, probes.inputs);
    const rootBound = (l: number, p: number): number => {
      const source = sources[l]!;
      if (source === 'stored') return bound(epoch.activations[l]![p]!, network.layers[l]!.kind === 'input' ? 16 : activationBits);
      if (source === 'probes') return bound(probes.inputs[p]!, 16);
      if (source === 'predictions') return 0;
      return rootBound(network.layers[l]!.inputs[0]!, p);
    };
    network.layers.forEach((_layer, l) =>
      epoch.activations[l]!.forEach((values, p) => {
        expect(maxError(values, got.activations[l]![p]!)).toBeLessThanOrEqual(rootBound(l, p));
      }),
    );
  });
}

describe('encodeRecording / decodeRecording round trip', () => {
  it('keeps a forward-pass recording of the default network within the quantisation bounds', () => {
    const recording = createForwardRecording(11, 3, 6);
    const decoded = decodeRecording(encodeRecording(recording));
    expect(decoded.network).toEqual(recording.network);
    expect(decoded.dataset).toEqual(recording.dataset);
    expect(decoded.probes.labels).toEqual(recording.probes.labels);
    expect(decoded.probes.inputShape).toEqual(recording.probes.inputShape);
    expect(decoded.probes.normalisation).toBe(recording.probes.normalisation);
    expectWithinBounds(recording, decoded, 8, 16);
    // Epoch 0 of the fixture has NaN train metrics ("not measured"); they survive JSON as NaN.
    expect(Number.isNaN(decoded.epochs[0]!.metrics.trainLoss)).toBe(true);
  });

  it('rebuilds input, pooling, flatten and softmax layers of the default network instead of storing them', () => {
    const recording = createForwardRecording(12, 2, 3);
    expect(chooseActivationSources(recording.network, recording.epochs[1]!, recording.probes.inputs)).toEqual([
      'probes', 'stored', 'max-pool', 'stored', 'max-pool', 'identity', 'stored', 'predictions',
    ]);
    // Pooling the decoded conv output equals decoding the pooled values: max commutes with monotonic quantisation.
    const decoded = decodeRecording(encodeRecording(recording));
    const conv = decoded.epochs[1]!.activations[3]![0]!;
    const pool = decoded.epochs[1]!.activations[4]![0]!;
    expect(pool[0]).toBe(Math.max(conv[0]!, conv[16]!, conv[11 * 16]!, conv[12 * 16]!));
  });

  it('stores every layer of a recording whose activations are independent random values, within bounds', () => {
    const recording = createRandomRecording(5, 3, 4, 0.5);
    expect(new Set(chooseActivationSources(recording.network, recording.epochs[0]!, recording.probes.inputs))).toEqual(new Set(['stored']));
    expectWithinBounds(recording, decodeRecording(encodeRecording(recording)), 8, 16);
  });

  it('keeps exact zeros exactly zero (dead ReLU units stay dead)', () => {
    const recording = createRandomRecording(6, 1, 2, 0.7);
    const decoded = decodeRecording(encodeRecording(recording));
    recording.epochs[0]!.activations.forEach((perProbe, l) =>
      perProbe.forEach((values, p) => values.forEach((x, i) => {
        if (x === 0) expect(decoded.epochs[0]!.activations[l]![p]![i]).toBe(0);
      })),
    );
  });

  it('honours 16-bit activations and 8-bit weights, with the tighter and looser bounds', () => {
    const recording = createRandomRecording(7, 2, 3, 0.3);
    const bytes8 = encodeRecording(recording, { activationBits: 8, weightBits: 8 });
    const bytes16 = encodeRecording(recording, { activationBits: 16, weightBits: 8 });
    expect(bytes16.length).toBeGreaterThan(bytes8.length);
    expectWithinBounds(recording, decodeRecording(bytes16), 16, 8);
    expectWithinBounds(recording, decodeRecording(bytes8), 8, 8);
  });

  it('round-trips a branched network with capped layers, same-padded strided pooling and an add', () => {
    const recording = createSmallRecording(8, 3, 4);
    const decoded = decodeRecording(encodeRecording(recording));
    expect(decoded.network).toEqual(recording.network);
    expect(decoded.epochs[0]!.activations[3]![0]!.length).toBe(3 * 5 * 8);
    expectWithinBounds(recording, decoded, 8, 16);
  });

  it('accepts a recording with no epochs yet (a live session before epoch 0) and an ArrayBuffer input', () => {
    const recording = { ...createSmallRecording(9, 1, 2), epochs: [] };
    const bytes = encodeRecording(recording);
    const copy = new ArrayBuffer(bytes.length);
    new Uint8Array(copy).set(bytes);
    expect(decodeRecording(copy).epochs).toEqual([]);
  });
});
