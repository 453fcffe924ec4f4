import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importModel } from '../../../../src/training/import/import-model';
import { ModelImportError } from '../../../../src/training/import/model-import-error';
import type { ModelImportErrorCode } from '../../../../src/training/import/model-import-error';
import type { ImportFile, ModelSource } from '../../../../src/training/import/model-source';
import { createMemoryFetch, createMemoryFile, createModelFiles, saveModel } from './model-files';
import type { SavedModel } from './model-files';
import { createMnistCnn, createResidualNet } from './model-builders';

let mnist: SavedModel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const model = createMnistCnn();
  mnist = await saveModel(model, 'group1', 2);
  model.dispose();
});

/** Imports and returns the ModelImportError it must fail with; also checks nothing leaked. */
async function expectImportError(source: ModelSource, code: ModelImportErrorCode, message: RegExp): Promise<ModelImportError> {
  const before = tf.memory().numTensors;
  const error = await importModel(source, { loadMnistTest: async () => new Uint8Array(0) }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelImportError);
  const typed = error as ModelImportError;
  expect(typed.code).toBe(code);
  expect(typed.message).toMatch(message);
  expect(tf.memory().numTensors).toBe(before);
  return typed;
}

function files(json: unknown, shards: Map<string, Uint8Array> = mnist.shards, jsonName = 'model.json'): ModelSource {
  const list: ImportFile[] = [createMemoryFile(jsonName, typeof json === 'string' ? json : JSON.stringify(json))];
  for (const [path, bytes] of shards) list.push(createMemoryFile(path, bytes));
  return { kind: 'files', files: list };
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('importModel errors', () => {
  it('bad JSON names the file', async () => {
    const error = await expectImportError(files('{"modelTopology": '), 'bad-json', /^model\.json is not valid JSON/);
    expect(error.fileName).toBe('model.json');
  });

  it('a graph model is refused with the fix', async () => {
    const graph = { format: 'graph-model', modelTopology: { node: [], versions: {} }, weightsManifest: [] };
    await expectImportError(files(graph, new Map(), 'graph.json'), 'not-layers-model', /graph\.json is a TensorFlow\.js graph model.*tfjs_layers_model/);
  });

  it('a JSON without modelTopology is not a LayersModel', async () => {
    await expectImportError(files({ hello: 1, world: [2] }), 'not-layers-model', /model\.json has no "modelTopology"/);
  });

  it('no model.json among the files', async () => {
    await expectImportError({ kind: 'files', files: [createMemoryFile('group1-shard1of2.bin', new Uint8Array(4))] }, 'no-model-json', /no model\.json among the files \(group1-shard1of2\.bin\)/);
  });

  it('two files with one name (checkpoints dropped without their folders) are refused', async () => {
    const source = files(mnist.json);
    const doubled: ModelSource = { kind: 'files', files: [...(source as Extract<ModelSource, { kind: 'files' }>).files, createMemoryFile('group1-shard1of2.bin', new Uint8Array(8))] };
    await expectImportError(doubled, 'duplicate-file', /^two files are both called group1-shard1of2\.bin: drop each checkpoint as its own folder/);
  });

  it('a missing shard is named', async () => {
    const shards = new Map(mnist.shards);
    shards.delete('group1-shard2of2.bin');
    const error = await expectImportError(files(mnist.json, shards), 'missing-shard', /^weights shard group1-shard2of2\.bin is missing: model\.json's weightsManifest names it$/);
    expect(error.fileName).toBe('group1-shard2of2.bin');
  });

  it('a shard of the wrong size is named with both sizes', async () => {
    const json = clone(mnist.json);
    const model = createResidualNet();
    const single = await saveModel(model);
    model.dispose();
    const bytes = single.shards.get('group1-shard1of1.bin')!;
    const truncated = new Map([['group1-shard1of1.bin', bytes.slice(0, 1000)]]);
    await expectImportError(files(single.json, truncated), 'shard-size', new RegExp(`^group1-shard1of1\\.bin is 1000 bytes, the manifest's weights need ${bytes.byteLength}$`));
    const longer = new Map([...mnist.shards].map(([path, b], i) => [path, i === 1 ? new Uint8Array(b.byteLength + 4) : b]));
    await expectImportError(files(json, longer), 'shard-size', /shards group1-shard1of2\.bin \+ group1-shard2of2\.bin are \d+ bytes together, the manifest's weights need \d+/);
  });

  it('a weight whose manifest shape differs from its layer names both shapes', async () => {
    // Kernel [3,3,1,8] -> [5,5,1,8] in the manifest, with the shard grown to match, so only the shape is wrong.
    const json = clone(mnist.json);
    const weights = json.weightsManifest[0]!.weights;
    const kernel = weights[0]!;
    const name = kernel.name;
    kernel.shape = [5, 5, 1, 8];
    const extra = (25 - 9) * 8 * 4;
    const shards = new Map([...mnist.shards].map(([path, b], i) => [path, i === 1 ? new Uint8Array(b.byteLength + extra) : b]));
    await expectImportError(files(json, shards), 'weight-shape', new RegExp(`^model\\.json: ${name} is \\[5,5,1,8\\] in the manifest but layer ".+" expects \\[3,3,1,8\\]$`));
  });

  it('a manifest without a weight the model needs, or with one it has no place for', async () => {
    const json = clone(mnist.json);
    const weights = json.weightsManifest[0]!.weights;
    const bias = weights.pop()!;
    const shards = new Map([...mnist.shards].map(([path, b], i) => [path, i === 1 ? b.slice(0, b.byteLength - 40) : b]));
    await expectImportError(files(json, shards), 'weight-shape', new RegExp(`the manifest has no values for ${bias.name}`));
    const renamed = clone(mnist.json);
    renamed.weightsManifest[0]!.weights[0]!.name = 'nowhere/kernel';
    await expectImportError(files(renamed), 'weight-shape', /the manifest's weight nowhere\/kernel belongs to no layer of the model/);
  });

  it('an input of rank 4 (per sample) or unknown size is refused', async () => {
    const volume = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [2, 3, 4, 5] }), tf.layers.dense({ units: 2 })] });
    const saved = await saveModel(volume);
    volume.dispose();
    await expectImportError(files(saved.json, saved.shards), 'unsupported-input', /model\.json: the model's input has rank 4 \(\[2, 3, 4, 5\]\)/);
    const open = tf.sequential({ layers: [tf.layers.conv2d({ inputShape: [null, null, 3] as unknown as number[], filters: 2, kernelSize: 3 }), tf.layers.globalAveragePooling2d({})] });
    const savedOpen = await saveModel(open);
    open.dispose();
    await expectImportError(files(savedOpen.json, savedOpen.shards), 'unsupported-input', /input shape \[None, None, 3\] has an unknown size/);
  });

  it('a model with two inputs is refused', async () => {
    const a = tf.input({ shape: [4] });
    const b = tf.input({ shape: [4] });
    const sum = tf.layers.add().apply([a, b]) as tf.SymbolicTensor;
    const model = tf.model({ inputs: [a, b], outputs: tf.layers.dense({ units: 2 }).apply(sum) as tf.SymbolicTensor });
    const saved = await saveModel(model);
    model.dispose();
    await expectImportError(files(saved.json, saved.shards), 'unsupported-input', /the model has 2 inputs/);
  });

  it('a layer class TensorFlow.js does not know is named', async () => {
    const json = clone(mnist.json) as unknown as { modelTopology: { config: { layers: { class_name: string }[] } } };
    json.modelTopology.config.layers[1]!.class_name = 'FancyPool';
    await expectImportError(files(json), 'load-failed', /^model\.json: layer ".+" is a FancyPool, which TensorFlow\.js cannot run/);
    // A config tfjs rejects after building earlier layers: its message is kept, and no variable leaks.
    const broken = clone(mnist.json) as unknown as { modelTopology: { config: { layers: { config: Record<string, unknown> }[] } } };
    broken.modelTopology.config.layers[2]!.config['filters'] = -3;
    broken.modelTopology.config.layers[2]!.config['kernel_size'] = 'wide';
    await expectImportError(files(broken), 'load-failed', /^model\.json: TensorFlow\.js cannot build this model: /);
  });

  it('a nested model called twice (shared) is refused by name', async () => {
    const base = tf.sequential({ name: 'shared_base', layers: [tf.layers.dense({ inputShape: [4], units: 3, name: 'sb_dense' })] });
    const x = tf.input({ shape: [4], name: 'x' });
    const twice = tf.layers.add({ name: 'sum' }).apply([base.apply(x) as tf.SymbolicTensor, base.apply(x) as tf.SymbolicTensor]) as tf.SymbolicTensor;
    const outer = tf.model({ inputs: x, outputs: twice });
    const saved = await saveModel(outer);
    outer.dispose();
    await expectImportError(files(saved.json, saved.shards), 'unsupported-model', /^model\.json: layer "shared_base" (is itself a model|is used 2 times)/);
  });

  it('a labels file that does not match the outputs names the labels file', async () => {
    const source = files(mnist.json);
    const withLabels: ModelSource = { kind: 'files', files: [...(source as Extract<ModelSource, { kind: 'files' }>).files, createMemoryFile('labels.txt', 'a\nb\nc')] };
    await expectImportError(withLabels, 'labels-mismatch', /^labels\.txt: the labels list has 3 names but the model's last layer ".+" has 10 outputs$/);
  });

  it('checkpoints of different architectures are refused', async () => {
    const other = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 5, activation: 'relu' }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    const saved = await saveModel(other, 'b');
    other.dispose();
    const source: ModelSource = { kind: 'files', files: [...createModelFiles(mnist, 'a/'), ...createModelFiles(saved, 'b/')] };
    // The MNIST probes are needed first: give them a real (tiny) MNIST file.
    const header = new Uint8Array(20 + 1 + 784);
    header.set([77, 78, 83, 84, 1, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28, 0, 0, 0]);
    const error = await importModel(source, { loadMnistTest: async () => header }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelImportError);
    expect((error as ModelImportError).code).toBe('architecture-mismatch');
    expect((error as ModelImportError).message).toMatch(/^b\/model\.json is not the same architecture as a\/model\.json: layer 1 is .*\[24,24,8\].* where the first checkpoint has .*\[26,26,8\]/);
  });

  it('URL sources: a 404 model.json and a 404 shard', async () => {
    const served = new Map<string, Uint8Array | string>([['https://x.test/m/model.json', JSON.stringify(mnist.json)], ['https://x.test/m/group1-shard1of2.bin', mnist.shards.get('group1-shard1of2.bin')!]]);
    const fetch = createMemoryFetch(served);
    const error = await importModel({ kind: 'urls', modelUrls: ['https://x.test/none/model.json'] }, { fetch }).catch((e: unknown) => e);
    expect((error as ModelImportError).code).toBe('fetch-failed');
    expect((error as ModelImportError).message).toBe('could not fetch https://x.test/none/model.json: HTTP 404');
    const shardError = await importModel({ kind: 'urls', modelUrls: ['https://x.test/m/model.json'] }, { fetch }).catch((e: unknown) => e);
    expect((shardError as ModelImportError).code).toBe('missing-shard');
    expect((shardError as ModelImportError).message).toBe(
      "weights shard group1-shard2of2.bin is missing: https://x.test/m/model.json's weightsManifest names it (HTTP 404 at https://x.test/m/group1-shard2of2.bin)",
    );
  });
});
