/**
 * Network descriptions for layout tests and the layout benchmark (no tfjs: built by hand, with the
 * shapes tfjs would report). Weights are seeded pseudo-random, so everything is deterministic.
 */
import type { LayerDescription, LayerKind, NetworkDescription, WeightSpec } from '../../../src/domain/network';
import type { TensorData } from '../../../src/domain/recording';
import { createSeededRandom } from '../../../src/core/seeded-random';

/** The shared seeded PRNG (mulberry32), under the name the tests use. */
export const createRandom = createSeededRandom;

type Spec = Omit<LayerDescription, 'id' | 'className' | 'weights' | 'inputs'> & { inputs?: number[]; weights?: WeightSpec[] };

/** Builds a network from specs; a spec without `inputs` reads the layer before it. */
export function buildNetwork(name: string, specs: readonly Spec[], classNames: string[] = []): NetworkDescription {
  const layers = specs.map((spec, id): LayerDescription => ({
    ...spec,
    id,
    className: spec.kind,
    inputs: spec.inputs ?? (id === 0 ? [] : [id - 1]),
    weights: spec.weights ?? [],
  }));
  return { name, layers, classNames };
}

export function conv(name: string, h: number, w: number, filters: number, inChannels: number, k = 3, extra: Partial<Spec> = {}): Spec {
  return {
    name,
    kind: 'conv2d' as LayerKind,
    outputShape: [h, w, filters],
    kernelSize: [k, k],
    strides: [1, 1],
    padding: 'valid',
    units: filters,
    activation: 'relu',
    weights: [
      { role: 'kernel', shape: [k, k, inChannels, filters] },
      { role: 'bias', shape: [filters] },
    ],
    ...extra,
  };
}

export function pool(name: string, h: number, w: number, c: number, extra: Partial<Spec> = {}): Spec {
  return { name, kind: 'max-pool2d', outputShape: [h, w, c], poolSize: [2, 2], strides: [2, 2], padding: 'valid', ...extra };
}

export function dense(name: string, units: number, inUnits: number, extra: Partial<Spec> = {}): Spec {
  return {
    name,
    kind: 'dense',
    outputShape: [units],
    units,
    activation: 'relu',
    weights: [
      { role: 'kernel', shape: [inUnits, units] },
      { role: 'bias', shape: [units] },
    ],
    ...extra,
  };
}

/** The default MNIST CNN: 28x28x1 → conv 8@26 → pool 8@13 → conv 16@11 → pool 16@5 → flatten 400 → 64 → 10. */
export function createMnistNetwork(): NetworkDescription {
  return buildNetwork(
    'mnist-cnn',
    [
      { name: 'input', kind: 'input', outputShape: [28, 28, 1] },
      conv('conv1', 26, 26, 8, 1),
      pool('pool1', 13, 13, 8),
      conv('conv2', 11, 11, 16, 8),
      pool('pool2', 5, 5, 16),
      { name: 'flatten', kind: 'flatten', outputShape: [400] },
      dense('dense1', 64, 400),
      dense('output', 10, 64, { activation: 'softmax' }),
    ],
    ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  );
}

/** A wide variant: 64 maps in the first conv and 128 in the second. */
export function createWideNetwork(): NetworkDescription {
  return buildNetwork('wide', [
    { name: 'input', kind: 'input', outputShape: [28, 28, 1] },
    conv('conv1', 26, 26, 64, 1),
    pool('pool1', 13, 13, 64),
    conv('conv2', 11, 11, 128, 64),
    pool('pool2', 5, 5, 128),
    { name: 'flatten', kind: 'flatten', outputShape: [3200] },
    dense('dense1', 128, 3200),
    dense('output', 10, 128, { activation: 'softmax' }),
  ]);
}

/** Two branches from the input (3x3 and 5x5 'same' convs, the second two deep) concatenated. */
export function createBranchedNetwork(): NetworkDescription {
  return buildNetwork('branched', [
    { name: 'input', kind: 'input', outputShape: [28, 28, 1] },
    conv('a1', 28, 28, 8, 1, 3, { inputs: [0], padding: 'same' }),
    conv('b1', 28, 28, 8, 1, 5, { inputs: [0], padding: 'same' }),
    conv('b2', 28, 28, 8, 8, 3, { inputs: [2], padding: 'same' }),
    { name: 'concat', kind: 'concatenate', outputShape: [28, 28, 16], inputs: [1, 3] },
    pool('pool', 14, 14, 16),
    { name: 'gap', kind: 'global-avg-pool2d', outputShape: [16] },
    dense('output', 10, 16, { activation: 'softmax' }),
  ]);
}

/** The benchmark's large network: 12 convs of 256 maps from 56x56 down to 7x7, then dense 4096, 4096, 1000. */
export function createLargeNetwork(): NetworkDescription {
  const specs: Spec[] = [{ name: 'input', kind: 'input', outputShape: [56, 56, 3] }];
  const sizes = [56, 56, 56, 28, 28, 28, 14, 14, 14, 7, 7, 7];
  let channels = 3;
  sizes.forEach((size, i) => {
    specs.push(conv(`conv${i + 1}`, size, size, 256, channels, 3, { padding: 'same' }));
    channels = 256;
  });
  specs.push({ name: 'flatten', kind: 'flatten', outputShape: [7 * 7 * 256] });
  specs.push(dense('fc1', 4096, 7 * 7 * 256), dense('fc2', 4096, 4096), dense('output', 1000, 4096, { activation: 'softmax' }));
  return buildNetwork('large', specs);
}


/** Seeded weights for every layer's weight specs, uniform in -1..1. */
export function createWeights(network: NetworkDescription, seed = 1): TensorData[][] {
  const random = createRandom(seed);
  return network.layers.map((layer) =>
    layer.weights.map((spec) => {
      const data = new Float32Array(spec.shape.reduce((a, d) => a * d, 1));
      for (let i = 0; i < data.length; i++) data[i] = random() * 2 - 1;
      return { shape: spec.shape, data };
    }),
  );
}
