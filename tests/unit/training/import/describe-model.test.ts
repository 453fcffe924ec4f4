import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeWeightRole, describeModel } from '../../../../src/training/describe-model';
import { createMnistCnn, createResidualNet } from './model-builders';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('describeModel', () => {
  it('describes a Sequential MNIST CNN with an explicit input layer 0', () => {
    const model = createMnistCnn();
    const { network, genericLayers } = describeModel(model);
    expect(genericLayers).toEqual([]);
    expect(network.layers.map((l) => l.kind)).toEqual(['input', 'conv2d', 'max-pool2d', 'conv2d', 'max-pool2d', 'flatten', 'dense', 'dense']);
    expect(network.layers.map((l) => l.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(network.layers.map((l) => l.inputs)).toEqual([[], [0], [1], [2], [3], [4], [5], [6]]);
    expect(network.layers.map((l) => l.outputShape)).toEqual([[28, 28, 1], [26, 26, 8], [13, 13, 8], [11, 11, 16], [5, 5, 16], [400], [64], [10]]);
    const conv = network.layers[1]!;
    expect(conv).toMatchObject({ className: 'Conv2D', kernelSize: [3, 3], strides: [1, 1], padding: 'valid', dilation: [1, 1], activation: 'relu', units: 8 });
    expect(conv.weights).toEqual([{ role: 'kernel', shape: [3, 3, 1, 8] }, { role: 'bias', shape: [8] }]);
    expect(network.layers[2]).toMatchObject({ poolSize: [2, 2], strides: [2, 2], padding: 'valid' });
    expect(network.layers[7]).toMatchObject({ units: 10, activation: 'softmax' });
    expect(network.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    model.dispose();
  });

  it('describes branches and merges of a functional net', () => {
    const model = createResidualNet();
    const { network, genericLayers } = describeModel(model, { classNames: ['a', 'b', 'c'] });
    const byName = new Map(network.layers.map((l) => [l.name, l]));
    const add = byName.get('res_add')!;
    const concat = byName.get('cat')!;
    expect(add.kind).toBe('add');
    expect(add.inputs.map((id) => network.layers[id]!.name).sort()).toEqual(['res_bn', 'stem'].sort());
    expect(concat.kind).toBe('concatenate');
    expect(concat.outputShape).toEqual([8, 8, 12]);
    expect(concat.inputs.map((id) => network.layers[id]!.name)).toEqual(['res_relu', 'side_dw']);
    // Every layer comes after the layers feeding it.
    for (const layer of network.layers) for (const input of layer.inputs) expect(input).toBeLessThan(layer.id);
    expect(byName.get('res_bn')!.weights.map((w) => w.role)).toEqual(['gamma', 'beta', 'moving_mean', 'moving_variance']);
    expect(byName.get('res_relu')).toMatchObject({ kind: 'activation', activation: 'relu' });
    expect(byName.get('side_dw')).toMatchObject({ kind: 'depthwise-conv2d', units: 4, kernelSize: [3, 3], padding: 'same' });
    expect(byName.get('pad')).toMatchObject({ kind: 'zero-padding2d', zeroPadding: [[1, 1], [2, 2]] });
    expect(byName.get('gap')!.kind).toBe('global-avg-pool2d');
    expect(byName.get('leaky')!.kind).toBe('generic');
    expect(genericLayers).toEqual(['leaky (LeakyReLU)']);
    expect(network.classNames).toEqual(['a', 'b', 'c']);
    model.dispose();
  });

  it('rejects a labels list of the wrong length', () => {
    const model = createMnistCnn();
    expect(() => describeModel(model, { classNames: ['a'] })).toThrow(/1 names but .* 10 outputs/);
    model.dispose();
  });

  it('derives weight roles from variable names', () => {
    expect(computeWeightRole('conv2d_1/kernel')).toBe('kernel');
    expect(computeWeightRole('block1/bn/moving_variance:0')).toBe('moving_variance');
    expect(computeWeightRole('sep/depthwise_kernel_3')).toBe('depthwise_kernel');
  });
});
