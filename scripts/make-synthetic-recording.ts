/**
 * Synthetic recordings (no tfjs, no training): networks of a chosen shape with random but plausible
 * values, encoded with src/snapshot like a real recording. Used by the browser render tests (a
 * second, different network to load) and the frame benchmark (a tiny baseline network and the large
 * one of issue 4: 12 conv layers of 256 maps, 56x56 down to 7x7, dense 4096, 4096, 1000).
 *
 *   npx tsx scripts/make-synthetic-recording.ts <tiny|small|large> <out.lwrec>
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { LayerDescription, LayerKind, NetworkDescription, WeightSpec } from '../src/domain/network';
import { computeRecordedShape, computeShapeSize } from '../src/domain/network';
import type { EpochSnapshot, Recording, TensorData } from '../src/domain/recording';
import type { EncodeOptions } from '../src/snapshot/index';
import { encodeRecording } from '../src/snapshot/index';
import { createSeededRandom as createRandom } from '../src/core/seeded-random';

export type SyntheticKind = 'tiny' | 'small' | 'large';

interface LayerSpec {
  name: string;
  kind: LayerKind;
  outputShape: number[];
  kernelSize?: [number, number];
  poolSize?: [number, number];
  activation?: string;
  units?: number;
  weights?: WeightSpec[];
}

function conv(name: string, side: number, inChannels: number, filters: number): LayerSpec {
  return {
    name,
    kind: 'conv2d',
    outputShape: [side, side, filters],
    kernelSize: [3, 3],
    activation: 'relu',
    units: filters,
    weights: [
      { role: 'kernel', shape: [3, 3, inChannels, filters] },
      { role: 'bias', shape: [filters] },
    ],
  };
}

function pool(name: string, side: number, channels: number): LayerSpec {
  return { name, kind: 'max-pool2d', outputShape: [side, side, channels], poolSize: [2, 2] };
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

function buildNetwork(name: string, specs: LayerSpec[], classCount: number): NetworkDescription {
  const layers: LayerDescription[] = specs.map((s, id) => ({
    id,
    name: s.name,
    kind: s.kind,
    className: s.kind,
    inputs: id === 0 ? [] : [id - 1],
    outputShape: s.outputShape,
    // Convs keep their size ('same'); pools halve it (2x2, stride 2).
    ...(s.kernelSize ? { kernelSize: s.kernelSize, strides: [1, 1] as [number, number], padding: 'same' as const } : {}),
    ...(s.poolSize ? { poolSize: s.poolSize, strides: s.poolSize, padding: 'valid' as const } : {}),
    ...(s.activation ? { activation: s.activation } : {}),
    ...(s.units ? { units: s.units } : {}),
    weights: s.weights ?? [],
  }));
  return { name, layers, classNames: Array.from({ length: classCount }, (_, i) => `class ${i}`) };
}

/** The least network the app shows: an input image, flatten, two output units. A baseline for frame costs. */
export function createTinyNetwork(): NetworkDescription {
  return buildNetwork(
    'synthetic-tiny',
    [{ name: 'input', kind: 'input', outputShape: [4, 4, 1] }, { name: 'flatten', kind: 'flatten', outputShape: [16] }, dense('output', 16, 2, 'softmax')],
    2,
  );
}

/** A small CNN unlike the default one: 12x12x1, conv 4 maps, pool, conv 6 maps, flatten 54, dense 5. */
export function createSmallNetwork(): NetworkDescription {
  return buildNetwork(
    'synthetic-small',
    [
      { name: 'input', kind: 'input', outputShape: [12, 12, 1] },
      conv('conv_a', 12, 1, 4),
      pool('pool_a', 6, 4),
      conv('conv_b', 6, 4, 6),
      pool('pool_b', 3, 6),
      { name: 'flatten', kind: 'flatten', outputShape: [54] },
      dense('output', 54, 5, 'softmax'),
    ],
    5,
  );
}

/**
 * Issue 4's large network: 56x56x3 input; four blocks of three 'same' 3x3 convs with 256 maps
 * (56², 28², 14², 7²), a 2x2 max pool after each of the first three blocks; flatten 12544;
 * dense 4096, 4096, 1000 (softmax). 79M weights an epoch.
 */
export function createLargeNetwork(): NetworkDescription {
  const specs: LayerSpec[] = [{ name: 'input', kind: 'input', outputShape: [56, 56, 3] }];
  let side = 56;
  let channels = 3;
  for (let block = 0; block < 4; block++) {
    for (let i = 0; i < 3; i++) {
      specs.push(conv(`conv${block + 1}_${i + 1}`, side, channels, 256));
      channels = 256;
    }
    if (block < 3) {
      side /= 2;
      specs.push(pool(`pool${block + 1}`, side, channels));
    }
  }
  const flat = side * side * channels;
  specs.push({ name: 'flatten', kind: 'flatten', outputShape: [flat] });
  specs.push(dense('fc1', flat, 4096, 'relu'), dense('fc2', 4096, 4096, 'relu'), dense('predictions', 4096, 1000, 'softmax'));
  return buildNetwork('synthetic-large', specs, 1000);
}


