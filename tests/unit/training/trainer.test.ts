import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectTrainingBackend } from '../../../src/training/backend';
import { computeProbeIndices } from '../../../src/training/mnist-batches';
import { createTrainer, type Trainer } from '../../../src/training/trainer';
import { TrainingError } from '../../../src/training/trainer-options';
import { loadMnist, WASM_DIR } from './helpers';

/** A deliberately tiny conv net: trains in milliseconds. */
function createTinyModel(seed: number): tf.LayersModel {
  const input = tf.input({ shape: [28, 28, 1], name: 'input' });
  const conv = tf.layers.conv2d({ name: 'conv', filters: 4, kernelSize: 5, strides: 3, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed }) }).apply(input);
  const flat = tf.layers.flatten({ name: 'flatten' }).apply(conv);
  const out = tf.layers.dense({ name: 'output', units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }).apply(flat);
  return tf.model({ inputs: input, outputs: out as tf.SymbolicTensor, name: 'tiny' });
}

async function trainEpoch(trainer: Trainer) {
  const losses: number[] = [];
  for (;;) {
    const result = trainer.trainBatch();
    losses.push(result.loss);
    if (result.epochComplete) break;
  }
  return { losses, snapshot: await trainer.completeEpoch() };
}

describe('trainer', () => {
  beforeAll(async () => {
    expect((await selectTrainingBackend({ wasmPaths: WASM_DIR })).name).toBe('wasm');
  });

  it('lowers the loss of a tiny model within a few batches', async () => {
    const trainer = createTrainer(loadMnist(), { createModel: createTinyModel, options: { samplesPerEpoch: 32 * 40, batchSize: 32, learningRate: 1e-2, testSamples: 300 } });
    const before = await trainer.snapshot();
    const { losses, snapshot } = await trainEpoch(trainer);
    expect(losses).toHaveLength(40);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(losses.slice(-8))).toBeLessThan(mean(losses.slice(0, 8)) * 0.6);
    expect(snapshot.metrics.testLoss).toBeLessThan(before.metrics.testLoss * 0.6);
    expect(snapshot.metrics.testAccuracy).toBeGreaterThan(before.metrics.testAccuracy + 0.3);
    trainer.dispose();
  });

  it('snapshots epoch 0 untrained, then each epoch with metrics, probes and every layer', async () => {
    const { test } = loadMnist();
    const trainer = createTrainer(loadMnist(), { options: { samplesPerEpoch: 96, batchSize: 32, testSamples: 200 } });
    const zero = await trainer.snapshot();
    expect(zero.epoch).toBe(0);
    expect(Number.isNaN(zero.metrics.trainLoss)).toBe(true);
    expect(zero.metrics.samplesSeen).toBe(0);
    expect(zero.metrics.testAccuracy).toBeLessThan(0.3);
    // Probes: the first two test digits of each class, in class order.
    const indices = computeProbeIndices(test);
    expect(trainer.probes.labels).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
    expect(indices.every((index, i) => test.labels[index] === trainer.probes.labels[i])).toBe(true);
    expect(zero.predictions).toHaveLength(20);
    expect(zero.activations).toHaveLength(trainer.network.layers.length);
    const { snapshot } = await trainEpoch(trainer);
    expect(snapshot.epoch).toBe(1);
    expect(snapshot.metrics.samplesSeen).toBe(96);
    expect(snapshot.metrics.trainLoss).toBeGreaterThan(0);
    expect(trainer.dataset).toMatchObject({ name: 'MNIST', trainSize: 60_000, testSize: 10_000, samplesPerEpoch: 96 });
    await expect(trainer.completeEpoch()).rejects.toBeInstanceOf(TrainingError);
    trainer.dispose();
  });

  it('leaves tf.memory().numTensors unchanged across an epoch plus snapshot extraction', async () => {
    const trainer = createTrainer(loadMnist(), { options: { samplesPerEpoch: 64, batchSize: 32, testSamples: 100 } });
    await trainEpoch(trainer); // the first step creates Adam's two moment variables per weight
    const before = tf.memory().numTensors;
    await trainEpoch(trainer);
    await trainer.snapshot();
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
  });

  it('is reproducible: the same seed gives the same weights after training; another seed does not', async () => {
    const run = async (seed: number) => {
      const trainer = createTrainer(loadMnist(), { options: { samplesPerEpoch: 64, batchSize: 32, testSamples: 50, seed } });
      const { snapshot } = await trainEpoch(trainer);
      trainer.dispose();
      return snapshot;
    };
    const [a, b, c] = [await run(7), await run(7), await run(8)];
    const conv1 = (s: typeof a) => Array.from(s.weights[1]![0]!.data);
    expect(conv1(b)).toEqual(conv1(a));
    expect(b.metrics).toEqual(a.metrics);
    expect(conv1(c)).not.toEqual(conv1(a));
  });

  it('applies a new batch size from the next epoch and rejects bad options with a clear message', async () => {
    const trainer = createTrainer(loadMnist(), { options: { samplesPerEpoch: 64, batchSize: 32, testSamples: 50 } });
    trainer.trainBatch();
    trainer.setOptions({ batchSize: 16, learningRate: 1e-3 });
    expect(trainer.trainBatch()).toMatchObject({ batch: 2, batchesPerEpoch: 2, epochComplete: true });
    await trainer.completeEpoch();
    expect(trainer.trainBatch()).toMatchObject({ batch: 1, batchesPerEpoch: 4 });
    expect(() => trainer.setOptions({ batchSize: 0 })).toThrow(/batchSize must be an integer/);
    expect(() => trainer.setOptions({ learningRate: Number.NaN })).toThrow(/learningRate/);
    expect(() => createTrainer(loadMnist(), { options: { batchSize: 64, samplesPerEpoch: 10 } })).toThrow(/samplesPerEpoch/);
    trainer.dispose();
  });
});
