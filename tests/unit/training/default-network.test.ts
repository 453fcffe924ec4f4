import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectTrainingBackend } from '../../../src/training/backend';
import { computeForwardMacs, createDefaultNetwork } from '../../../src/training/default-network';
import { computeBatchLossSums } from '../../../src/training/evaluate';
import { createBatchSource } from '../../../src/training/mnist-batches';
import { computeRelativeError, loadMnist, WASM_DIR } from './helpers';

/** Gradients of the mean cross-entropy on one MNIST batch, per weight, in layer order. */
function computeGradients(weights: Float32Array[], images: Float32Array, labels: Int32Array): Float32Array[] {
  const model = createDefaultNetwork(5);
  const values = model.weights.map((w, i) => tf.tensor(weights[i]!, w.shape as number[]));
  model.setWeights(values);
  tf.dispose(values);
  const result = tf.tidy(() => {
    const x = tf.tensor4d(images, [labels.length, 28, 28, 1]);
    const y = tf.tensor1d(labels, 'int32');
    const { grads } = tf.variableGrads(() => tf.div(computeBatchLossSums(model.apply(x) as tf.Tensor, y, 10)[0], labels.length) as tf.Scalar);
    return model.trainableWeights.map((w) => grads[(w.read() as tf.Variable).name]!.dataSync() as Float32Array);
  });
  model.dispose();
  return result;
}

describe('default network', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('has the readable layer names and shapes of the teaching network, and is reproducible from its seed', () => {
    const model = createDefaultNetwork(3);
    expect(model.layers.map((l) => l.name)).toEqual(['input', 'conv1', 'pool1', 'conv2', 'pool2', 'flatten', 'dense1', 'output']);
    expect(model.layers.map((l) => (l.outputShape as number[]).slice(1))).toEqual([[28, 28, 1], [26, 26, 8], [13, 13, 8], [11, 11, 16], [5, 5, 16], [400], [64], [10]]);
    expect(model.countParams()).toBe(27_562);
    // conv1 26·26·8·9 + conv2 11·11·16·72 + dense1 400·64 + output 64·10
    expect(computeForwardMacs(model)).toBe(48_672 + 139_392 + 25_600 + 640);
    const again = createDefaultNetwork(3);
    const other = createDefaultNetwork(4);
    const a = model.getWeights()[0]!.dataSync();
    expect(Array.from(again.getWeights()[0]!.dataSync())).toEqual(Array.from(a));
    expect(Array.from(other.getWeights()[0]!.dataSync())).not.toEqual(Array.from(a));
    for (const m of [model, again, other]) m.dispose();
  });

  it('trains on wasm with gradients equal to the stock cpu backend (every kernel of a step, 1e-4 relative)', async () => {
    const { train } = loadMnist();
    const batch = createBatchSource(train, 1).next(16);
    const images = batch.images.slice();
    const labels = batch.labels.slice();
    await tf.setBackend('cpu'); // stock cpu kernels: selectTrainingBackend has not replaced any yet
    const start = createDefaultNetwork(5);
    const weights = start.getWeights().map((w) => w.dataSync().slice() as Float32Array);
    start.dispose();
    const reference = computeGradients(weights, images, labels);
    expect((await selectTrainingBackend({ wasmPaths: WASM_DIR })).name).toBe('wasm');
    const before = tf.memory().numTensors;
    const actual = computeGradients(weights, images, labels);
    expect(tf.memory().numTensors).toBe(before);
    expect(actual).toHaveLength(8);
    const errors = actual.map((grad, i) => computeRelativeError(grad, reference[i]!));
    for (const error of errors) expect(error).toBeLessThan(1e-4);
  });
});
