import { describe, expect, it } from 'vitest';
import { decodeRecording, encodeRecording, SnapshotFormatError } from '../../../src/snapshot/index';
import { computeCrc32 } from '../../../src/snapshot/crc32';
import { createSmallRecording } from './fixtures/small-network';
import { createForwardRecording, createRandomRecording } from './fixtures/synthetic-recording';
import { editChunkJson, encodeUnchecked, encodeWithHeader, expectSnapshotError, firstTensorOffset, listChunks, listTensorRecords, reseal } from './fixtures/file-surgery';

const small = createSmallRecording(21, 3, 3);
const good = encodeRecording(small);
const defaultNet = createForwardRecording(22, 1, 2);

function chunk(tag: string, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + payload.length);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = tag.charCodeAt(i);
  view.setUint32(4, payload.length, true);
  out.set(payload, 8);
  view.setUint32(8 + payload.length, computeCrc32(out, 0, 8 + payload.length), true);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

describe('decodeRecording rejects bad files with typed errors', () => {
  it('truncated: empty, inside the preamble, inside every chunk', () => {
    expectSnapshotError(() => decodeRecording(new Uint8Array(0)), 'truncated');
    expectSnapshotError(() => decodeRecording(good.subarray(0, 2)), 'truncated');
    expectSnapshotError(() => decodeRecording(good.subarray(0, 6)), 'truncated', /version/);
    expectSnapshotError(() => decodeRecording(good.subarray(0, 8)), 'truncated', /no HEAD/);
    for (const span of listChunks(good)) {
      for (const cut of [span.start + 3, span.start + 7, span.payloadStart + 1, span.payloadStart + Math.floor(span.payloadLength / 2), span.payloadStart + span.payloadLength + 2]) {
        expectSnapshotError(() => decodeRecording(good.subarray(0, cut)), 'truncated', new RegExp(span.tag === 'HEAD' && cut < span.start + 4 ? 'tag' : '.'));
      }
    }
  });

  it('a cut exactly between chunks is a valid recording with fewer epochs (append-only format)', () => {
    const spans = listChunks(good);
    const cut = spans[2]!.start;
    expect(decodeRecording(good.subarray(0, cut)).epochs.map((e) => e.epoch)).toEqual([0]);
  });

  it('bad-magic and unsupported-version', () => {
    expectSnapshotError(() => decodeRecording(Uint8Array.of(0x50, 0x4b, 3, 4, 0, 0, 0, 0)), 'bad-magic', /LWRC/);
    expectSnapshotError(() => decodeRecording(new TextEncoder().encode('{"network": {}}')), 'bad-magic');
    const v2 = good.slice();
    v2[4] = 2;
    expectSnapshotError(() => decodeRecording(v2), 'unsupported-version', /2\.0/);
    const minor = good.slice();
    minor[6] = 7; // A newer minor version is a compatible addition: still readable.
    expect(decodeRecording(minor).epochs.length).toBe(3);
  });

  it('checksum: one changed byte in an epoch payload', () => {
    const span = listChunks(good)[2]!;
    const bad = good.slice();
    bad[span.payloadStart + span.payloadLength - 5]! ^= 0x10;
    expectSnapshotError(() => decodeRecording(bad), 'checksum', /EPCH chunk at offset \d+/);
  });

  it('a header that lies about an activation shape names the epoch, layer, probe and both counts', () => {
    const lying = encodeWithHeader(defaultNet, (h) => { h.network.layers[1].outputShape = [25, 25, 8]; });
    expectSnapshotError(
      () => decodeRecording(lying),
      'size-mismatch',
      /^epoch 0, layer conv2d_1 activations, probe 0: expected 5000 values \(shape \[25, 25, 8\]\), file says 5408$/,
    );
  });

  it('a header that lies about a weight shape, the probe count, or layer wiring', () => {
    expectSnapshotError(() => decodeRecording(encodeWithHeader(defaultNet, (h) => { h.network.layers[6].weights[0].shape = [400, 65]; })), 'size-mismatch', /dense_1 weight kernel: expected 26000 values .*file says 25600/);
    expectSnapshotError(() => decodeRecording(encodeWithHeader(small, (h) => { h.probes.count = 4; })), 'size-mismatch', /3 labels/);
    expectSnapshotError(() => decodeRecording(encodeWithHeader(small, (h) => { h.probes.count = 4; h.probes.labels.push(1); })), 'truncated', /probe 3 input/);
    expectSnapshotError(() => decodeRecording(encodeWithHeader(small, (h) => { h.network.layers[2].inputs = [5]; })), 'bad-network', /does not refer to an earlier layer/);
    expectSnapshotError(() => decodeRecording(encodeWithHeader(small, (h) => { h.network.layers[1].kind = 'conv9d'; })), 'bad-network', /unknown kind "conv9d"/);
    expectSnapshotError(() => decodeRecording(encodeWithHeader(small, (h) => { delete h.network.layers[1].name; })), 'bad-header', /layers\[1\]\.name must be a string/);
    expectSnapshotError(() => decodeRecording(encodeWithHeader(small, (h) => { h.network.classNames = ['a']; })), 'bad-network', /1 class names for 3 outputs/);
    expectSnapshotError(() => decodeRecording(encodeUnchecked(small, '{"network": [')), 'bad-header', /not valid JSON/);
  });

  it('absurd sizes are rejected before allocating: a 10^12-value shape, a recording of 2^30 values', () => {
    const started = performance.now();
    expectSnapshotError(() => decodeRecording(encodeWithHeader(small, (h) => { h.network.layers[3].cap.recordedShape = [1_000_000, 1_000_000]; })), 'too-large', /1000000, 1000000/);
    // Each tensor is within limits, but 3 probes x 2^27 values is not: refused before reading epoch 0.
    const big = encodeWithHeader(small, (h) => { h.network.layers[3].cap.recordedShape = [2 ** 13, 2 ** 14]; });
    expectSnapshotError(() => decodeRecording(big), 'too-large', /epoch 0: would decode/);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('a tensor record that claims 2^32 - 1 values, or whose run-length bytes cannot hold its count', () => {
    const bytes = good.slice();
    const at = firstTensorOffset(bytes, 1);
    new DataView(bytes.buffer).setUint32(at + 4, 0xffffffff, true);
    expectSnapshotError(() => decodeRecording(reseal(bytes)), 'size-mismatch', /file says 4294967295/);
    const coded = good.slice();
    const runLength = listTensorRecords(coded, 1).find((r) => r.encoding === 2)!;
    new DataView(coded.buffer).setUint32(runLength.offset + 8, 1, true);
    expectSnapshotError(() => decodeRecording(reseal(coded)), 'truncated', new RegExp(`1 run-length bytes cannot hold ${runLength.count} values`));
  });

  it('non-finite: NaN predictions, NaN quantisation scale, infinite metric', () => {
    const nanPredictions = { ...small, epochs: small.epochs.map((e) => ({ ...e, predictions: e.predictions.map((p) => p.map(() => Number.NaN)) })) };
    // Activations of the last layer are rebuilt from predictions; keep them stored so only predictions carry the NaN.
    expectSnapshotError(() => decodeRecording(encodeUnchecked(nanPredictions)), 'non-finite', /epoch 0, predictions, probe 0: value 0 is NaN/);
    const bytes = good.slice();
    new DataView(bytes.buffer).setFloat64(firstTensorOffset(bytes, 1) + 16, Number.NaN, true);
    expectSnapshotError(() => decodeRecording(reseal(bytes)), 'non-finite', /layer conv weight kernel: quantisation scale is NaN/);
    const infinite = editChunkJson(good, 1, (json) => json.replace(/"testLoss":[^,]+/, '"testLoss":1e999'));
    expectSnapshotError(() => decodeRecording(infinite), 'non-finite', /metric testLoss is Infinity/);
  });

  it('epoch JSON that lies: probe count, unknown or inapplicable activation source', () => {
    expectSnapshotError(() => decodeRecording(editChunkJson(good, 2, (j) => j.replace('"probes":3', '"probes":2'))), 'size-mismatch', /2 probes, the recording has 3/);
    expectSnapshotError(() => decodeRecording(editChunkJson(good, 1, (j) => j.replace('"stored"', '"magic"'))), 'bad-header', /not a known activation source/);
    expectSnapshotError(() => decodeRecording(editChunkJson(good, 1, (j) => j.replace('"stored"', '"max-pool"'))), 'bad-chunk', /layer conv activations, probe 0: marked as rebuilt from "max-pool"/);
  });

  it('epochs out of order', () => {
    const recording = createRandomRecording(23, 3, 2);
    const shuffled = { ...recording, epochs: [recording.epochs[0]!, recording.epochs[2]!, recording.epochs[1]!] };
    expectSnapshotError(() => decodeRecording(encodeUnchecked(shuffled)), 'epoch-order', /epoch 2 .* follows epoch 4/);
  });

  it('chunk framing: unknown chunks are skipped after HEAD, refused before it; duplicate HEAD; bad tag; trailing bytes', () => {
    const spans = listChunks(good);
    const preamble = good.subarray(0, 8);
    const head = good.subarray(spans[0]!.start, spans[1]!.start);
    const epochs = good.subarray(spans[1]!.start);
    const note = chunk('NOTE', new TextEncoder().encode('made by a future version'));
    expect(decodeRecording(concat(preamble, head, note, epochs)).epochs.length).toBe(3);
    expectSnapshotError(() => decodeRecording(concat(preamble, note, head, epochs)), 'bad-chunk', /first chunk is NOTE/);
    expectSnapshotError(() => decodeRecording(concat(preamble, epochs)), 'bad-chunk', /before the HEAD/);
    expectSnapshotError(() => decodeRecording(concat(preamble, head, head)), 'bad-chunk', /second HEAD/);
    expectSnapshotError(() => decodeRecording(concat(good, Uint8Array.of(0, 1, 2, 3, 0, 0, 0, 0))), 'bad-chunk', /not 4 letters/);
    expectSnapshotError(() => decodeRecording(concat(good, Uint8Array.of(0x45))), 'truncated');
  });

  it('errors are SnapshotFormatError instances with a code and a name', () => {
    try {
      decodeRecording(new Uint8Array(3));
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(SnapshotFormatError);
      expect((error as SnapshotFormatError).name).toBe('SnapshotFormatError');
    }
  });
});
