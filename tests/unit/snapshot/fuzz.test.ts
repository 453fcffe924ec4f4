import { describe, expect, it } from 'vitest';
import { decodeRecording, encodeRecording, SnapshotFormatError } from '../../../src/snapshot/index';
import { createSmallRecording } from './fixtures/small-network';
import { createForwardRecording, createRandom, type Random } from './fixtures/synthetic-recording';
import { listChunks, reseal } from './fixtures/file-surgery';

/**
 * Thousands of random mutations and truncations of valid files. Each decode must either return a
 * recording (that passes validation: decodeRecording validates before returning) or throw a
 * SnapshotFormatError, and must finish quickly. Half the cases recompute the checksums after
 * mutating, so the mutation reaches the header and tensor parsers instead of stopping at the CRC.
 */

const INTERESTING_U32 = [0, 1, 2, 3, 127, 128, 255, 256, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff];

function mutate(source: Uint8Array, random: Random): { bytes: Uint8Array; what: string } {
  const pick = (n: number): number => Math.floor(random() * n);
  let bytes = source.slice();
  const steps: string[] = [];
  const rounds = 1 + pick(3);
  for (let r = 0; r < rounds; r++) {
    const op = pick(8);
    if (op === 0) {
      for (let k = 1 + pick(4); k > 0; k--) { const at = pick(bytes.length); bytes[at]! ^= 1 << pick(8); steps.push(`flip@${at}`); }
    } else if (op === 1) {
      for (let k = 1 + pick(8); k > 0; k--) { const at = pick(bytes.length); bytes[at] = pick(256); steps.push(`set@${at}`); }
    } else if (op === 2) {
      const length = pick(bytes.length);
      bytes = bytes.slice(0, length);
      steps.push(`truncate@${length}`);
    } else if (op === 3 && bytes.length >= 4) {
      const at = pick(bytes.length - 3);
      const value = random() < 0.8 ? INTERESTING_U32[pick(INTERESTING_U32.length)]! : pick(2 ** 32);
      new DataView(bytes.buffer).setUint32(at, value, true);
      steps.push(`u32@${at}=${value}`);
    } else if (op === 4) {
      const at = pick(bytes.length + 1);
      const extra = Uint8Array.from({ length: 1 + pick(16) }, () => pick(256));
      const next = new Uint8Array(bytes.length + extra.length);
      next.set(bytes.subarray(0, at)); next.set(extra, at); next.set(bytes.subarray(at), at + extra.length);
      bytes = next;
      steps.push(`insert@${at}+${extra.length}`);
    } else if (op === 5) {
      const at = pick(bytes.length);
      const count = 1 + pick(Math.min(64, bytes.length - at));
      const next = new Uint8Array(bytes.length - count);
      next.set(bytes.subarray(0, at)); next.set(bytes.subarray(at + count), at);
      bytes = next;
      steps.push(`delete@${at}-${count}`);
    } else if (op === 6) {
      // Change a digit or a quote inside the JSON texts: headers that lie or break.
      const candidates: number[] = [];
      for (let i = 0; i < Math.min(bytes.length, 20_000); i++) if ((bytes[i]! >= 0x30 && bytes[i]! <= 0x39) || bytes[i] === 0x22 || bytes[i] === 0x5b) candidates.push(i);
      if (candidates.length > 0) {
        const at = candidates[pick(candidates.length)]!;
        bytes[at] = random() < 0.8 ? 0x30 + pick(10) : [0x2c, 0x5d, 0x7d, 0x2d, 0x65][pick(5)]!;
        steps.push(`json@${at}`);
      }
    } else {
      // Swap or duplicate whole chunks: structure-level damage with intact framing.
      const spans = listChunks(bytes);
      if (spans.length >= 2) {
        const a = spans[pick(spans.length)]!, b = spans[pick(spans.length)]!;
        const chunkBytes = (s: typeof a): Uint8Array => bytes.subarray(s.start, s.payloadStart + s.payloadLength + 4);
        const parts = [bytes.subarray(0, 8), ...spans.map((s) => (s === a ? chunkBytes(b) : s === b ? chunkBytes(a) : chunkBytes(s)))];
        if (random() < 0.5) parts.push(chunkBytes(a));
        const next = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
        let at = 0;
        for (const p of parts) { next.set(p, at); at += p.length; }
        bytes = next;
        steps.push(`chunks ${a.tag}@${a.start}<->${b.tag}@${b.start}`);
      }
    }
  }
  return { bytes, what: steps.join(' ') };
}

interface FuzzStats {
  decoded: number;
  codes: Map<string, number>;
  failures: string[];
  slowestMs: number;
}

function fuzz(file: Uint8Array, iterations: number, seed: number, resealed: boolean, stats: FuzzStats): void {
  const random = createRandom(seed);
  for (let i = 0; i < iterations; i++) {
    const { bytes, what } = mutate(file, random);
    if (resealed) reseal(bytes);
    const started = performance.now();
    try {
      const recording = decodeRecording(bytes);
      stats.decoded++;
      if (recording.epochs.length > 10) stats.failures.push(`${what}: decoded ${recording.epochs.length} epochs from a 3-epoch file`);
    } catch (error) {
      if (error instanceof SnapshotFormatError) stats.codes.set(error.code, (stats.codes.get(error.code) ?? 0) + 1);
      else stats.failures.push(`${what}${resealed ? ' (resealed)' : ''}: ${error instanceof Error ? error.stack : String(error)}`);
    }
    stats.slowestMs = Math.max(stats.slowestMs, performance.now() - started);
  }
}

describe('decodeRecording fuzz', () => {
  it('6,000 mutations of a small branched recording and 600 of a default-network one: only SnapshotFormatError, no hang', () => {
    const started = performance.now();
    const stats: FuzzStats = { decoded: 0, codes: new Map(), failures: [], slowestMs: 0 };
    const small = encodeRecording(createSmallRecording(51, 3, 3));
    fuzz(small, 3000, 1, false, stats);
    fuzz(small, 3000, 2, true, stats);
    const defaultFile = encodeRecording(createForwardRecording(52, 2, 2), { weightBits: 8 });
    fuzz(defaultFile, 300, 3, false, stats);
    fuzz(defaultFile, 300, 4, true, stats);
    const elapsed = performance.now() - started;
    console.log(`fuzz: ${elapsed.toFixed(0)} ms, slowest decode ${stats.slowestMs.toFixed(1)} ms, decoded ${stats.decoded}, codes ${JSON.stringify(Object.fromEntries(stats.codes))}`);
    expect(stats.failures.slice(0, 5)).toEqual([]);
    expect(stats.slowestMs).toBeLessThan(1000);
    expect(elapsed).toBeLessThan(20_000);
    // The mutations reach deep: framing, checksums, JSON, sizes, and the tensor parser all fire.
    for (const code of ['truncated', 'bad-magic', 'checksum', 'bad-chunk', 'bad-header', 'size-mismatch']) expect(stats.codes.get(code) ?? 0, code).toBeGreaterThan(0);
  }, 60_000);
});
