import * as tf from '@tensorflow/tfjs';
import { readFile, readdir } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Recording } from '../../../../src/domain/recording';
import { importModel } from '../../../../src/training/import/import-model';
import type { ImportFile } from '../../../../src/training/import/model-source';
import { computeFixtureWeight } from '../../../fixtures/models/fixture-weights';
import { computeBatch, createMemoryFile } from './model-files';

/** Hand-written model.json files in the old (Keras 2 converter) and new (Keras 3) formats, tests/fixtures/models/. */

const FIXTURES = new URL('../../../fixtures/models/', import.meta.url);
const MNIST_TEST = new URL('../../../../assets/generated/mnist/mnist-test.bin', import.meta.url);

async function readFixture(folder: string): Promise<ImportFile[]> {
  const dir = new URL(`${folder}/`, FIXTURES);
  const names = await readdir(dir);
  return Promise.all(names.map(async (name) => createMemoryFile(`${folder}/${name}`, new Uint8Array(await readFile(new URL(name, dir))))));
}

/** Sets a tfjs model's weights, in layer order, to the fixture values. */
function setFixtureWeights(model: tf.LayersModel, names: string[]): void {
  let index = 0;
  for (const layer of model.layers) {
    const values = layer.weights.map((w) => {
      const shape = w.shape as number[];
      return tf.tensor(computeFixtureWeight(index, names[index++]!, shape.reduce((a, b) => a * b, 1)), shape);
    });
    if (values.length > 0) layer.setWeights(values);
    tf.dispose(values);
  }
}

function expectPredictions(recording: Recording, reference: tf.LayersModel): void {
  const direct = tf.tidy(() => (reference.predict(computeBatch(recording.probes.inputs, recording.probes.inputShape)) as tf.Tensor).dataSync());
  const classes = recording.epochs[0]!.predictions[0]!.length;
  recording.epochs[0]!.predictions.forEach((prediction, p) => prediction.forEach((v, i) => expect(v).toBeCloseTo(direct[p * classes + i]!, 6)));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Keras converter formats', () => {
  it('loads an old Keras 2 converter Sequential (model_config, batch_input_shape, extension-less shard)', async () => {
    const files = await readFixture('keras2-sequential');
    const { recording } = await importModel({ kind: 'files', files }, { loadMnistTest: async () => new Uint8Array(await readFile(MNIST_TEST)) });
    expect(recording.network.layers.map((l) => `${l.name}:${l.kind}:${l.outputShape.join('x')}`)).toEqual([
      'conv2d_input:input:28x28x1',
      'conv2d:conv2d:26x26x4',
      'max_pooling2d:max-pool2d:13x13x4',
      'flatten:flatten:676',
      'dense:dense:10',
    ]);
    expect(recording.probes.inputs).toHaveLength(20);
    const reference = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    setFixtureWeights(reference, ['conv2d/kernel', 'conv2d/bias', 'dense/kernel', 'dense/bias']);
    expectPredictions(recording, reference);
    expect(Array.from(recording.epochs[0]!.weights[1]![0]!.data.subarray(0, 3))).toEqual(Array.from(computeFixtureWeight(0, 'k', 3)));
    reference.dispose();
  });

  it('loads a Keras 3 functional model (batch_shape, DTypePolicy, args/kwargs inbound nodes, scoped and numbered weight names)', async () => {
    const files = await readFixture('keras3-functional');
    const { recording, notices } = await importModel({ kind: 'files', files });
    const { network } = recording;
    expect(network.layers.map((l) => `${l.name}:${l.kind}`)).toEqual([
      'input_layer:input',
      'conv_a:conv2d',
      'bn_a:batch-norm',
      'conv_skip:conv2d',
      'add:add',
      'concatenate:concatenate',
      'pool:max-pool2d',
      'flatten:flatten',
      'dropout:dropout',
      'dense:dense',
    ]);
    const byName = new Map(network.layers.map((l) => [l.name, l]));
    const names = (ids: readonly number[]): string[] => ids.map((id) => network.layers[id]!.name);
    expect(names(byName.get('add')!.inputs)).toEqual(['bn_a', 'conv_skip']);
    expect(names(byName.get('concatenate')!.inputs)).toEqual(['add', 'input_layer']);
    expect(byName.get('concatenate')!.outputShape).toEqual([10, 10, 6]);
    expect(byName.get('conv_a')).toMatchObject({ padding: 'same', activation: 'relu', kernelSize: [3, 3] });
    expect(network.classNames).toEqual(['class 0', 'class 1', 'class 2']);
    expect(notices.some((n) => n.startsWith('Probes: 6 generated patterns'))).toBe(true);

    const input = tf.input({ shape: [10, 10, 2] });
    const convA = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(input) as tf.SymbolicTensor;
    const bn = tf.layers.batchNormalization().apply(convA) as tf.SymbolicTensor;
    const skip = tf.layers.conv2d({ filters: 4, kernelSize: 1 }).apply(input) as tf.SymbolicTensor;
    const add = tf.layers.add().apply([bn, skip]) as tf.SymbolicTensor;
    const cat = tf.layers.concatenate().apply([add, input]) as tf.SymbolicTensor;
    const pooled = tf.layers.maxPooling2d({ poolSize: 2 }).apply(cat) as tf.SymbolicTensor;
    const flat = tf.layers.flatten().apply(pooled) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(tf.layers.dropout({ rate: 0.2 }).apply(flat)) as tf.SymbolicTensor;
    const reference = tf.model({ inputs: input, outputs: out });
    // Layer order here (conv_a, bn, conv_skip, dense) matches the manifest's weight order.
    setFixtureWeights(reference, ['k', 'b', 'gamma', 'beta', 'mean', 'moving_variance', 'k', 'b', 'k', 'b']);
    expectPredictions(recording, reference);
    reference.dispose();
  });
});
