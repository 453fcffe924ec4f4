/**
 * Snapshot format benchmark: size and encode/decode time of a default-network recording, against
 * a baseline measured in the same run: the same data as plain JSON arrays, parsed with JSON.parse.
 * Measures the committed default recording when it exists, otherwise a synthetic one of the same
 * size (21 epochs x 20 probes, activations from a real forward pass); `measured` says which.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Recording } from '../../src/domain/recording';
import { decodeRecording, encodeRecording } from '../../src/snapshot/index';
import { createForwardRecording } from '../../tests/unit/snapshot/fixtures/synthetic-recording';

const RECORDING_PATH = join(dirname(fileURLToPath(import.meta.url)), '../../assets/recordings/mnist-default.lwrec');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function time<T>(runs: number, fn: () => T): { ms: number; result: T } {
  const samples: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = fn();
    samples.push(performance.now() - started);
  }
  return { ms: median(samples), result };
}

/** The recording with every typed array as a plain array: what a naive JSON export would hold. */
function computePlainJson(recording: Recording): string {
  return JSON.stringify(recording, (_key, value: unknown) => (value instanceof Float32Array ? Array.from(value) : value));
}

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

export async function run(): Promise<Record<string, unknown>> {
  const useFile = existsSync(RECORDING_PATH);
  let bytes: Uint8Array;
  let recording: Recording;
  if (useFile) {
    bytes = new Uint8Array(readFileSync(RECORDING_PATH));
    recording = decodeRecording(bytes);
  } else {
    process.stderr.write('snapshot: building a synthetic 21-epoch recording...\n');
    recording = createForwardRecording(1, 21, 20);
    bytes = encodeRecording(recording);
  }
  const epochs = recording.epochs.length;
  process.stderr.write('snapshot: timing encode and decode...\n');
  decodeRecording(bytes); // warm-up (JIT)
  const decode = time(7, () => decodeRecording(bytes));
  const encode = time(5, () => encodeRecording(recording));
  const weights8 = encodeRecording(recording, { weightBits: 8 }).length;

  process.stderr.write('snapshot: JSON baseline...\n');
  const json = computePlainJson(recording);
  JSON.parse(json);
  const jsonParse = time(3, () => JSON.parse(json) as unknown);
  const jsonBytes = Buffer.byteLength(json);

  return {
    measured: useFile ? 'assets/recordings/mnist-default.lwrec' : 'synthetic default-network recording (forward pass, 21 epochs x 20 probes; real file not found)',
    epochs,
    probes: recording.probes.inputs.length,
    size_bytes: bytes.length,
    size_bytes_per_epoch: Math.round(bytes.length / Math.max(1, epochs)),
    size_bytes_with_8bit_weights: weights8,
    under_4mb: bytes.length < 4 * 1024 * 1024,
    decode_ms_median: round(decode.ms),
    encode_ms_median: round(encode.ms),
    encode_matches_input_size: encode.result.length === bytes.length,
    baseline_json_bytes: jsonBytes,
    baseline_json_parse_ms_median: round(jsonParse.ms),
    size_ratio_json_over_binary: round(jsonBytes / bytes.length, 1),
    decode_speedup_vs_json_parse: round(jsonParse.ms / decode.ms, 1),
  };
}
