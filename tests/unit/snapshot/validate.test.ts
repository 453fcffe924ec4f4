import { describe, expect, it } from 'vitest';
import type { EpochSnapshot, Recording } from '../../../src/domain/recording';
import { encodeRecording, validateRecording } from '../../../src/snapshot/index';
import { createForwardRecording } from './fixtures/synthetic-recording';
import { createSmallRecording } from './fixtures/small-network';
import { expectSnapshotError } from './fixtures/file-surgery';

const base = createForwardRecording(31, 5, 2);

function withEpoch(recording: Recording, index: number, edit: (e: EpochSnapshot) => EpochSnapshot): Recording {
  return { ...recording, epochs: recording.epochs.map((e, i) => (i === index ? edit(e) : e)) };
}

describe('validateRecording', () => {
  it('accepts consistent recordings', () => {
    expect(() => validateRecording(base)).not.toThrow();
    expect(() => validateRecording(createSmallRecording())).not.toThrow();
  });

  it('activations of the wrong length: message names epoch, layer, probe and both counts', () => {
    const bad = withEpoch(base, 3, (e) => ({ ...e, activations: e.activations.map((a, l) => (l === 1 ? [new Float32Array(5000), a[1]!] : a)) }));
    expectSnapshotError(() => validateRecording(bad), 'size-mismatch', /^epoch 3, layer conv2d_1 activations, probe 0: expected 5408 values, got 5000$/);
    // encodeRecording validates first: nothing inconsistent reaches the bytes.
    expectSnapshotError(() => encodeRecording(bad), 'size-mismatch');
  });

  it('weights whose shape differs from the network, or a missing weight tensor', () => {
    const shape = withEpoch(base, 0, (e) => ({ ...e, weights: e.weights.map((w, l) => (l === 1 ? [{ shape: [3, 3, 1, 9], data: new Float32Array(81) }, w[1]!] : w)) }));
    expectSnapshotError(() => validateRecording(shape), 'shape-mismatch', /layer conv2d_1 weight kernel: shape \[3, 3, 1, 9\], the network declares \[3, 3, 1, 8\]/);
    const missing = withEpoch(base, 0, (e) => ({ ...e, weights: e.weights.map((w, l) => (l === 6 ? [w[0]!] : w)) }));
    expectSnapshotError(() => validateRecording(missing), 'size-mismatch', /dense_1: 1 weight tensors, the network declares 2/);
  });

  it('NaN or Infinity in weights, activations, predictions, probes or metrics', () => {
    const nanWeights = withEpoch(base, 1, (e) => ({ ...e, weights: e.weights.map((w) => w.map((t) => ({ ...t, data: t.data.map(() => Number.NaN) }))) }));
    expectSnapshotError(() => validateRecording(nanWeights), 'non-finite', /epoch 1, layer conv2d_1 weight kernel: value 0 is NaN/);
    const infActivation = withEpoch(base, 2, (e) => {
      const a = e.activations[6]![1]!.slice();
      a[7] = Infinity;
      return { ...e, activations: e.activations.map((x, l) => (l === 6 ? [x[0]!, a] : x)) };
    });
    expectSnapshotError(() => validateRecording(infActivation), 'non-finite', /epoch 2, layer dense_1 activations, probe 1: value 7 is Infinity/);
    const nanPrediction = withEpoch(base, 0, (e) => ({ ...e, predictions: [e.predictions[0]!.map(() => Number.NaN), e.predictions[1]!] }));
    expectSnapshotError(() => validateRecording(nanPrediction), 'non-finite', /predictions, probe 0/);
    const probe = base.probes.inputs[0]!.slice();
    probe[3] = Number.NaN;
    expectSnapshotError(() => validateRecording({ ...base, probes: { ...base.probes, inputs: [probe, base.probes.inputs[1]!] } }), 'non-finite', /probe 0 input: value 3/);
    const metric = withEpoch(base, 4, (e) => ({ ...e, metrics: { ...e.metrics, testAccuracy: -Infinity } }));
    expectSnapshotError(() => validateRecording(metric), 'non-finite', /epoch 4: metric testAccuracy/);
    // NaN metrics mean "not measured" and are allowed.
    expect(() => validateRecording(withEpoch(base, 4, (e) => ({ ...e, metrics: { ...e.metrics, testLoss: Number.NaN } })))).not.toThrow();
  });

  it('layer inputs must refer to earlier layers; ids, names and kinds must be consistent', () => {
    const layers = base.network.layers;
    const net = (edit: (l: typeof layers) => typeof layers): Recording => ({ ...base, network: { ...base.network, layers: edit(layers) } });
    expectSnapshotError(() => validateRecording(net((l) => l.map((x) => (x.id === 3 ? { ...x, inputs: [4] } : x)))), 'bad-network', /layer 3 \(conv2d_2\): input 4 does not refer to an earlier layer/);
    expectSnapshotError(() => validateRecording(net((l) => l.map((x) => (x.id === 3 ? { ...x, inputs: [] } : x)))), 'bad-network', /only input layers may have no inputs/);
    expectSnapshotError(() => validateRecording(net((l) => l.map((x) => (x.id === 3 ? { ...x, id: 7 } : x)))), 'bad-network', /id is 7/);
    expectSnapshotError(() => validateRecording(net((l) => l.map((x) => (x.id === 3 ? { ...x, name: 'conv2d_1' } : x)))), 'bad-network', /used by an earlier layer/);
    expectSnapshotError(() => validateRecording(net((l) => l.map((x) => (x.id === 3 ? { ...x, outputShape: [11, 0, 16] } : x)))), 'shape-mismatch', /not a positive integer/);
    expectSnapshotError(() => validateRecording(net((l) => l.map((x) => (x.id === 3 ? { ...x, padding: 'full' as never } : x)))), 'bad-network', /padding/);
  });

  it('probe count and shape, epoch order', () => {
    expectSnapshotError(() => validateRecording({ ...base, probes: { ...base.probes, labels: [1] } }), 'size-mismatch', /2 probe inputs but 1 labels/);
    expectSnapshotError(() => validateRecording({ ...base, probes: { ...base.probes, inputShape: [27, 28, 1] } }), 'size-mismatch', /probe 0 input: expected 756 values/);
    const twoProbes = withEpoch(base, 2, (e) => ({ ...e, activations: e.activations.map((a) => [a[0]!]) }));
    expectSnapshotError(() => validateRecording(twoProbes), 'size-mismatch', /epoch 2, layer input activations: 1 probes, expected 2/);
    const order = { ...base, epochs: [base.epochs[0]!, base.epochs[2]!, base.epochs[1]!] };
    expectSnapshotError(() => validateRecording(order), 'epoch-order', /epoch 1 follows epoch 2/);
    const duplicate = { ...base, epochs: [base.epochs[0]!, base.epochs[0]!] };
    expectSnapshotError(() => validateRecording(duplicate), 'epoch-order');
  });
});
