/**
 * Networks and snapshots for render tests and the render benchmark, built without tfjs:
 * the default MNIST CNN and a synthetic large network (12 conv layers of 256 maps, dense 4096, 4096, 1000).
 */
import type { LayerDescription, LayerKind, NetworkDescription, WeightSpec } from '../../../src/domain/network';
import { computeShapeSize } from '../../../src/domain/network';
import type { EpochSnapshot, TensorData } from '../../../src/domain/recording';
import { createSeededRandom } from '../../../src/core/seeded-random';

/** The shared seeded PRNG (mulberry32), under the name the tests use. */
export const createRandom = createSeededRandom;

interface LayerSpec {
  name: string;
  kind: LayerKind;
  outputShape: number[];
  kernelSize?: [number, number];
  poolSize?: [number, number];
  activation?: string;
  units?: number;
  padding?: 'valid' | 'same';
  weights?: WeightSpec[];
}

function buildNetwork(name: string, specs: LayerSpec[], classNames: string[]): NetworkDescription {
  const layers: LayerDescription[] = specs.map((s, id) => ({
    id,
    name: s.name,
    kind: s.kind,
    className: s.kind,
    inputs: id === 0 ? [] : [id - 1],
    outputShape: s.outputShape,
    ...(s.kernelSize ? { kernelSize: s.kernelSize, strides: [1, 1] as [number, number], padding: s.padding ?? 'valid' } : {}),
    ...(s.poolSize ? { poolSize: s.poolSize, strides: s.poolSize, padding: 'valid' as const } : {}),
    ...(s.activation ? { activation: s.activation } : {}),
    ...(s.units ? { units: s.units } : {}),
    weights: s.weights ?? [],
  }));
  return { name, layers, classNames };
}

function conv(name: string, outputShape: number[], inChannels: number, padding: 'valid' | 'same' = 'valid'): LayerSpec {
  const filters = outputShape[2]!;
  return {
    name,
    kind: 'conv2d',
    outputShape,
    kernelSize: [3, 3],
    padding,
    activation: 'relu',
    units: filters,
    weights: [
      { role: 'kernel', shape: [3, 3, inChannels, filters] },
      { role: 'bias', shape: [filters] },
    ],
  };
}

function dense(name: string, inputs: number, units: number, activation: string): LayerSpec {
  return {
    name,
    kind: 'dense',
    outputShape: [units],
    activation,
    units,
    weights: [
      { role: 'kernel', shape: [inputs, units] },
      { role: 'bias', shape: [units] },
    ],
  };
}

/** input 28x28x1, conv 8@26x26, pool 8@13x13, conv 16@11x11, pool 16@5x5, flatten 400, dense 64, dense 10. */
export function createMnistNetwork(): NetworkDescription {
  return buildNetwork(
    'mnist-cnn',
    [
      { name: 'input', kind: 'input', outputShape: [28, 28, 1] },
      conv('conv1', [26, 26, 8], 1),
      { name: 'pool1', kind: 'max-pool2d', outputShape: [13, 13, 8], poolSize: [2, 2] },
      conv('conv2', [11, 11, 16], 8),
      { name: 'pool2', kind: 'max-pool2d', outputShape: [5, 5, 16], poolSize: [2, 2] },
      { name: 'flatten', kind: 'flatten', outputShape: [400] },
      dense('dense1', 400, 64, 'relu'),
      dense('output', 64, 10, 'softmax'),
    ],
    ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  );
}

/**
 * 32x32x3 input; three blocks of four 'same' 3x3 convs with 256 maps (32², 16², 8²), each block
 * followed by a 2x2 max pool; flatten 4096; dense 4096, 4096, 1000 (softmax).
 */
export function createLargeNetwork(): NetworkDescription {
  const specs: LayerSpec[] = [{ name: 'input', kind: 'input', outputShape: [32, 32, 3] }];
  let side = 32;
  let channels = 3;
  for (let block = 0; block < 3; block++) {
    for (let i = 0; i < 4; i++) {
      specs.push(conv(`conv${block + 1}_${i + 1}`, [side, side, 256], channels, 'same'));
      channels = 256;
    }
    side /= 2;
    specs.push({ name: `pool${block + 1}`, kind: 'max-pool2d', outputShape: [side, side, 256], poolSize: [2, 2] });
  }
  const flat = side * side * 256;
  specs.push({ name: 'flatten', kind: 'flatten', outputShape: [flat] });
  specs.push(dense('fc1', flat, 4096, 'relu'), dense('fc2', 4096, 4096, 'relu'), dense('predictions', 4096, 1000, 'softmax'));
  return buildNetwork('synthetic-large', specs, Array.from({ length: 1000 }, (_, i) => `class ${i}`));
}


export interface SnapshotOptions {
  probes?: number;
  /** Include weights (needed for edges); the large network's dense kernels are ~150 MB. */
  weights?: boolean;
}

/** A snapshot with random but plausible values: images in 0..1, ReLU outputs >= 0, softmax rows summing to 1. */
export function createSnapshot(network: NetworkDescription, epoch: number, options: SnapshotOptions = {}): EpochSnapshot {
  const probes = options.probes ?? 2;
  const random = createRandom(1000 + epoch * 7919);
  const weights: TensorData[][] = network.layers.map((layer) =>
    options.weights === false
      ? []
      : layer.weights.map((w) => {
          const data = new Float32Array(computeShapeSize(w.shape));
          for (let i = 0; i < data.length; i++) data[i] = (random() - 0.5) * 0.2;
          return { shape: w.shape, data };
        }),
  );
  const activations = network.layers.map((layer) =>
    Array.from({ length: probes }, () => {
      const data = new Float32Array(computeShapeSize(layer.outputShape));
      const relu = layer.activation === 'relu';
      for (let i = 0; i < data.length; i++) {
        const v = random() * 2 - 1 + epoch * 0.05;
        data[i] = layer.kind === 'input' ? random() : relu ? Math.max(0, v) : v;
      }
      if (layer.activation === 'softmax') {
        let sum = 0;
        for (let i = 0; i < data.length; i++) sum += data[i] = Math.exp(data[i]! * 3);
        for (let i = 0; i < data.length; i++) data[i]! /= sum;
      }
      return data;
    }),
  );
  const last = activations[activations.length - 1]!;
  return {
    epoch,
    metrics: { trainLoss: NaN, trainAccuracy: NaN, testLoss: NaN, testAccuracy: NaN, samplesSeen: epoch * 1000 },
    weights,
    activations,
    predictions: last,
  };
}
