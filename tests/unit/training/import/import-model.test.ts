import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeShapeSize } from '../../../../src/domain/network';
import type { Recording } from '../../../../src/domain/recording';
import { importModel } from '../../../../src/training/import/import-model';
import { computeBatch, createMemoryFetch, createMemoryFile, createModelFiles, saveModel } from './model-files';
import { createMnistCnn, createResidualNet, createRgbNet } from './model-builders';

const MNIST_TEST = new URL('../../../../assets/generated/mnist/mnist-test.bin', import.meta.url);
const loadMnistTest = async (): Promise<Uint8Array> => new Uint8Array(await readFile(MNIST_TEST));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Every layer's recorded activations and the predictions equal the original model's own outputs. */
function expectSameOutputs(recording: Recording, original: tf.LayersModel, epoch = 0): void {
  const { network, probes } = recording;
  const snapshot = recording.epochs[epoch]!;
  const x = computeBatch(probes.inputs, probes.inputShape);
  for (const layer of network.layers) {
    if (layer.kind === 'input' || layer.cap) continue;
    const expected = tf.tidy(() => {
      const source = original.getLayer(layer.name);
      const sub = tf.model({ inputs: original.inputs, outputs: source.inboundNodes[0]!.outputTensors[0]! });
      return (sub.predict(x) as tf.Tensor).dataSync();
    });
    const size = computeShapeSize(layer.outputShape);
    snapshot.activations[layer.id]!.forEach((recorded, p) => {
      expect(recorded.length).toBe(size);
      let worst = 0;
      for (let i = 0; i < size; i++) worst = Math.max(worst, Math.abs(recorded[i]! - expected[p * size + i]!));
      expect(worst, `${layer.name} probe ${p}`).toBeLessThan(1e-5);
    });
  }
  const direct = tf.tidy(() => (original.predict(x) as tf.Tensor).dataSync());
  const classes = snapshot.predictions[0]!.length;
  snapshot.predictions.forEach((prediction, p) => prediction.forEach((v, i) => expect(v).toBeCloseTo(direct[p * classes + i]!, 6)));
  x.dispose();
}

