/**
 * The training loop, one batch at a time, so a caller can pause between any two batches.
 * The same trainer runs in node (tests, recorder) and in the Web Worker.
 *
 *   const trainer = createTrainer({ train, test });
 *   await trainer.snapshot();                  // epoch 0: the untrained network
 *   while (!trainer.trainBatch().epochComplete) {}
 *   await trainer.completeEpoch();             // epoch 1: metrics + snapshot
 */
import * as tf from '@tensorflow/tfjs';
import type { MnistSplit } from '../domain/mnist-format';
import type { NetworkDescription } from '../domain/network';
import type { DatasetInfo, EpochMetrics, EpochSnapshot, ProbeSet } from '../domain/recording';
import { createDefaultNetwork, MNIST_CLASS_NAMES } from './default-network';
import { describeModel } from './describe-model';
import { computeBatchLossSums, computeEvaluation } from './evaluate';
import { extractEpochSnapshot } from './extract-snapshot';
import { createBatchSource, createFixedSubset, createMnistProbeSet, DatasetError } from './mnist-batches';
import { computeTrainerOptions, TrainingError, type LiveTrainerOptions, type TrainerOptions } from './trainer-options';

export interface TrainerData {
  readonly train: MnistSplit;
  readonly test: MnistSplit;
}

export interface BatchResult {
  /** The epoch being trained (1 for the first). */
  readonly epoch: number;
  /** Batches done in this epoch, 1-based. */
  readonly batch: number;
  readonly batchesPerEpoch: number;
  readonly loss: number;
  readonly accuracy: number;
  /** Training throughput: samples / wall time of a step, smoothed over the last several batches (EMA, α = 0.2). */
  readonly samplesPerSecond: number;
  /** True after the epoch's last batch: call completeEpoch() before training more. */
  readonly epochComplete: boolean;
}

export interface Trainer {
  readonly network: NetworkDescription;
  readonly probes: ProbeSet;
  readonly dataset: DatasetInfo;
  readonly options: TrainerOptions;
  /** Completed epochs; 0 while the network is untrained. */
  readonly epoch: number;
  readonly samplesSeen: number;
  readonly model: tf.LayersModel;
  /** The current state as epoch `epoch` (use it for epoch 0; train metrics are NaN before any batch). */
  snapshot(): Promise<EpochSnapshot>;
  trainBatch(): BatchResult;
  /** Measures test metrics, extracts the snapshot and starts the next epoch. */
  completeEpoch(): Promise<EpochSnapshot>;
  /** Learning rate applies at once; batch size and epoch size from the next epoch. */
  setOptions(options: Partial<LiveTrainerOptions>): void;
  dispose(): void;
}

export interface CreateTrainerConfig {
  readonly options?: Partial<TrainerOptions>;
  /** Builds the (uncompiled) model from the seed; default: the default MNIST network. */
  readonly createModel?: (seed: number) => tf.LayersModel;
}