function fillActivations(layer: LayerDescription, data: Float32Array, random: () => number, epoch: number, probeInput: Float32Array): void {
  if (layer.kind === 'input') {
    data.set(probeInput);
    return;
  }
  const relu = layer.activation === 'relu' || layer.kind === 'max-pool2d' || layer.kind === 'flatten';
  // Smooth blobs per map (a sine pattern whose phase moves with the epoch) plus noise, so maps
  // differ visibly between epochs, as trained ones do.
  const shape = computeRecordedShape(layer);
  const [h, w, c] = shape.length === 3 ? [shape[0]!, shape[1]!, shape[2]!] : [1, data.length, 1];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let ch = 0; ch < c; ch++) {
        const i = (y * w + x) * c + ch;
        const v = Math.sin(x * 0.4 + ch + epoch * 1.7) * Math.cos(y * 0.3 - ch * 0.5 + epoch) + (random() - 0.5) * 0.5;
        data[i] = relu ? Math.max(0, v) : v;
      }
    }
  }
  if (layer.activation === 'softmax') {
    let sum = 0;
    for (let i = 0; i < data.length; i++) sum += data[i] = Math.exp(data[i]! * 3);
    for (let i = 0; i < data.length; i++) data[i]! /= sum;
  }
}

function createEpoch(network: NetworkDescription, epoch: number, inputs: readonly Float32Array[], seed: number): EpochSnapshot {
  const random = createRandom(seed + epoch * 7919);
  const weights: TensorData[][] = network.layers.map((layer) =>
    layer.weights.map((spec) => {
      const data = new Float32Array(computeShapeSize(spec.shape));
      const scale = 0.2 / Math.sqrt(spec.shape[0] ?? 1);
      for (let i = 0; i < data.length; i++) data[i] = (random() - 0.5) * scale;
      return { shape: spec.shape, data };
    }),
  );
  const activations = network.layers.map((layer) =>
    inputs.map((input) => {
      const data = new Float32Array(computeShapeSize(computeRecordedShape(layer)));
      fillActivations(layer, data, random, epoch, input);
      return data;
    }),
  );
  const last = network.layers.length - 1;
  const accuracy = Math.min(0.99, 0.1 + epoch * 0.3);
  return {
    epoch,
    metrics: { trainLoss: epoch === 0 ? NaN : 1 / (epoch + 1), trainAccuracy: epoch === 0 ? NaN : accuracy, testLoss: 1 / (epoch + 1), testAccuracy: accuracy, samplesSeen: epoch * 1000 },
    weights,
    activations,
    predictions: activations[last]!.map((a) => a.slice()),
  };
}

export interface SyntheticOptions {
  epochs?: number;
  probes?: number;
  seed?: number;
}

/** A recording of `network` with `epochs` epochs (0..n-1) and `probes` probe inputs, all values random but valid. */
export function createSyntheticRecording(network: NetworkDescription, options: SyntheticOptions = {}): Recording {
  const { epochs = 2, probes = 2, seed = 1 } = options;
  const input = network.layers[0]!;
  const random = createRandom(seed);
  const inputs = Array.from({ length: probes }, () => {
    const data = new Float32Array(computeShapeSize(input.outputShape));
    for (let i = 0; i < data.length; i++) data[i] = random();
    return data;
  });
  return {
    network,
    dataset: { name: 'synthetic', trainSize: 1000, testSize: 100, samplesPerEpoch: 1000 },
    probes: { inputShape: input.outputShape, inputs, labels: inputs.map((_, i) => i % network.classNames.length), normalisation: '0..1' },
    epochs: Array.from({ length: epochs }, (_, e) => createEpoch(network, e, inputs, seed)),
  };
}

const NETWORKS: Record<SyntheticKind, () => NetworkDescription> = { tiny: createTinyNetwork, small: createSmallNetwork, large: createLargeNetwork };

/** Encoded bytes of a synthetic recording; the large one uses 8-bit weights (2 epochs: 160 MB instead of 320 MB). */
export function encodeSyntheticRecording(kind: SyntheticKind, options: SyntheticOptions = {}): Uint8Array {
  const recording = createSyntheticRecording(NETWORKS[kind](), options);
  const encode: EncodeOptions = kind === 'large' ? { weightBits: 8 } : {};
  return encodeRecording(recording, encode);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [kind, out] = process.argv.slice(2);
  if (!kind || !(kind in NETWORKS) || !out) {
    process.stderr.write('usage: tsx scripts/make-synthetic-recording.ts <tiny|small|large> <out.lwrec>\n');
    process.exit(2);
  }
  const bytes = encodeSyntheticRecording(kind as SyntheticKind);
  writeFileSync(out, bytes);
  process.stderr.write(`${out}: ${(bytes.length / 1e6).toFixed(2)} MB\n`);
}
