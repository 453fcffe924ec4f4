import { describe, expect, it } from 'vitest';
import { ByteReader } from '../../../src/snapshot/byte-reader';
import { ByteWriter } from '../../../src/snapshot/byte-writer';
import { TensorEncoding } from '../../../src/snapshot/format';
import { computeQuantErrorBound, computeQuantParams, type QuantBits } from '../../../src/snapshot/quantise';
import { computeRunLengthCapacity, decodeRunLength, encodeRunLength } from '../../../src/snapshot/run-length';
import { readTensor, writeTensor } from '../../../src/snapshot/tensor-codec';
import { createGaussian, createRandom } from './fixtures/synthetic-recording';
import { expectSnapshotError } from './fixtures/file-surgery';

function roundTrip(data: Float32Array, bits: QuantBits | 32, shape: readonly number[] = [data.length]): { decoded: Float32Array; encoding: number; bytes: number } {
  const writer = new ByteWriter(16);
  writeTensor(writer, data, bits, shape.length === 3 ? shape : null);
  const bytes = writer.toBytes();
  const reader = new ByteReader(bytes);
  const decoded = readTensor(reader, shape, 'test tensor');
  expect(reader.remaining).toBe(0);
  return { decoded, encoding: bytes[0]!, bytes: bytes.length };
}

const random = createRandom(42);
const gaussian = createGaussian(random);
const distributions: Record<string, (n: number) => Float32Array> = {
  'relu-sparse': (n) => Float32Array.from({ length: n }, () => (random() < 0.6 ? 0 : Math.abs(gaussian()) * 4)),
  'gaussian weights': (n) => Float32Array.from({ length: n }, () => gaussian() * 0.07),
  'all negative': (n) => Float32Array.from({ length: n }, () => -1 - random() * 3),
  'all positive, far from 0': (n) => Float32Array.from({ length: n }, () => 1000 + random()),
  'tiny range': (n) => Float32Array.from({ length: n }, () => (random() - 0.5) * 1e-30),
  'huge range': (n) => Float32Array.from({ length: n }, () => (random() - 0.5) * 1e30),
  'heavy tail': (n) => Float32Array.from({ length: n }, () => gaussian() ** 5),
};

describe('affine quantisation error bound', () => {
  for (const bits of [8, 16] as const) {
    for (const [name, make] of Object.entries(distributions)) {
      it(`${bits}-bit, ${name}: |x - x'| <= scale / 2 (+ float32 rounding), and the bound is tight`, () => {
        const data = make(6 * 7 * 5);
        const params = computeQuantParams(data, bits);
        const limit = computeQuantErrorBound(params);
        let lo = 0, hi = 0;
        for (const x of data) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
        expect(limit).toBeCloseTo((hi - lo) / (2 * (2 ** bits - 1)), 12);
        for (const shape of [[data.length], [6, 7, 5]]) {
          const { decoded } = roundTrip(data, bits, shape);
          let worst = 0;
          data.forEach((x, i) => {
            const error = Math.abs(x - decoded[i]!);
            expect(error).toBeLessThanOrEqual(limit + Math.abs(x) * 2 ** -23);
            worst = Math.max(worst, error);
          });
          // Not vacuous: random data reaches close to the bound somewhere.
          expect(worst).toBeGreaterThan(limit * 0.5);
        }
      });
    }
  }

  it('decodes a constant or all-zero tensor exactly', () => {
    expect(Array.from(roundTrip(new Float32Array(50), 8).decoded)).toEqual(new Array(50).fill(0));
    expect(computeQuantParams(new Float32Array(10), 8).scale).toBe(0);
    // A constant tensor's range is [0, c]: c is the top level, exact.
    expect(Array.from(roundTrip(new Float32Array(20).fill(0.75), 8).decoded)).toEqual(new Array(20).fill(0.75));
  });

  it('stores float32 exactly when asked for 32 bits', () => {
    const data = distributions['heavy tail']!(100);
    expect(roundTrip(data, 32).decoded).toEqual(data);
  });

  it('chooses run-length coding for sparse maps (stored channel by channel) and packing for dense weights', () => {
    const sparse = new Float32Array(26 * 26 * 8);
    for (let i = 0; i < 200; i++) sparse[Math.floor(random() * sparse.length)] = random() * 3;
    const coded = roundTrip(sparse, 8, [26, 26, 8]);
    expect(coded.encoding).toBe(TensorEncoding.runLength);
    expect(coded.bytes).toBeLessThan(sparse.length / 4);
    expect(roundTrip(distributions['gaussian weights']!(1000), 16).encoding).toBe(TensorEncoding.packed);
  });
});

describe('run-length coding', () => {
  it('round-trips random symbol streams with runs of every length, in 8 and 16 bits', () => {
    for (const bits of [8, 16] as const) {
      for (let trial = 0; trial < 200; trial++) {
        const count = 1 + Math.floor(random() * 700);
        const symbols = new Uint16Array(count);
        let value = 0;
        for (let i = 0; i < count; i++) {
          if (random() < 0.3) value = Math.floor(random() * 2 ** bits);
          symbols[i] = value;
        }
        const first = Math.floor(random() * 2 ** bits);
        const out = new Uint8Array(computeRunLengthCapacity(count, bits));
        const length = encodeRunLength(symbols, count, bits, first, out);
        const back = new Uint16Array(count);
        decodeRunLength(out.subarray(0, length), count, bits, first, back, 'stream');
        expect(back).toEqual(symbols);
      }
    }
  });

  it('rejects streams that give too many or too few values, or leave bytes over', () => {
    const back = new Uint16Array(10);
    expectSnapshotError(() => decodeRunLength(Uint8Array.of(255), 10, 8, 0, back, 'stream'), 'bad-chunk', /more than 10 values/);
    expectSnapshotError(() => decodeRunLength(Uint8Array.of(128 + 3), 10, 8, 0, back, 'stream'), 'truncated', /after 4 of 10/);
    expectSnapshotError(() => decodeRunLength(Uint8Array.of(4, 1, 2), 10, 8, 0, back, 'stream'), 'truncated');
    expectSnapshotError(() => decodeRunLength(Uint8Array.of(128 + 9, 7), 10, 8, 0, back, 'stream'), 'bad-chunk', /left over/);
  });
});
