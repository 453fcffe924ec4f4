import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeTfjsTopology } from '../../../../src/training/import/keras3-topology';

const FIXTURE = new URL('../../../fixtures/models/keras3-functional/model.json', import.meta.url);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('computeTfjsTopology', () => {
  it('is what makes a Keras 3 config loadable: tfjs refuses the raw one', async () => {
    const json = JSON.parse(await readFile(FIXTURE, 'utf8')) as { modelTopology: { model_config: Record<string, unknown> } };
    const raw = json.modelTopology.model_config;
    await expect(tf.models.modelFromJSON({ modelTopology: raw } as never)).rejects.toThrow();
    const fixed = computeTfjsTopology(raw);
    const model = await tf.models.modelFromJSON({ modelTopology: fixed } as never);
    expect(model.layers.map((l) => l.name)).toContain('concatenate');
    expect(model.outputs[0]!.shape).toEqual([null, 3]);
    model.dispose();
  });

  it('rewrites inputs, dtype policies, nodes and model inputs/outputs; leaves Keras 2 configs alone', () => {
    const keras3 = {
      class_name: 'Functional',
      module: 'keras.src.models.functional',
      config: {
        name: 'f',
        layers: [
          { class_name: 'InputLayer', name: 'in', config: { batch_shape: [null, 4], name: 'in' }, inbound_nodes: [] },
          {
            class_name: 'Dense',
            registered_name: null,
            name: 'd',
            config: { name: 'd', units: 2, dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'mixed_float16' } } },
            inbound_nodes: [{ args: [{ class_name: '__keras_tensor__', config: { keras_history: ['in', 0, 0] } }], kwargs: {} }],
          },
        ],
        input_layers: ['in', 0, 0],
        output_layers: ['d', 0, 0],
      },
    };
    expect(computeTfjsTopology(keras3)).toEqual({
      class_name: 'Functional',
      config: {
        name: 'f',
        layers: [
          { class_name: 'InputLayer', name: 'in', config: { batch_input_shape: [null, 4], name: 'in' }, inbound_nodes: [] },
          { class_name: 'Dense', name: 'd', config: { name: 'd', units: 2, dtype: 'float32' }, inbound_nodes: [[['in', 0, 0, {}]]] },
        ],
        input_layers: [['in', 0, 0]],
        output_layers: [['d', 0, 0]],
      },
    });
    const keras2 = {
      class_name: 'Model',
      config: { name: 'm', layers: [{ class_name: 'Dense', name: 'd', config: { dtype: 'float32' }, inbound_nodes: [[['in', 0, 0, {}]]] }], input_layers: [['in', 0, 0]] },
    };
    expect(computeTfjsTopology(keras2)).toEqual(keras2);
  });

  it('drops training-only regularizers/constraints and renames silu', async () => {
    const config = {
      class_name: 'Sequential',
      config: {
        name: 's',
        layers: [
          {
            class_name: 'Dense',
            config: {
              units: 2,
              batch_input_shape: [null, 3],
              activation: 'silu',
              kernel_regularizer: { class_name: 'L2', config: { l2: 0.01 } },
              kernel_constraint: { class_name: 'MaxNorm', config: { max_value: 2 } },
            },
          },
        ],
      },
    };
    await expect(tf.models.modelFromJSON({ modelTopology: config } as never)).rejects.toThrow();
    const model = await tf.models.modelFromJSON({ modelTopology: computeTfjsTopology(config) } as never);
    expect(model.layers[0]!.getConfig()['activation']).toBe('swish');
    model.dispose();
  });

  it('gives a Keras 3 Sequential without InputLayer its build_input_shape', () => {
    const fixed = computeTfjsTopology({
      class_name: 'Sequential',
      config: { name: 's', build_input_shape: [null, 5], layers: [{ class_name: 'Dense', config: { units: 1 } }] },
    }) as { config: { layers: { config: Record<string, unknown> }[] } };
    expect(fixed.config.layers[0]!.config['batch_input_shape']).toEqual([null, 5]);
  });
});
