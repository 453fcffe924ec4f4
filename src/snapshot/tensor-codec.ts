import type { ByteReader } from './byte-reader';
import type { ByteWriter } from './byte-writer';
import { fail } from './errors';
import { TENSOR_HEADER_BYTES, TensorEncoding, TensorOrder } from './format';
import { MAX_TENSOR_VALUES } from './limits';
import { computeQuantParams, quantiseInto, type QuantBits, type QuantParams } from './quantise';
import { computeRunLengthCapacity, decodeRunLength, encodeRunLength } from './run-length';

/**
 * One tensor record: a 24-byte header then its data bytes.
 *   u8 encoding (TensorEncoding)  u8 bits (8, 16; 32 for raw)  u8 order (TensorOrder)  u8 reserved (0)
 *   u32 value count   u32 data byte length   u32 zero point   f64 scale
 * The shape is not stored: the reader knows it from the network, and compares the count.
 */

export type TensorBits = QuantBits | 32;

// Scratch reused across tensors: encoding a recording quantises thousands of small tensors.
let symbolScratch = new Uint16Array(0);
let byteScratch = new Uint8Array(0);

function ensureScratch(count: number, bytes: number): void {
  if (symbolScratch.length < count) symbolScratch = new Uint16Array(count);
  if (byteScratch.length < bytes) byteScratch = new Uint8Array(bytes);
}

/**
 * Writes a tensor. `planar` is the [h, w, c] shape when the tensor is a stack of feature maps worth
 * storing channel by channel (runs stay inside one map), otherwise null.
 */
export function writeTensor(writer: ByteWriter, data: Float32Array, bits: TensorBits, planar: readonly number[] | null): void {
  const count = data.length;
  if (bits === 32) {
    writeTensorHeader(writer, TensorEncoding.rawFloat32, 32, TensorOrder.natural, count, count * 4, 0, 0);
    writer.reserve(count * 4);
    const view = new DataView(writer.raw().buffer, writer.length, count * 4);
    for (let i = 0; i < count; i++) view.setFloat32(4 * i, data[i]!, true);
    writer.length += count * 4;
    return;
  }
  const params = computeQuantParams(data, bits);
  const width = bits / 8;
  const capacity = computeRunLengthCapacity(count, bits);
  ensureScratch(count, capacity);
  const symbols = symbolScratch;
  const usePlanar = planar !== null && planar.length === 3 && planar[2]! > 1;
  quantiseInto(data, params, symbols, usePlanar ? planar : null);
  const order = usePlanar ? TensorOrder.planar : TensorOrder.natural;
  const runLengthBytes = encodeRunLength(symbols, count, bits, params.zeroPoint, byteScratch);
  if (runLengthBytes < count * width) {
    writeTensorHeader(writer, TensorEncoding.runLength, bits, order, count, runLengthBytes, params.zeroPoint, params.scale);
    writer.bytes(byteScratch.subarray(0, runLengthBytes));
    return;
  }
  writeTensorHeader(writer, TensorEncoding.packed, bits, order, count, count * width, params.zeroPoint, params.scale);
  writer.reserve(count * width);
  const out = writer.raw();
  let at = writer.length;
  if (width === 1) {
    for (let i = 0; i < count; i++) out[at++] = symbols[i]!;
  } else {
    for (let i = 0; i < count; i++) {
      out[at++] = symbols[i]! & 0xff;
      out[at++] = symbols[i]! >>> 8;
    }
  }
  writer.length = at;
}

function writeTensorHeader(
  writer: ByteWriter,
  encoding: number,
  bits: number,
  order: number,
  count: number,
  byteLength: number,
  zeroPoint: number,
  scale: number,
): void {
  writer.reserve(TENSOR_HEADER_BYTES);
  writer.u8(encoding);
  writer.u8(bits);
  writer.u8(order);
  writer.u8(0);
  writer.u32(count);
  writer.u32(byteLength);
  writer.u32(zeroPoint);
  writer.f64(scale);
}

/**
 * Reads a tensor that must hold `shape`'s number of values; `what` names it in errors
 * ("epoch 3, layer conv2d_1 activations, probe 4"). Returns natural-order float32 values.
 */
