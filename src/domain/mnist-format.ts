/**
 * The compact MNIST file written by scripts/prepare-assets.mjs (little-endian):
 *   bytes 0..3   'MNST'
 *   4..7         version (1)
 *   8..11        count
 *   12..15       rows
 *   16..19       cols
 *   20..         labels: count x uint8, then images: count x rows x cols x uint8 (row-major, 0 = background)
 */

export interface MnistSplit {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  readonly labels: Uint8Array;
  readonly images: Uint8Array;
}

export class MnistFormatError extends Error {
  override name = 'MnistFormatError';
}

const HEADER_BYTES = 20;

export function decodeMnist(buffer: ArrayBuffer | Uint8Array): MnistSplit {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (bytes.byteLength < HEADER_BYTES) throw new MnistFormatError(`MNIST file too short: ${bytes.byteLength} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (magic !== 'MNST') throw new MnistFormatError(`not a LayerWalk MNIST file (magic "${magic}")`);
  const version = view.getUint32(4, true);
  if (version !== 1) throw new MnistFormatError(`unsupported MNIST file version ${version}`);
  const count = view.getUint32(8, true);
  const rows = view.getUint32(12, true);
  const cols = view.getUint32(16, true);
  const expected = HEADER_BYTES + count + count * rows * cols;
  if (bytes.byteLength !== expected) {
    throw new MnistFormatError(`MNIST file is ${bytes.byteLength} bytes, its header says ${expected}`);
  }
  return {
    count,
    rows,
    cols,
    labels: bytes.subarray(HEADER_BYTES, HEADER_BYTES + count),
    images: bytes.subarray(HEADER_BYTES + count, expected),
  };
}

/** One image as floats in 0..1. */
export function computeMnistImage(split: MnistSplit, index: number, out?: Float32Array): Float32Array {
  const size = split.rows * split.cols;
  const target = out ?? new Float32Array(size);
  const offset = index * size;
  for (let i = 0; i < size; i++) target[i] = split.images[offset + i]! / 255;
  return target;
}
