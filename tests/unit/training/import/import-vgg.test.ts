import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeRecordedShape, computeShapeSize } from '../../../../src/domain/network';
import { selectTrainingBackend } from '../../../../src/training/backend';
import { importModel } from '../../../../src/training/import/import-model';
import { WASM_DIR } from '../helpers';
import { computeBatch, createModelFiles, saveModel } from './model-files';
import { createVggLikeNet } from './model-builders';

/** A VGG16-size model (224x224x3, 64..512 maps, 25088-unit flatten) loads with display caps recorded. */

beforeAll(async () => {
  await selectTrainingBackend({ wasmPaths: WASM_DIR });
});

describe('importModel on a VGG16-size model', () => {
  it('caps maps to 32x32, 64 maps and 4096 units, and says so', async () => {
    const original = createVggLikeNet();
    const saved = await saveModel(original, 'group1', 3);
    const started = performance.now();
    const before = tf.memory().numTensors;
    const { recording, notices } = await importModel({ kind: 'files', files: createModelFiles(saved, 'vgg/') });
    const seconds = (performance.now() - started) / 1000;
    expect(tf.memory().numTensors).toBe(before);
    const byName = new Map(recording.network.layers.map((l) => [l.name, l]));
    const recorded = (name: string): readonly number[] => computeRecordedShape(byName.get(name)!);
    expect(recorded('block1_conv1')).toEqual([32, 32, 64]);
    expect(byName.get('block1_conv1')!.cap!.note).toBe('maps downsampled 224×224→32×32 (area average)');
    expect(recorded('block2_conv1')).toEqual([32, 32, 64]);
    expect(byName.get('block2_conv1')!.cap!.note).toBe('maps downsampled 112×112→32×32 (area average), first 64 of 128 maps');
    expect(recorded('block4_conv1')).toEqual([28, 28, 64]);
    expect(byName.get('block4_conv1')!.cap!.note).toBe('first 64 of 512 maps');
    expect(recorded('block5_pool')).toEqual([7, 7, 64]);
    expect(recorded('flatten')).toEqual([4096]);
    expect(byName.get('predictions')!.cap).toBeUndefined();
    expect(recording.network.layers[0]!.cap).toBeUndefined(); // inputs stay whole
    const capNotice = notices.find((n) => n.startsWith('Display caps'))!;
    expect(capNotice).toContain('block1_conv1: maps downsampled 224×224→32×32 (area average)');
    expect(capNotice).toContain('flatten: first 4096 of 25088 units');

    const snapshot = recording.epochs[0]!;
    for (const layer of recording.network.layers) {
      for (const activation of snapshot.activations[layer.id]!) expect(activation.length).toBe(computeShapeSize(computeRecordedShape(layer)));
    }
    // block1_conv1 is 224 -> 32: exactly a 7x7 average pool of the full maps.
    const expected = tf.tidy(() => {
      const sub = tf.model({ inputs: original.inputs, outputs: original.getLayer('block1_conv1').output as tf.SymbolicTensor });
      const full = sub.predict(computeBatch(recording.probes.inputs.slice(0, 2), [224, 224, 3])) as tf.Tensor4D;
      return tf.avgPool(full, 7, 7, 'valid').dataSync();
    });
    const id = byName.get('block1_conv1')!.id;
    for (let p = 0; p < 2; p++) {
      const got = snapshot.activations[id]![p]!;
      let worst = 0;
      for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i]! - expected[p * got.length + i]!));
      expect(worst).toBeLessThan(1e-4);
    }
    expect(snapshot.predictions[0]!.length).toBe(1000);
    console.error(`VGG-like import (${recording.probes.inputs.length} probes, ${tf.getBackend()}): ${seconds.toFixed(2)} s`);
    original.dispose();
  }, 120_000);
});
