import type { Recording } from '../domain/recording';
import { ByteWriter } from './byte-writer';
import { beginChunk, endChunk, writePreamble } from './chunk';
import { writeEpochChunk } from './encode-epoch';
import { TAG_HEADER } from './format';
import { computeHeaderJson } from './header';
import { resolveEncodeOptions, type EncodeOptions } from './options';
import { writeTensor } from './tensor-codec';
import { validateRecording } from './validate';

const encoder = new TextEncoder();

/**
 * A recording as bytes: preamble, HEAD chunk (JSON header + probe inputs), one EPCH chunk per
 * epoch. Validates first (SnapshotFormatError on an inconsistent recording). A recording with no
 * epochs yet is valid: appendEpoch grows it as a live session trains.
 */
export function encodeRecording(recording: Recording, options?: EncodeOptions): Uint8Array {
  validateRecording(recording);
  const resolved = resolveEncodeOptions(options);
  const writer = new ByteWriter(1 << 20);
  writePreamble(writer);
  const start = beginChunk(writer, TAG_HEADER);
  const json = encoder.encode(computeHeaderJson(recording));
  writer.u32(json.length);
  writer.bytes(json);
  const inputShape = recording.probes.inputShape;
  for (const input of recording.probes.inputs) writeTensor(writer, input, resolved.probeBits, inputShape.length === 3 ? inputShape : null);
  endChunk(writer, start);
  for (const epoch of recording.epochs) writeEpochChunk(writer, recording.network, epoch, recording.probes.inputs, resolved);
  return writer.toBytes();
}
