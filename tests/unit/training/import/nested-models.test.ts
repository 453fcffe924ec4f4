import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importModel } from '../../../../src/training/import/import-model';
import { computeBatch, createModelFiles, saveModel } from './model-files';

/** Models used as layers (transfer learning) are inlined: every inner layer is drawn and recorded. */

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function importAndCompare(model: tf.LayersModel): Promise<string[]> {
  const saved = await saveModel(model);
  const before = tf.memory().numTensors;
  const { recording } = await importModel({ kind: 'files', files: createModelFiles(saved) });
  expect(tf.memory().numTensors).toBe(before);
  const direct = tf.tidy(() => (model.predict(computeBatch(recording.probes.inputs, recording.probes.inputShape)) as tf.Tensor).dataSync());
  const classes = recording.epochs[0]!.predictions[0]!.length;
  recording.epochs[0]!.predictions.forEach((prediction, p) => prediction.forEach((v, i) => expect(v).toBeCloseTo(direct[p * classes + i]!, 6)));
  const { layers } = recording.network;
  for (const layer of layers) for (const input of layer.inputs) expect(input).toBeLessThan(layer.id);
  return layers.map((l) => `${l.name}<${l.inputs.map((id) => layers[id]!.name).join('+')}`);
}

describe('nested models', () => {
  it('inlines a functional base inside a Sequential', async () => {
    const input = tf.input({ shape: [6, 6, 3], name: 'base_in' });
    const a = tf.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same', name: 'base_a' }).apply(input) as tf.SymbolicTensor;
    const b = tf.layers.conv2d({ filters: 2, kernelSize: 1, name: 'base_b' }).apply(input) as tf.SymbolicTensor;
    const base = tf.model({ inputs: input, outputs: tf.layers.add({ name: 'base_add' }).apply([a, b]) as tf.SymbolicTensor, name: 'base' });
    const outer = tf.sequential({
      layers: [tf.layers.inputLayer({ inputShape: [6, 6, 3], name: 'outer_in' }), base, tf.layers.flatten({ name: 'fl' }), tf.layers.dense({ units: 2, activation: 'softmax', name: 'head' })],
    });
    expect(await importAndCompare(outer)).toEqual(['outer_in<', 'base_a<outer_in', 'base_b<outer_in', 'base_add<base_a+base_b', 'fl<base_add', 'head<fl']);
    outer.dispose();
  });

  it('inlines a Sequential base called from a functional model', async () => {
    const base = tf.sequential({
      name: 'seq_base',
      layers: [tf.layers.conv2d({ inputShape: [6, 6, 1], filters: 3, kernelSize: 3, name: 'sb_conv' }), tf.layers.globalAveragePooling2d({ name: 'sb_gap' })],
    });
    const x = tf.input({ shape: [6, 6, 1], name: 'img' });
    const features = base.apply(x) as tf.SymbolicTensor;
    const outer = tf.model({ inputs: x, outputs: tf.layers.dense({ units: 4, activation: 'softmax', name: 'cls' }).apply(features) as tf.SymbolicTensor });
    expect(await importAndCompare(outer)).toEqual(['img<', 'sb_conv<img', 'sb_gap<sb_conv', 'cls<sb_gap']);
    outer.dispose();
  });

  it('inlines a Sequential inside a Sequential without an InputLayer', async () => {
    const base = tf.sequential({ name: 'inner', layers: [tf.layers.dense({ inputShape: [9], units: 5, activation: 'relu', name: 'in_dense' })] });
    const outer = tf.sequential({ layers: [base, tf.layers.dense({ units: 3, activation: 'softmax', name: 'out_dense' })] });
    expect(await importAndCompare(outer)).toEqual(['inner_input<', 'in_dense<inner_input', 'out_dense<in_dense']);
    outer.dispose();
  });
});