export function createTrainer(data: TrainerData, config: CreateTrainerConfig = {}): Trainer {
  let options = computeTrainerOptions(config.options);
  const { train, test } = data;
  if (train.rows !== test.rows || train.cols !== test.cols) {
    throw new DatasetError(`train images are ${train.rows}x${train.cols} but test images ${test.rows}x${test.cols}`);
  }
  const inputShape = [train.rows, train.cols, 1];
  const model = (config.createModel ?? createDefaultNetwork)(options.seed);
  const modelInput = model.inputs[0]!.shape.slice(1);
  if (modelInput.join(',') !== inputShape.join(',')) {
    model.dispose();
    throw new DatasetError(`the model expects [${modelInput.join(', ')}] inputs, the data is [${inputShape.join(', ')}]`);
  }
  const classes = model.outputs[0]!.shape[1] ?? 0;
  const { network } = describeModel(model, { classNames: classes === 10 ? MNIST_CLASS_NAMES : undefined });
  const probes = createMnistProbeSet(test);
  const testSubset = createFixedSubset(test, options.testSamples);
  // Data order is seeded separately from the initialisers (a different stream of the same seed).
  const batches = createBatchSource(train, (options.seed ^ 0x9e3779b9) >>> 0);
  const optimizer = tf.train.adam(options.learningRate);

  let epochOptions = options; // batch size and epoch size are fixed within an epoch
  let epoch = 0;
  let samplesSeen = 0;
  let batchInEpoch = 0;
  let samplesInEpoch = 0;
  let lossSum = 0;
  let correctSum = 0;
  let disposed = false;
  let throughput = 0;

  const batchesPerEpoch = () => Math.ceil(epochOptions.samplesPerEpoch / epochOptions.batchSize);
  const dataset = (): DatasetInfo => ({
    name: 'MNIST',
    trainSize: train.count,
    testSize: test.count,
    samplesPerEpoch: epochOptions.samplesPerEpoch,
  });

  function checkAlive(): void {
    if (disposed) throw new TrainingError('training-failed', 'this trainer was disposed');
  }

  function computeMetrics(): EpochMetrics {
    const evaluation = computeEvaluation(model, testSubset, inputShape);
    return {
      trainLoss: samplesInEpoch > 0 ? lossSum / samplesInEpoch : Number.NaN,
      trainAccuracy: samplesInEpoch > 0 ? correctSum / samplesInEpoch : Number.NaN,
      testLoss: evaluation.loss,
      testAccuracy: evaluation.accuracy,
      samplesSeen,
    };
  }

  return {
    network,
    probes,
    get dataset() {
      return dataset();
    },
    get options() {
      return options;
    },
    get epoch() {
      return epoch;
    },
    get samplesSeen() {
      return samplesSeen;
    },
    model,

    snapshot() {
      checkAlive();
      return extractEpochSnapshot(model, network, probes, epoch, computeMetrics());
    },

    trainBatch() {
      checkAlive();
      const total = batchesPerEpoch();
      if (batchInEpoch >= total) throw new TrainingError('training-failed', 'the epoch is complete: call completeEpoch() first');
      // The last batch of an epoch may be short so that an epoch is exactly samplesPerEpoch samples.
      const size = Math.min(epochOptions.batchSize, epochOptions.samplesPerEpoch - samplesInEpoch);
      const started = performance.now();
      const batch = batches.next(size);
      const kept: { sums?: tf.Tensor } = {};
      tf.tidy(() => {
        const x = tf.tensor(batch.images, [size, ...inputShape]);
        const labels = tf.tensor1d(batch.labels, 'int32');
        optimizer.minimize(() => {
          const predictions = model.apply(x, { training: true }) as tf.Tensor;
          const [loss, correct] = computeBatchLossSums(predictions, labels, classes);
          kept.sums = tf.keep(tf.stack([loss, correct]));
          return tf.div(loss, size) as tf.Scalar;
        });
      });
      const values = kept.sums!.dataSync();
      kept.sums!.dispose();
      const elapsed = performance.now() - started;
      const loss = values[0]! / size;
      if (!Number.isFinite(loss)) throw new TrainingError('training-failed', `the loss became ${loss} at epoch ${epoch + 1}, batch ${batchInEpoch + 1}`);
      const instant = (size * 1000) / Math.max(elapsed, 1e-3);
      throughput = throughput === 0 ? instant : throughput * 0.8 + instant * 0.2;
      batchInEpoch++;
      samplesInEpoch += size;
      samplesSeen += size;
      lossSum += values[0]!;
      correctSum += values[1]!;
      return {
        epoch: epoch + 1,
        batch: batchInEpoch,
        batchesPerEpoch: total,
        loss,
        accuracy: values[1]! / size,
        samplesPerSecond: throughput,
        epochComplete: batchInEpoch === total,
      };
    },

    async completeEpoch() {
      checkAlive();
      if (batchInEpoch < batchesPerEpoch()) {
        throw new TrainingError('training-failed', `epoch ${epoch + 1} has ${batchesPerEpoch() - batchInEpoch} batches left`);
      }
      epoch++;
      const snapshot = await extractEpochSnapshot(model, network, probes, epoch, computeMetrics());
      batchInEpoch = 0;
      samplesInEpoch = 0;
      lossSum = 0;
      correctSum = 0;
      epochOptions = options;
      return snapshot;
    },

    setOptions(partial) {
      const { samplesPerEpoch, batchSize, learningRate } = partial;
      options = computeTrainerOptions({ samplesPerEpoch, batchSize, learningRate }, options);
      // AdamOptimizer reads this field on every step; replacing the optimiser would lose its moments.
      (optimizer as unknown as { learningRate: number }).learningRate = options.learningRate;
      if (batchInEpoch === 0) epochOptions = options;
    },

    dispose() {
      if (disposed) return;
      disposed = true;
      optimizer.dispose();
      model.dispose();
    },
  };
}
