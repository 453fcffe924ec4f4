import { ByteReader } from './byte-reader';
import type { ByteWriter } from './byte-writer';
import { computeCrc32 } from './crc32';
import { fail } from './errors';
import { FORMAT_VERSION_MAJOR, FORMAT_VERSION_MINOR, MAGIC, PREAMBLE_BYTES, TAG_EPOCH, TAG_HEADER } from './format';

/**
 * The container: preamble (magic, version), then chunks. A chunk is
 *   tag (4 ASCII bytes)   u32 payload length   payload   u32 CRC-32 of tag + payload
 * The first chunk is HEAD; every later EPCH chunk is one epoch, so appending an epoch is appending
 * bytes. Readers skip chunk tags they do not know (room for compatible additions).
 */

export interface Chunk {
  readonly tag: string;
  readonly payload: Uint8Array;
  /** Offset of the chunk's tag in the file, for messages. */
  readonly offset: number;
}

export function writePreamble(writer: ByteWriter): void {
  for (const byte of MAGIC) writer.u8(byte);
  writer.u16(FORMAT_VERSION_MAJOR);
  writer.u16(FORMAT_VERSION_MINOR);
}

/** Starts a chunk; returns the offset to hand to endChunk once the payload is written. */
export function beginChunk(writer: ByteWriter, tag: string): number {
  const start = writer.length;
  for (let i = 0; i < 4; i++) writer.u8(tag.charCodeAt(i));
  writer.u32(0);
  return start;
}

/** Patches the payload length and appends the checksum. */
export function endChunk(writer: ByteWriter, start: number): void {
  writer.patchU32(start + 4, writer.length - start - 8);
  const crc = computeCrc32(writer.raw(), start, writer.length);
  writer.u32(crc);
}

/** Checks magic and version; returns the minor version. */
export function readPreamble(bytes: Uint8Array): number {
  for (let i = 0; i < MAGIC.length; i++) {
    if (i >= bytes.length) fail('truncated', `file is ${bytes.length} bytes, too short for a LayerWalk recording`);
    if (bytes[i] !== MAGIC[i]) fail('bad-magic', `not a LayerWalk recording: it starts with ${describeBytes(bytes.subarray(0, 4))}, expected "LWRC"`);
  }
  const reader = new ByteReader(bytes);
  reader.position = MAGIC.length;
  const major = reader.u16('version');
  const minor = reader.u16('version');
  if (major !== FORMAT_VERSION_MAJOR) {
    fail('unsupported-version', `recording format version ${major}.${minor} is not supported (this reader knows ${FORMAT_VERSION_MAJOR}.x)`);
  }
  return minor;
}

/** Reads one chunk at reader.position, verifying its checksum. */
export function readChunk(reader: ByteReader): Chunk {
  const offset = reader.position;
  const tagBytes = reader.take(4, `chunk at offset ${offset}: tag`);
  const tag = String.fromCharCode(...tagBytes);
  if (!/^[A-Za-z0-9]{4}$/.test(tag)) fail('bad-chunk', `chunk at offset ${offset}: tag ${describeBytes(tagBytes)} is not 4 letters`);
  const length = reader.u32(`${tag} chunk at offset ${offset}: length`);
  const payload = reader.take(length, `${tag} chunk at offset ${offset}: payload of ${length} bytes`);
  const stored = reader.u32(`${tag} chunk at offset ${offset}: checksum`);
  const actual = computeCrc32(reader.bytes, offset, offset + 8 + length);
  if (stored !== actual) fail('checksum', `${tag} chunk at offset ${offset}: checksum mismatch (the file is corrupt)`);
  return { tag, payload, offset };
}

export interface Container {
  readonly header: Chunk;
  readonly epochs: readonly Chunk[];
}

/** Splits a whole file into its header chunk and its epoch chunks. */
export function readContainer(bytes: Uint8Array): Container {
  readPreamble(bytes);
  const reader = new ByteReader(bytes, PREAMBLE_BYTES);
  if (reader.remaining === 0) fail('truncated', 'recording ends after its preamble: no HEAD chunk');
  let header: Chunk | null = null;
  const epochs: Chunk[] = [];
  while (reader.remaining > 0) {
    const chunk = readChunk(reader);
    if (chunk.tag === TAG_HEADER) {
      if (header !== null) fail('bad-chunk', `second HEAD chunk at offset ${chunk.offset}`);
      header = chunk;
    } else if (chunk.tag === TAG_EPOCH) {
      if (header === null) fail('bad-chunk', `EPCH chunk at offset ${chunk.offset} comes before the HEAD chunk`);
      epochs.push(chunk);
    } else if (header === null) {
      fail('bad-chunk', `the first chunk is ${chunk.tag}, expected HEAD`);
    }
  }
  if (header === null) fail('bad-chunk', 'recording has no HEAD chunk');
  return { header, epochs };
}


function describeBytes(bytes: Uint8Array): string {
  return `[${Array.from(bytes, (b) => `0x${b.toString(16).padStart(2, '0')}`).join(' ')}]`;
}
