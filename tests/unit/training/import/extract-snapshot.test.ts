import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProbeSet } from '../../../../src/domain/recording';
import { computeRecordedShape, computeShapeSize } from '../../../../src/domain/network';
import { describeModel } from '../../../../src/training/describe-model';
import { extractEpochSnapshot } from '../../../../src/training/extract-snapshot';
import { computeDisplayCaps } from '../../../../src/training/import/display-caps';
import { createMnistCnn, createResidualNet } from './model-builders';

const METRICS = { trainLoss: NaN, trainAccuracy: NaN, testLoss: 1, testAccuracy: 0.5, samplesSeen: 0 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function createRandomProbes(shape: number[], count: number, seed: number): ProbeSet {
  let state = seed;
  const next = (): number => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const size = computeShapeSize(shape);
  const inputs = Array.from({ length: count }, () => Float32Array.from({ length: size }, next));
  return { inputShape: shape, inputs, labels: inputs.map(() => -1), normalisation: '0..1' };
}

/** Output of one layer for all probes via a separate tfjs model: the reference the snapshot must match. */
function computeReference(model: tf.LayersModel, layerName: string, probes: ProbeSet): Float32Array {
  return tf.tidy(() => {
    const layer = model.getLayer(layerName);
    const sub = tf.model({ inputs: model.inputs, outputs: layer.inboundNodes[0]!.outputTensors[0]! });
    const x = tf.tensor(
      Float32Array.from(probes.inputs.flatMap((p) => [...p])),
      [probes.inputs.length, ...probes.inputShape],
    );
    return (sub.predict(x) as tf.Tensor).dataSync() as Float32Array;
  });
}

describe('extractEpochSnapshot', () => {
  it('matches a direct forward pass on every layer and leaks no tensors', async () => {
    const model = createResidualNet();
    const { network } = describeModel(model);
    const probes = createRandomProbes([8, 8, 3], 5, 7);
    await extractEpochSnapshot(model, network, probes, 0, METRICS); // builds the cached probe model
    const before = tf.memory().numTensors;
    const snapshot = await extractEpochSnapshot(model, network, probes, 3, METRICS);
    expect(tf.memory().numTensors).toBe(before);
    expect(snapshot.epoch).toBe(3);
    expect(snapshot.metrics).toEqual(METRICS);
    expect(snapshot.activations).toHaveLength(network.layers.length);
    for (const layer of network.layers) {
      const perProbe = snapshot.activations[layer.id]!;
      expect(perProbe).toHaveLength(5);
      const size = computeShapeSize(layer.outputShape);
      const reference = layer.kind === 'input' ? null : computeReference(model, layer.name, probes);
      for (let p = 0; p < 5; p++) {
        expect(perProbe[p]!.length).toBe(size);
        const expected = reference ? reference.subarray(p * size, (p + 1) * size) : probes.inputs[p]!;
        for (let i = 0; i < size; i += 7) expect(perProbe[p]![i]).toBeCloseTo(expected[i]!, 5);
      }
      const layerWeights = snapshot.weights[layer.id]!;
      expect(layerWeights.map((w) => w.shape)).toEqual(layer.weights.map((w) => w.shape));
      const variables = model.getLayer(layer.name).getWeights();
      layerWeights.forEach((w, i) => expect(Array.from(w.data)).toEqual(Array.from(variables[i]!.dataSync())));
    }
    const direct = tf.tidy(() => (model.predict(tf.tensor(Float32Array.from(probes.inputs.flatMap((p) => [...p])), [5, 8, 8, 3])) as tf.Tensor).dataSync());
    snapshot.predictions.forEach((prediction, p) => {
      expect(prediction.length).toBe(3);
      prediction.forEach((v, i) => expect(v).toBeCloseTo(direct[p * 3 + i]!, 6));
    });
    model.dispose();
  });

  it('follows the trained weights (a later epoch sees changed weights)', async () => {
    const model = createMnistCnn();
    const { network } = describeModel(model);
    const probes = createRandomProbes([28, 28, 1], 2, 3);
    const beforeFirst = tf.memory().numTensors;
    const first = await extractEpochSnapshot(model, network, probes, 0, METRICS);
    expect(tf.memory().numTensors).toBe(beforeFirst);
    const kernel = model.layers[0]!.getWeights()[0]!;
    const doubled = tf.mul(kernel, 2);
    model.layers[0]!.setWeights([doubled, model.layers[0]!.getWeights()[1]!]);
    doubled.dispose();
    const before = tf.memory().numTensors;
    const second = await extractEpochSnapshot(model, network, probes, 1, METRICS);
    expect(tf.memory().numTensors).toBe(before);
    expect(second.weights[1]![0]!.data[0]).toBeCloseTo(2 * first.weights[1]![0]!.data[0]!, 6);
    expect(second.activations[1]![0]).not.toEqual(first.activations[1]![0]);
    model.dispose();
  });

  it('records capped layers at their recorded shape', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [40, 40, 3], filters: 6, kernelSize: 1, useBias: false, name: 'wide' }),
        tf.layers.flatten({ name: 'flat' }),
      ],
    });
    const { network: uncapped } = describeModel(model);
    const network = computeDisplayCaps(uncapped, { maxMapSide: 20, maxMaps: 4, maxUnits: 100 });
    expect(network.layers.map((l) => computeRecordedShape(l))).toEqual([[40, 40, 3], [20, 20, 4], [100]]);
    expect(network.layers[1]!.cap!.note).toBe('maps downsampled 40×40→20×20 (area average), first 4 of 6 maps');
    const probes = createRandomProbes([40, 40, 3], 2, 11);
    const before = tf.memory().numTensors;
    const snapshot = await extractEpochSnapshot(model, network, probes, 0, METRICS);
    expect(tf.memory().numTensors).toBe(before);
    const full = computeReference(model, 'wide', probes);
    const recorded = snapshot.activations[1]![1]!;
    expect(recorded.length).toBe(20 * 20 * 4);
    // Output (i, j, c) is the mean of the 2x2 block of probe 1's full map c.
    const at = (y: number, x: number, c: number): number => full[40 * 40 * 6 + (y * 40 + x) * 6 + c]!;
    for (const [i, j, c] of [[0, 0, 0], [7, 13, 3], [19, 19, 2]] as const) {
      const mean = (at(2 * i, 2 * j, c) + at(2 * i + 1, 2 * j, c) + at(2 * i, 2 * j + 1, c) + at(2 * i + 1, 2 * j + 1, c)) / 4;
      expect(recorded[(i * 20 + j) * 4 + c]).toBeCloseTo(mean, 5);
    }
    expect(snapshot.activations[2]![0]!.length).toBe(100);
    expect(Array.from(snapshot.activations[0]![0]!)).toEqual(Array.from(probes.inputs[0]!));
    // Predictions stay whole even when the last layer is capped.
    expect(snapshot.predictions[0]!.length).toBe(40 * 40 * 6);
    model.dispose();
  });
});
