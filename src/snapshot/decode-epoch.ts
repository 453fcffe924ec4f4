import type { NetworkDescription } from '../domain/network';
import { computeRecordedShape, computeShapeSize } from '../domain/network';
import type { EpochMetrics, EpochSnapshot, ProbeSet, TensorData } from '../domain/recording';
import { ByteReader } from './byte-reader';
import { readChunk } from './chunk';
import { rebuildActivation, type RebuildContext } from './derive';
import { fail } from './errors';
import { ACTIVATION_SOURCES, MAGIC, TAG_EPOCH, type ActivationSource } from './format';
import { asArray, asInt, asNumberOrNaN, asObject, asString, parseJson } from './json-reader';
import { MAX_JSON_BYTES, MAX_PROBES, MAX_TOTAL_VALUES } from './limits';
import { readTensor } from './tensor-codec';
import { validateEpoch, validateMetrics, validateProbes } from './validate';
import { computeRecordedSize, validateNetwork } from './validate-network';

/** Values a decode may still allocate; shared by all epochs of one file. */
export interface DecodeBudget {
  remaining: number;
}

interface EpochJson {
  readonly epoch: number;
  readonly metrics: EpochMetrics;
  readonly probes: number;
  readonly sources: readonly ActivationSource[];
}

function parseEpochJson(value: unknown, layerCount: number, where: string): EpochJson {
  const o = asObject(value, `${where} JSON`);
  const epoch = asInt(o.epoch, `${where} JSON: epoch`, 0);
  const at = `epoch ${epoch}`;
  const m = asObject(o.metrics, `${at}: metrics`);
  const metrics: EpochMetrics = {
    trainLoss: asNumberOrNaN(m.trainLoss, `${at}: metrics.trainLoss`),
    trainAccuracy: asNumberOrNaN(m.trainAccuracy, `${at}: metrics.trainAccuracy`),
    testLoss: asNumberOrNaN(m.testLoss, `${at}: metrics.testLoss`),
    testAccuracy: asNumberOrNaN(m.testAccuracy, `${at}: metrics.testAccuracy`),
    samplesSeen: asInt(m.samplesSeen, `${at}: metrics.samplesSeen`, 0),
  };
  validateMetrics(metrics, at);
  const probes = asInt(o.probes, `${at}: probes`, 0, MAX_PROBES);
  const sources = asArray(o.sources, `${at}: sources`, layerCount).map((s, i) => {
    const source = asString(s, `${at}: sources[${i}]`) as ActivationSource;
    if (!ACTIVATION_SOURCES.includes(source)) fail('bad-header', `${at}: sources[${i}] "${source}" is not a known activation source`);
    return source;
  });
  if (sources.length !== layerCount) fail('size-mismatch', `${at}: ${sources.length} activation sources for ${layerCount} layers`);
  return { epoch, metrics, probes, sources };
}

/** Only reads an epoch chunk's number (appendEpoch's order check). */
export function readEpochNumber(payload: Uint8Array, where: string): number {
  const reader = new ByteReader(payload);
  const length = reader.u32(`${where}: JSON length`);
  if (length > MAX_JSON_BYTES) fail('too-large', `${where}: JSON of ${length} bytes`);
  return asInt(asObject(parseJson(reader.take(length, `${where}: JSON`), `${where} JSON`), `${where} JSON`).epoch, `${where} JSON: epoch`, 0);
}

/**
 * Decodes an EPCH payload against a known network. `expectedProbes` is the recording's probe count
 * (null for a standalone epoch); `probeInputs` are needed only when the chunk rebuilds input layers from them.
 */
export function parseEpochPayload(
  payload: Uint8Array,
  network: NetworkDescription,
  probeInputs: readonly Float32Array[] | null,
  expectedProbes: number | null,
  budget: DecodeBudget,
  where: string,
): EpochSnapshot {
  const reader = new ByteReader(payload);
  const jsonLength = reader.u32(`${where}: JSON length`);
  if (jsonLength > MAX_JSON_BYTES) fail('too-large', `${where}: JSON of ${jsonLength} bytes, more than the limit of ${MAX_JSON_BYTES}`);
  const json = parseEpochJson(parseJson(reader.take(jsonLength, `${where}: JSON`), `${where} JSON`), network.layers.length, where);
  const at = `epoch ${json.epoch}`;
  const probeCount = json.probes;
  if (expectedProbes !== null && probeCount !== expectedProbes) fail('size-mismatch', `${at}: ${probeCount} probes, the recording has ${expectedProbes}`);
  const outputs = computeShapeSize(network.layers[network.layers.length - 1]!.outputShape);

  // Guard the allocation before making it: everything this epoch will hold, from the network alone.
  let values = probeCount * outputs;
  for (const layer of network.layers) {
    for (const spec of layer.weights) values += computeShapeSize(spec.shape);
    values += probeCount * computeRecordedSize(layer);
  }
  if (values > budget.remaining) {
    fail('too-large', `${at}: would decode ${values} values, more than the ${budget.remaining} left of the limit of ${MAX_TOTAL_VALUES}`);
  }
  budget.remaining -= values;

  const weights: TensorData[][] = network.layers.map((layer) =>
    layer.weights.map((spec) => ({ shape: spec.shape.slice(), data: readTensor(reader, spec.shape, `${at}, layer ${layer.name} weight ${spec.role}`) })),
  );
  const predictions: Float32Array[] = [];
  for (let p = 0; p < probeCount; p++) predictions.push(readTensor(reader, [outputs], `${at}, predictions, probe ${p}`));
  const activations: Float32Array[][] = [];
  const ctx: RebuildContext = { network, activations, predictions, probeInputs };
  network.layers.forEach((layer, l) => {
    const source = json.sources[l]!;
    const what = `${at}, layer ${layer.name} activations`;
    const shape = computeRecordedShape(layer);
    const perProbe: Float32Array[] = [];
    for (let p = 0; p < probeCount; p++) {
      perProbe.push(source === 'stored' ? readTensor(reader, shape, `${what}, probe ${p}`) : rebuildActivation(source, l, p, ctx, `${what}, probe ${p}`));
    }
    activations.push(perProbe);
  });
  if (reader.remaining !== 0) fail('bad-chunk', `${at}: ${reader.remaining} bytes left over after the last tensor`);
  return { epoch: json.epoch, metrics: json.metrics, weights, activations, predictions };
}

/**
 * Decodes one EPCH chunk as made by encodeEpoch. `probes` must be the recording's probe set when
 * the chunk was encoded with them. Throws SnapshotFormatError on any problem.
 */
export function decodeEpoch(network: NetworkDescription, bytes: Uint8Array | ArrayBuffer, probes?: ProbeSet): EpochSnapshot {
  validateNetwork(network);
  if (probes !== undefined) validateProbes(network, probes);
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (MAGIC.every((byte, i) => data[i] === byte)) fail('bad-chunk', 'these bytes are a whole recording, not one epoch chunk: use decodeRecording');
  const reader = new ByteReader(data);
  const chunk = readChunk(reader);
  if (chunk.tag !== TAG_EPOCH) fail('bad-chunk', `expected an EPCH chunk, got ${chunk.tag}`);
  if (reader.remaining !== 0) fail('bad-chunk', `${reader.remaining} bytes after the EPCH chunk`);
  const epoch = parseEpochPayload(chunk.payload, network, probes?.inputs ?? null, probes?.inputs.length ?? null, { remaining: MAX_TOTAL_VALUES }, 'EPCH chunk');
  validateEpoch(network, epoch, epoch.predictions.length);
  return epoch;
}
