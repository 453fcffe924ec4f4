import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeRecordedShape, computeShapeSize } from '../../../../src/domain/network';
import type { Recording } from '../../../../src/domain/recording';
import { decodeRecording } from '../../../../src/snapshot/decode';
import { encodeRecording } from '../../../../src/snapshot/encode';
import { importModel } from '../../../../src/training/import/import-model';
import { createModelFiles, saveModel } from './model-files';
import { createResidualNet } from './model-builders';

/** An imported recording (generic layers, caps, patterns as probes) survives the snapshot format. */

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function expectSameStructure(decoded: Recording, recording: Recording): void {
  expect(decoded.network.layers.map((l) => [l.name, l.kind, l.inputs, l.outputShape, l.cap?.recordedShape])).toEqual(
    recording.network.layers.map((l) => [l.name, l.kind, l.inputs, l.outputShape, l.cap?.recordedShape]),
  );
  expect(decoded.network.classNames).toEqual(recording.network.classNames);
  expect(decoded.probes.normalisation).toBe(recording.probes.normalisation);
  expect(decoded.epochs).toHaveLength(recording.epochs.length);
  for (const layer of decoded.network.layers) {
    for (const activation of decoded.epochs[0]!.activations[layer.id]!) expect(activation.length).toBe(computeShapeSize(computeRecordedShape(layer)));
  }
}

describe('imported recordings through the snapshot format', () => {
  it('round-trips a branched net with a generic layer', async () => {
    const model = createResidualNet();
    const saved = await saveModel(model);
    model.dispose();
    const { recording } = await importModel({ kind: 'files', files: createModelFiles(saved) }, { normalisation: '-1..1' });
    const decoded = decodeRecording(encodeRecording(recording));
    expectSameStructure(decoded, recording);
  });

  it('round-trips a capped network', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [48, 40, 3], filters: 80, kernelSize: 3, padding: 'same', activation: 'relu', name: 'wide' }),
        tf.layers.maxPooling2d({ poolSize: 2, name: 'pool' }),
        tf.layers.flatten({ name: 'flat' }),
        tf.layers.dense({ units: 10, activation: 'softmax', name: 'out' }),
      ],
    });
    const saved = await saveModel(model);
    model.dispose();
    const { recording } = await importModel({ kind: 'files', files: createModelFiles(saved) });
    expect(recording.network.layers.filter((l) => l.cap).map((l) => l.name)).toEqual(['wide', 'pool', 'flat']);
    const bytes = encodeRecording(recording);
    const decoded = decodeRecording(bytes);
    expectSameStructure(decoded, recording);
    expect(decoded.network.layers.find((l) => l.name === 'wide')!.cap!.note).toBe('maps downsampled 48×40→32×27 (area average), first 64 of 80 maps');
    console.error(`capped import recording: ${bytes.byteLength} bytes`);
  });
});
