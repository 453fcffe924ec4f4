import { ByteReader } from './byte-reader';
import { readChunk, readContainer } from './chunk';
import { parseHeaderChunk } from './decode';
import { parseEpochPayload, readEpochNumber } from './decode-epoch';
import { fail } from './errors';
import { TAG_EPOCH } from './format';
import { MAX_TOTAL_VALUES } from './limits';
import { validateEpoch } from './validate';

/**
 * Appends an epoch chunk (from encodeEpoch) to an encoded recording and returns the new bytes.
 * The chunk is decoded against the recording's network and probes first, and its epoch number
 * must follow the last one, so the result is always a valid recording. Cost: one pass over the
 * existing bytes (checksums) and a full decode of the new chunk only.
 */
export function appendEpoch(recordingBytes: Uint8Array | ArrayBuffer, epochChunk: Uint8Array | ArrayBuffer): Uint8Array {
  const file = recordingBytes instanceof Uint8Array ? recordingBytes : new Uint8Array(recordingBytes);
  const chunkBytes = epochChunk instanceof Uint8Array ? epochChunk : new Uint8Array(epochChunk);
  const container = readContainer(file);
  const header = parseHeaderChunk(container.header, { remaining: MAX_TOTAL_VALUES });
  const last = container.epochs.at(-1);
  const lastEpoch = last === undefined ? -1 : readEpochNumber(last.payload, `EPCH chunk at offset ${last.offset}`);

  const reader = new ByteReader(chunkBytes);
  const chunk = readChunk(reader);
  if (chunk.tag !== TAG_EPOCH) fail('bad-chunk', `can only append an EPCH chunk, got ${chunk.tag}`);
  if (reader.remaining !== 0) fail('bad-chunk', `${reader.remaining} bytes after the EPCH chunk to append`);
  const epoch = parseEpochPayload(chunk.payload, header.network, header.probeSet.inputs, header.probes.count, { remaining: MAX_TOTAL_VALUES }, 'appended EPCH chunk');
  validateEpoch(header.network, epoch, header.probes.count);
  if (epoch.epoch <= lastEpoch) fail('epoch-order', `cannot append epoch ${epoch.epoch} after epoch ${lastEpoch}: epochs must be strictly ascending`);

  const out = new Uint8Array(file.length + chunkBytes.length);
  out.set(file, 0);
  out.set(chunkBytes, file.length);
  return out;
}