describe('importModel', () => {
  it('imports the default MNIST CNN from dropped files, with MNIST probes', async () => {
    const original = createMnistCnn();
    const saved = await saveModel(original, 'group1', 2);
    const progress: [number, string][] = [];
    const before = tf.memory().numTensors;
    const { recording, notices } = await importModel(
      { kind: 'files', files: createModelFiles(saved) },
      { loadMnistTest, onProgress: (fraction, label) => progress.push([fraction, label]) },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(recording.network.layers.map((l) => l.kind)).toEqual(['input', 'conv2d', 'max-pool2d', 'conv2d', 'max-pool2d', 'flatten', 'dense', 'dense']);
    expect(recording.network.classNames).toHaveLength(10);
    expect(recording.probes.inputs).toHaveLength(20);
    expect(recording.probes.labels).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
    expect(recording.probes.normalisation).toBe('0..1');
    expect(recording.epochs).toHaveLength(1);
    expect(notices.some((n) => n.startsWith('Probes: 20 MNIST test images'))).toBe(true);
    expect(progress[0]![0]).toBe(0);
    expect(progress[progress.length - 1]).toEqual([1, 'done']);
    for (let i = 1; i < progress.length; i++) expect(progress[i]![0]).toBeGreaterThanOrEqual(progress[i - 1]![0]);
    expectSameOutputs(recording, original);
    original.dispose();
  });

  it('imports a functional net with a residual Add and a Concatenate, shown with its branches', async () => {
    const original = createResidualNet();
    const saved = await saveModel(original);
    const labels = createMemoryFile('labels.txt', 'cat\ndog\nbird\n');
    const { recording, notices } = await importModel({ kind: 'files', files: [...createModelFiles(saved, 'run/'), labels] });
    const { network } = recording;
    const names = (ids: readonly number[]): string[] => ids.map((id) => network.layers[id]!.name);
    const add = network.layers.find((l) => l.kind === 'add')!;
    const concat = network.layers.find((l) => l.kind === 'concatenate')!;
    expect(names(add.inputs).sort()).toEqual(['res_bn', 'stem']);
    expect(names(concat.inputs)).toEqual(['res_relu', 'side_dw']);
    expect(concat.outputShape).toEqual([8, 8, 12]);
    expect(network.classNames).toEqual(['cat', 'dog', 'bird']);
    expect(notices).toContain('Shown as generic blocks (their outputs are drawn, their math is not explained): leaky (LeakyReLU)');
    expect(recording.probes.inputs).toHaveLength(6); // generated patterns: not MNIST-shaped, no images
    expectSameOutputs(recording, original);
    original.dispose();
  });

  it('imports a 64x64x3 RGB net with dropped images normalised -1..1', async () => {
    const original = createRgbNet();
    const saved = await saveModel(original);
    const images = [createMemoryFile('red.png', new Uint8Array([1])), createMemoryFile('ramp.png', new Uint8Array([2]))];
    const decodeImage = async (file: { name: string }): Promise<{ width: number; height: number; data: Uint8ClampedArray }> => {
      const width = 32;
      const height = 16;
      const data = new Uint8ClampedArray(width * height * 4);
      for (let p = 0; p < width * height; p++) {
        data.set(file.name === 'red.png' ? [255, 0, 0, 255] : [(p % width) * 8, 128, 0, 255], p * 4);
      }
      return { width, height, data };
    };
    const { recording, notices } = await importModel({ kind: 'files', files: [...createModelFiles(saved), ...images] }, { decodeImage, normalisation: '-1..1' });
    expect(recording.probes.inputShape).toEqual([64, 64, 3]);
    expect(recording.probes.normalisation).toBe('-1..1');
    expect(recording.probes.inputs).toHaveLength(2);
    expect(Array.from(recording.probes.inputs[0]!.subarray(0, 3))).toEqual([1, -1, -1]);
    expect(notices.some((n) => n.includes('2 of your images') && n.includes('normalised -1..1'))).toBe(true);
    expect(recording.network.layers[0]).toMatchObject({ kind: 'input', outputShape: [64, 64, 3] });
    expectSameOutputs(recording, original);
    original.dispose();
  });

  it('turns several checkpoints into epochs in natural name order', async () => {
    const model = createMnistCnn();
    const savedEarly = await saveModel(model, 'epoch-2');
    const kernel = model.layers[0]!.getWeights();
    const changed = kernel.map((w) => tf.mul(w, -1));
    model.layers[0]!.setWeights(changed);
    tf.dispose(changed);
    const savedLate = await saveModel(model, 'epoch-10');
    const files = [...createModelFiles(savedLate, '', 'epoch-10.json'), ...createModelFiles(savedEarly, '', 'epoch-2.json')];
    const { recording, notices } = await importModel({ kind: 'files', files }, { loadMnistTest });
    expect(recording.epochs.map((e) => e.epoch)).toEqual([0, 1]);
    const first = recording.epochs[0]!.weights[1]![0]!.data;
    const second = recording.epochs[1]!.weights[1]![0]!.data;
    expect(second[0]).toBeCloseTo(-first[0]!, 6);
    expect(Array.from(second)).toEqual(Array.from(model.layers[0]!.getWeights()[0]!.dataSync()));
    expect(notices).toContain('2 checkpoints became epochs 0..1: epoch-2.json, epoch-10.json');
    expectSameOutputs(recording, model, 1);
    model.dispose();
  });

  it('loads from URLs with shards relative to model.json, and labels from a URL', async () => {
    const original = createMnistCnn();
    const saved = await saveModel(original);
    const served = new Map<string, Uint8Array | string>([
      ['https://example.org/models/mnist/model.json', JSON.stringify({ ...saved.json, weightsManifest: [{ ...saved.json.weightsManifest[0]!, paths: ['weights/group1-shard1of1.bin'] }] })],
      ['https://example.org/models/mnist/weights/group1-shard1of1.bin', saved.shards.get('group1-shard1of1.bin')!],
      ['https://example.org/labels.json', JSON.stringify(['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'])],
    ]);
    const { recording } = await importModel(
      { kind: 'urls', modelUrls: ['https://example.org/models/mnist/model.json'], labelsUrl: 'https://example.org/labels.json' },
      { fetch: createMemoryFetch(served), loadMnistTest },
    );
    expect(recording.network.classNames[9]).toBe('nine');
    expectSameOutputs(recording, original);
    original.dispose();
  });
});

describe('importModel with quantised weights', () => {
  it('reads uint8-quantised shards (tensorflowjs_converter --quantize_uint8)', async () => {
    const original = createResidualNet();
    const saved = await saveModel(original);
    const floats = saved.shards.get('group1-shard1of1.bin')!;
    const view = new Float32Array(floats.buffer, floats.byteOffset, floats.byteLength / 4);
    const weights = saved.json.weightsManifest[0]!.weights as { name: string; shape: number[]; dtype: string; quantization?: unknown }[];
    const bytes: number[] = [];
    const dequantised: number[][] = [];
    let offset = 0;
    for (const weight of weights) {
      const size = weight.shape.reduce((a, b) => a * b, 1);
      const values = view.subarray(offset, offset + size);
      offset += size;
      const min = Math.min(...values);
      const scale = (Math.max(...values) - min) / 255 || 1;
      const q = Array.from(values, (v) => Math.round((v - min) / scale));
      bytes.push(...q);
      dequantised.push(q.map((v) => v * scale + min));
      weight.quantization = { dtype: 'uint8', scale, min };
    }
    saved.shards.set('group1-shard1of1.bin', Uint8Array.from(bytes));
    const { recording } = await importModel({ kind: 'files', files: createModelFiles(saved) });
    const stem = recording.network.layers.find((l) => l.name === 'stem')!;
    const kernel = recording.epochs[0]!.weights[stem.id]![0]!.data;
    const expected = dequantised[weights.findIndex((w) => w.name.startsWith('stem/kernel'))]!;
    kernel.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    original.dispose();
  });
});
