import type { EpochSnapshot, ProbeSet, Recording } from '../domain/recording';
import { ByteReader } from './byte-reader';
import { readContainer, type Chunk } from './chunk';
import { parseEpochPayload, type DecodeBudget } from './decode-epoch';
import { fail } from './errors';
import { parseHeaderJson, type HeaderInfo } from './header';
import { parseJson } from './json-reader';
import { MAX_EPOCHS, MAX_JSON_BYTES, MAX_TOTAL_VALUES } from './limits';
import { readTensor } from './tensor-codec';
import { validateDataset, validateProbes, validateRecording } from './validate';
import { validateNetwork } from './validate-network';

export interface DecodedHeader extends HeaderInfo {
  readonly probeSet: ProbeSet;
}

/** Parses and validates the HEAD chunk: network, dataset, probe inputs. */
export function parseHeaderChunk(chunk: Chunk, budget: DecodeBudget): DecodedHeader {
  const reader = new ByteReader(chunk.payload);
  const jsonLength = reader.u32('HEAD chunk: JSON length');
  if (jsonLength > MAX_JSON_BYTES) fail('too-large', `HEAD chunk: JSON of ${jsonLength} bytes, more than the limit of ${MAX_JSON_BYTES}`);
  const info = parseHeaderJson(parseJson(reader.take(jsonLength, 'HEAD chunk: JSON'), 'header'));
  validateNetwork(info.network);
  validateDataset(info.dataset);
  const { count, inputShape } = info.probes;
  let size = 1;
  for (const dim of inputShape) size *= dim;
  if (count * size > budget.remaining) fail('too-large', `header: ${count} probes of ${size} values exceed the limit of ${MAX_TOTAL_VALUES}`);
  budget.remaining -= count * size;
  const inputs: Float32Array[] = [];
  for (let p = 0; p < count; p++) inputs.push(readTensor(reader, inputShape, `probe ${p} input`));
  if (reader.remaining !== 0) fail('bad-chunk', `HEAD chunk: ${reader.remaining} bytes left over after the probe inputs`);
  const probeSet: ProbeSet = { inputShape, inputs, labels: info.probes.labels, normalisation: info.probes.normalisation };
  validateProbes(info.network, probeSet);
  return { ...info, probeSet };
}

/**
 * Decodes and validates a whole recording (synchronous). Either returns a complete, consistent
 * Recording or throws SnapshotFormatError: never a partial result.
 */
export function decodeRecording(bytes: Uint8Array | ArrayBuffer): Recording {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const container = readContainer(data);
  if (container.epochs.length > MAX_EPOCHS) fail('too-large', `${container.epochs.length} epochs, more than the limit of ${MAX_EPOCHS}`);
  const budget: DecodeBudget = { remaining: MAX_TOTAL_VALUES };
  const header = parseHeaderChunk(container.header, budget);
  const epochs: EpochSnapshot[] = [];
  let previous = -1;
  for (const chunk of container.epochs) {
    const epoch = parseEpochPayload(chunk.payload, header.network, header.probeSet.inputs, header.probes.count, budget, `EPCH chunk at offset ${chunk.offset}`);
    if (epoch.epoch <= previous) fail('epoch-order', `epoch ${epoch.epoch} (chunk at offset ${chunk.offset}) follows epoch ${previous}: epochs must be strictly ascending`);
    previous = epoch.epoch;
    epochs.push(epoch);
  }
  const recording: Recording = { network: header.network, dataset: header.dataset, probes: header.probeSet, epochs };
  validateRecording(recording);
  return recording;
}
