import { describe, expect, it } from 'vitest';
import { appendEpoch, decodeEpoch, decodeRecording, encodeEpoch, encodeRecording } from '../../../src/snapshot/index';
import { createSmallRecording } from './fixtures/small-network';
import { createForwardRecording } from './fixtures/synthetic-recording';
import { expectSnapshotError } from './fixtures/file-surgery';

const recording = createForwardRecording(41, 4, 3);
const { network, probes } = recording;

function maxError(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

describe('encodeEpoch / decodeEpoch (what the training worker posts)', () => {
  it('round-trips one epoch standalone; the input layer is stored because no probes were given', () => {
    const epoch = recording.epochs[2]!;
    const bytes = encodeEpoch(network, epoch);
    const back = decodeEpoch(network, bytes);
    expect(back.epoch).toBe(2);
    expect(back.metrics).toEqual(epoch.metrics);
    expect(back.predictions).toEqual(epoch.predictions);
    expect(maxError(back.activations[0]![1]!, epoch.activations[0]![1]!)).toBeLessThan(1e-4);
    expect(maxError(back.activations[1]![0]!, epoch.activations[1]![0]!)).toBeLessThan(0.02);
    expect(maxError(back.weights[6]![0]!.data, epoch.weights[6]![0]!.data)).toBeLessThan(1e-4);
    // Smaller with the probes: the input layer is rebuilt from them, and decoding then needs them.
    const withProbes = encodeEpoch(network, epoch, { probes });
    expect(withProbes.length).toBeLessThan(bytes.length);
    expect(maxError(decodeEpoch(network, withProbes, probes).activations[0]![2]!, epoch.activations[0]![2]!)).toBeLessThan(1e-4);
    expectSnapshotError(() => decodeEpoch(network, withProbes), 'bad-chunk', /rebuilt from "probes"/);
  });

  it('decodeEpoch rejects a chunk for another network, and a non-epoch chunk', () => {
    const other = createSmallRecording(42, 1, 3);
    const bytes = encodeEpoch(network, recording.epochs[0]!);
    expectSnapshotError(() => decodeEpoch(other.network, bytes), 'size-mismatch', /9 activation sources for 8 layers|8 activation sources for 9 layers|layers/);
    const file = encodeRecording(recording);
    expectSnapshotError(() => decodeEpoch(network, file), 'bad-chunk', /whole recording/);
    expectSnapshotError(() => encodeEpoch(network, { ...recording.epochs[0]!, predictions: [] }), 'size-mismatch');
  });
});

describe('appendEpoch (a live session and a recording are the same thing)', () => {
  it('grows an empty recording epoch by epoch into the same recording encodeRecording makes', () => {
    let bytes = encodeRecording({ ...recording, epochs: [] });
    for (const epoch of recording.epochs) bytes = appendEpoch(bytes, encodeEpoch(network, epoch, { probes }));
    // Encoded with the recording's probes, each chunk is byte-identical to the one-shot encoding.
    expect(bytes).toEqual(encodeRecording(recording));
    // Chunks from a worker that did not know the probes are accepted too.
    let live = encodeRecording({ ...recording, epochs: [] });
    for (const epoch of recording.epochs) live = appendEpoch(live, encodeEpoch(network, epoch));
    const decoded = decodeRecording(live);
    expect(decoded.epochs.map((e) => e.epoch)).toEqual([0, 1, 2, 3]);
    expect(maxError(decoded.epochs[3]!.activations[6]![2]!, recording.epochs[3]!.activations[6]![2]!)).toBeLessThan(0.05);
  });

  it('refuses an epoch out of order, from another network, or a corrupt chunk', () => {
    const bytes = encodeRecording({ ...recording, epochs: recording.epochs.slice(0, 3) });
    expectSnapshotError(() => appendEpoch(bytes, encodeEpoch(network, recording.epochs[1]!)), 'epoch-order', /cannot append epoch 1 after epoch 2/);
    const fewerProbes = createForwardRecording(43, 1, 2);
    expectSnapshotError(() => appendEpoch(bytes, encodeEpoch(network, { ...fewerProbes.epochs[0]!, epoch: 9 })), 'size-mismatch', /2 probes, the recording has 3/);
    const chunk = encodeEpoch(network, recording.epochs[3]!);
    chunk[chunk.length - 9]! ^= 1;
    expectSnapshotError(() => appendEpoch(bytes, chunk), 'checksum');
    expectSnapshotError(() => appendEpoch(bytes.subarray(0, bytes.length - 3), encodeEpoch(network, recording.epochs[3]!)), 'truncated');
  });
});
