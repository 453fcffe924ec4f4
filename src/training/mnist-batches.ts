/**
 * MNIST as the trainer consumes it: shuffled training batches (seeded, reshuffled on every pass),
 * a fixed test subset for metrics, and the fixed probe set (the first two test digits of each class).
 */
import type { MnistSplit } from '../domain/mnist-format';
import type { ProbeSet } from '../domain/recording';
import { computeShuffle, createSeededRandom, type RandomSource } from '../core/seeded-random';

export class DatasetError extends Error {
  override name = 'DatasetError';
}

export interface Batch {
  /** [size, rows, cols, 1] pixels in 0..1. */
  readonly images: Float32Array;
  readonly labels: Int32Array;
  readonly size: number;
}

export interface BatchSource {
  /** Fills and returns the next batch of `size` samples (views into reused buffers: copy to keep). */
  next(size: number): Batch;
}

/** Shuffled batches over a split; a new seeded permutation every time the split is used up. */
export function createBatchSource(split: MnistSplit, seed: number): BatchSource {
  if (split.count === 0) throw new DatasetError('the training split is empty');
  const pixels = split.rows * split.cols;
  const random: RandomSource = createSeededRandom(seed);
  const order = new Int32Array(split.count);
  for (let i = 0; i < order.length; i++) order[i] = i;
  computeShuffle(order, random);
  let cursor = 0;
  let images = new Float32Array(0);
  let labels = new Int32Array(0);
  return {
    next(size) {
      if (images.length !== size * pixels) {
        images = new Float32Array(size * pixels);
        labels = new Int32Array(size);
      }
      for (let b = 0; b < size; b++) {
        if (cursor === order.length) {
          computeShuffle(order, random);
          cursor = 0;
        }
        const index = order[cursor++]!;
        labels[b] = split.labels[index]!;
        const from = index * pixels;
        const to = b * pixels;
        for (let p = 0; p < pixels; p++) images[to + p] = split.images[from + p]! / 255;
      }
      return { images, labels, size };
    },
  };
}

/** The first `count` samples of a split (clamped), as one batch: a fixed evaluation subset. */
export function createFixedSubset(split: MnistSplit, count: number): Batch {
  const size = Math.min(count, split.count);
  const pixels = split.rows * split.cols;
  const images = new Float32Array(size * pixels);
  for (let i = 0; i < images.length; i++) images[i] = split.images[i]! / 255;
  return { images, labels: Int32Array.from(split.labels.subarray(0, size)), size };
}

/** Indices of the first `perClass` samples of each class 0..classes-1, grouped by class. */
export function computeProbeIndices(split: MnistSplit, perClass = 2, classes = 10): number[] {
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < split.count; i++) {
    const bucket = byClass[split.labels[i]!];
    if (bucket && bucket.length < perClass) bucket.push(i);
  }
  for (const [label, bucket] of byClass.entries()) {
    if (bucket.length < perClass) throw new DatasetError(`the test split has only ${bucket.length} samples of class ${label}`);
  }
  return byClass.flat();
}

/** The default probe set: two test digits per class, pixels scaled to 0..1. */
export function createMnistProbeSet(test: MnistSplit, perClass = 2): ProbeSet {
  const pixels = test.rows * test.cols;
  const indices = computeProbeIndices(test, perClass);
  return {
    inputShape: [test.rows, test.cols, 1],
    inputs: indices.map((index) => {
      const image = new Float32Array(pixels);
      for (let p = 0; p < pixels; p++) image[p] = test.images[index * pixels + p]! / 255;
      return image;
    }),
    labels: indices.map((index) => test.labels[index]!),
    normalisation: '0..1',
  };
}
