/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeMnist, type MnistSplit } from '../../../src/domain/mnist-format';

/** The wasm binaries of the installed tfjs-backend-wasm, as a directory prefix for setWasmPaths. */
export const WASM_DIR = fileURLToPath(new URL('../../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url));

let cached: { train: MnistSplit; test: MnistSplit } | undefined;

/** The prepared MNIST splits (npm run prepare-assets). */
export function loadMnist(): { train: MnistSplit; test: MnistSplit } {
  cached ??= {
    train: decodeMnist(readFileSync(new URL('../../../assets/generated/mnist/mnist-train.bin', import.meta.url))),
    test: decodeMnist(readFileSync(new URL('../../../assets/generated/mnist/mnist-test.bin', import.meta.url))),
  };
  return cached;
}

/** max |a − b| / max |b|: the error relative to the reference's scale. */
export function computeRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let diff = 0;
  let scale = 1e-12;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return diff / scale;
}
