import { fail } from './errors';

/**
 * Bounds-checked little-endian reads over a window [start, end) of a byte array. Every read past the
 * end throws SnapshotFormatError('truncated') naming what was being read, never a RangeError.
 */
export class ByteReader {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  position: number;
  readonly end: number;

  constructor(bytes: Uint8Array, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.position = start;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.position;
  }

  /** Throws 'truncated' unless `count` more bytes are available. */
  need(count: number, what: string): void {
    if (count > this.remaining) {
      fail('truncated', `${what}: needs ${count} bytes at offset ${this.position}, only ${Math.max(0, this.remaining)} left`);
    }
  }

  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.position++]!;
  }

  u16(what: string): number {
    this.need(2, what);
    const value = this.view.getUint16(this.position, true);
    this.position += 2;
    return value;
  }

  u32(what: string): number {
    this.need(4, what);
    const value = this.view.getUint32(this.position, true);
    this.position += 4;
    return value;
  }

  f64(what: string): number {
    this.need(8, what);
    const value = this.view.getFloat64(this.position, true);
    this.position += 8;
    return value;
  }

  /** A view (no copy) of the next `count` bytes. */
  take(count: number, what: string): Uint8Array {
    this.need(count, what);
    const out = this.bytes.subarray(this.position, this.position + count);
    this.position += count;
    return out;
  }
}
