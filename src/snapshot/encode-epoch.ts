import type { NetworkDescription } from '../domain/network';
import { computeRecordedShape } from '../domain/network';
import type { EpochSnapshot, ProbeSet } from '../domain/recording';
import { ByteWriter } from './byte-writer';
import { beginChunk, endChunk } from './chunk';
import { chooseActivationSources } from './derive';
import { fail } from './errors';
import { TAG_EPOCH } from './format';
import { resolveEncodeOptions, type EncodeOptions, type ResolvedEncodeOptions } from './options';
import { writeTensor } from './tensor-codec';
import { validateEpoch, validateProbes } from './validate';
import { validateNetwork } from './validate-network';

/**
 * An EPCH chunk's payload:
 *   u32 JSON length, JSON { epoch, metrics, probes, sources }
 *   tensor records: every layer's weights in network order; predictions per probe (float32);
 *   then for each layer whose source is 'stored', its activations per probe.
 */

const encoder = new TextEncoder();

/** Appends one complete EPCH chunk (framing and checksum included) to `writer`. Inputs must be validated. */
export function writeEpochChunk(
  writer: ByteWriter,
  network: NetworkDescription,
  epoch: EpochSnapshot,
  probeInputs: readonly Float32Array[] | null,
  options: ResolvedEncodeOptions,
): void {
  const sources = chooseActivationSources(network, epoch, probeInputs);
  const json = encoder.encode(
    JSON.stringify({ epoch: epoch.epoch, metrics: epoch.metrics, probes: epoch.predictions.length, sources }),
  );
  const start = beginChunk(writer, TAG_EPOCH);
  writer.u32(json.length);
  writer.bytes(json);
  network.layers.forEach((_layer, l) => {
    for (const tensor of epoch.weights[l]!) writeTensor(writer, tensor.data, options.weightBits, null);
  });
  for (const prediction of epoch.predictions) writeTensor(writer, prediction, 32, null);
  network.layers.forEach((layer, l) => {
    if (sources[l] !== 'stored') return;
    const shape = computeRecordedShape(layer);
    const bits = layer.kind === 'input' ? options.probeBits : options.activationBits;
    for (const values of epoch.activations[l]!) writeTensor(writer, values, bits, shape.length === 3 ? shape : null);
  });
  endChunk(writer, start);
}

/**
 * One epoch as a self-contained EPCH chunk: what the training worker posts after each epoch, and
 * what appendEpoch adds to a recording. Pass `probes` (the recording's) to let an input layer's
 * activations be rebuilt from them instead of stored; decodeEpoch then needs the same probes.
 */
export function encodeEpoch(
  network: NetworkDescription,
  epoch: EpochSnapshot,
  options: EncodeOptions & { readonly probes?: ProbeSet } = {},
): Uint8Array {
  validateNetwork(network);
  if (options.probes !== undefined) {
    validateProbes(network, options.probes);
    if (options.probes.inputs.length !== epoch.predictions?.length) {
      fail('size-mismatch', `epoch ${epoch.epoch}: ${epoch.predictions?.length} predictions for ${options.probes.inputs.length} probes`);
    }
  }
  validateEpoch(network, epoch, Array.isArray(epoch.predictions) ? epoch.predictions.length : 0);
  const writer = new ByteWriter(1 << 16);
  writeEpochChunk(writer, network, epoch, options.probes?.inputs ?? null, resolveEncodeOptions(options));
  return writer.toBytes();
}