export function readTensor(reader: ByteReader, shape: readonly number[], what: string): Float32Array {
  let expected = 1;
  for (const dim of shape) expected *= dim;
  const encoding = reader.u8(`${what}: tensor header`);
  const bits = reader.u8(`${what}: tensor header`);
  const order = reader.u8(`${what}: tensor header`);
  reader.u8(`${what}: tensor header`);
  const count = reader.u32(`${what}: tensor header`);
  const byteLength = reader.u32(`${what}: tensor header`);
  const zeroPoint = reader.u32(`${what}: tensor header`);
  const scale = reader.f64(`${what}: tensor header`);
  if (count !== expected) fail('size-mismatch', `${what}: expected ${expected} values (shape [${shape.join(', ')}]), file says ${count}`);
  if (count > MAX_TENSOR_VALUES) fail('too-large', `${what}: ${count} values exceed the limit of ${MAX_TENSOR_VALUES}`);
  if (order !== TensorOrder.natural && order !== TensorOrder.planar) fail('bad-chunk', `${what}: unknown value order ${order}`);
  if (order === TensorOrder.planar && shape.length !== 3) fail('bad-chunk', `${what}: planar order needs a [h, w, c] shape, not [${shape.join(', ')}]`);
  const data = reader.take(byteLength, `${what}: tensor data`);
  if (encoding === TensorEncoding.rawFloat32) {
    if (bits !== 32 || order !== TensorOrder.natural) fail('bad-chunk', `${what}: raw float32 tensor with ${bits} bits, order ${order}`);
    if (byteLength !== count * 4) fail('size-mismatch', `${what}: ${count} float32 values need ${count * 4} bytes, file says ${byteLength}`);
    return readRawFloat32(data, count, what);
  }
  if (encoding !== TensorEncoding.packed && encoding !== TensorEncoding.runLength) fail('bad-chunk', `${what}: unknown tensor encoding ${encoding}`);
  if (bits !== 8 && bits !== 16) fail('bad-chunk', `${what}: quantised tensor with ${bits} bits (8 or 16 allowed)`);
  if (!Number.isFinite(scale)) fail('non-finite', `${what}: quantisation scale is ${scale}`);
  if (scale < 0) fail('bad-chunk', `${what}: negative quantisation scale ${scale}`);
  if (zeroPoint > 2 ** bits - 1) fail('bad-chunk', `${what}: zero point ${zeroPoint} outside ${bits}-bit range`);
  // A run-length token yields at most 128 values: refuse before allocating for a count the bytes cannot hold.
  if (encoding === TensorEncoding.runLength && count > byteLength * 128) {
    fail('truncated', `${what}: ${byteLength} run-length bytes cannot hold ${count} values`);
  }
  ensureScratch(count, 0);
  const symbols = symbolScratch;
  if (encoding === TensorEncoding.packed) {
    if (byteLength !== count * (bits / 8)) fail('size-mismatch', `${what}: ${count} ${bits}-bit values need ${count * (bits / 8)} bytes, file says ${byteLength}`);
    if (bits === 8) for (let i = 0; i < count; i++) symbols[i] = data[i]!;
    else for (let i = 0; i < count; i++) symbols[i] = data[2 * i]! | (data[2 * i + 1]! << 8);
  } else {
    decodeRunLength(data, count, bits, zeroPoint, symbols, what);
  }
  const params: QuantParams = { bits, scale, zeroPoint };
  return dequantiseSymbols(symbols, count, params, order === TensorOrder.planar ? shape : null);
}

function readRawFloat32(data: Uint8Array, count: number, what: string): Float32Array {
  const out = new Float32Array(count);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < count; i++) {
    const x = view.getFloat32(4 * i, true);
    if (!Number.isFinite(x)) fail('non-finite', `${what}: value ${i} is ${x}`);
    out[i] = x;
  }
  return out;
}

function dequantiseSymbols(symbols: Uint16Array, count: number, params: QuantParams, planar: readonly number[] | null): Float32Array {
  const out = new Float32Array(count);
  const { scale, zeroPoint } = params;
  if (planar === null) {
    for (let i = 0; i < count; i++) out[i] = (symbols[i]! - zeroPoint) * scale;
    return out;
  }
  const [height, width, channels] = planar as [number, number, number];
  const pixels = height * width;
  let i = 0;
  for (let c = 0; c < channels; c++) {
    for (let p = 0; p < pixels; p++) out[p * channels + c] = (symbols[i++]! - zeroPoint) * scale;
  }
  return out;
}

