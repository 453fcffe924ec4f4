import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MnistFormatError, computeMnistImage, decodeMnist } from '../../src/domain/mnist-format';

const testFile = new URL('../../assets/generated/mnist/mnist-test.bin', import.meta.url);

describe('decodeMnist', () => {
  it('reads the prepared test split: 10,000 28x28 digits with labels 0..9', () => {
    const split = decodeMnist(readFileSync(testFile));
    expect(split.count).toBe(10_000);
    expect([split.rows, split.cols]).toEqual([28, 28]);
    const counts = new Array(10).fill(0);
    for (const label of split.labels) counts[label]++;
    expect(counts.every((c) => c > 800 && c < 1300)).toBe(true);
    // The first MNIST test digit is a 7; its pixels span the full 0..255 range.
    expect(split.labels[0]).toBe(7);
    const image = computeMnistImage(split, 0);
    expect(Math.max(...image)).toBe(1);
    expect(Math.min(...image)).toBe(0);
  });

  it('rejects a wrong magic, a wrong version and a truncated file with a clear message', () => {
    const good = new Uint8Array(readFileSync(testFile).subarray(0, 20 + 2 + 2 * 784));
    new DataView(good.buffer).setUint32(8, 2, true);
    expect(decodeMnist(good).count).toBe(2);
    const badMagic = good.slice();
    badMagic[0] = 0x58;
    expect(() => decodeMnist(badMagic)).toThrow(/magic/);
    const badVersion = good.slice();
    new DataView(badVersion.buffer).setUint32(4, 9, true);
    expect(() => decodeMnist(badVersion)).toThrow(/version 9/);
    expect(() => decodeMnist(good.subarray(0, good.length - 1))).toThrow(MnistFormatError);
    expect(() => decodeMnist(good.subarray(0, 5))).toThrow(/too short/);
  });
});
