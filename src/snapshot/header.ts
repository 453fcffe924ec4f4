import type { LayerDescription, LayerKind, NetworkDescription, Padding, WeightSpec } from '../domain/network';
import type { DatasetInfo, Recording } from '../domain/recording';
import { asArray, asInt, asObject, asPair, asShape, asString, type JsonObject } from './json-reader';
import { fail } from './errors';
import { MAX_LAYERS, MAX_PROBES } from './limits';

/**
 * The HEAD chunk's JSON: everything about a recording except per-epoch data and the probe values
 * (those follow the JSON as tensor records). Schema in docs/snapshot-format.md.
 */

export interface ProbeMeta {
  readonly count: number;
  readonly inputShape: readonly number[];
  readonly labels: readonly number[];
  readonly normalisation: string;
}

export interface HeaderInfo {
  readonly network: NetworkDescription;
  readonly dataset: DatasetInfo;
  readonly probes: ProbeMeta;
}

/** Only the documented fields, in a stable order, so files do not carry stray properties. */
function computeLayerJson(layer: LayerDescription): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: layer.id,
    name: layer.name,
    kind: layer.kind,
    className: layer.className,
    inputs: layer.inputs,
    outputShape: layer.outputShape,
  };
  for (const key of ['kernelSize', 'strides', 'padding', 'dilation', 'poolSize', 'activation', 'units', 'zeroPadding'] as const) {
    if (layer[key] !== undefined) out[key] = layer[key];
  }
  out.weights = layer.weights.map((w) => ({ role: w.role, shape: w.shape }));
  if (layer.cap !== undefined) out.cap = { recordedShape: layer.cap.recordedShape, note: layer.cap.note };
  return out;
}

export function computeHeaderJson(recording: Recording): string {
  const { network, dataset, probes } = recording;
  return JSON.stringify({
    network: { name: network.name, classNames: network.classNames, layers: network.layers.map(computeLayerJson) },
    dataset: { name: dataset.name, trainSize: dataset.trainSize, testSize: dataset.testSize, samplesPerEpoch: dataset.samplesPerEpoch },
    probes: { count: probes.inputs.length, inputShape: probes.inputShape, labels: probes.labels, normalisation: probes.normalisation },
  });
}

function parseLayer(value: unknown, index: number): LayerDescription {
  const path = `header: network.layers[${index}]`;
  const o = asObject(value, path);
  const optionalPair = (key: string, min: number): [number, number] | undefined =>
    o[key] === undefined ? undefined : asPair(o[key], `${path}.${key}`, min);
  const layer: { -readonly [K in keyof LayerDescription]: LayerDescription[K] } = {
    id: asInt(o.id, `${path}.id`, 0),
    name: asString(o.name, `${path}.name`),
    // The kind's value is checked by validateNetwork, with the other semantic checks.
    kind: asString(o.kind, `${path}.kind`) as LayerKind,
    className: asString(o.className, `${path}.className`),
    inputs: asArray(o.inputs, `${path}.inputs`, MAX_LAYERS).map((v, i) => asInt(v, `${path}.inputs[${i}]`, 0)),
    outputShape: asShape(o.outputShape, `${path}.outputShape`),
    weights: asArray(o.weights, `${path}.weights`, 64).map((w, i): WeightSpec => {
      const spec = asObject(w, `${path}.weights[${i}]`);
      return { role: asString(spec.role, `${path}.weights[${i}].role`), shape: asShape(spec.shape, `${path}.weights[${i}].shape`) };
    }),
  };
  const kernelSize = optionalPair('kernelSize', 1);
  if (kernelSize) layer.kernelSize = kernelSize;
  const strides = optionalPair('strides', 1);
  if (strides) layer.strides = strides;
  const dilation = optionalPair('dilation', 1);
  if (dilation) layer.dilation = dilation;
  const poolSize = optionalPair('poolSize', 1);
  if (poolSize) layer.poolSize = poolSize;
  if (o.padding !== undefined) layer.padding = asString(o.padding, `${path}.padding`) as Padding;
  if (o.activation !== undefined) layer.activation = asString(o.activation, `${path}.activation`);
  if (o.units !== undefined) layer.units = asInt(o.units, `${path}.units`, 1);
  if (o.zeroPadding !== undefined) {
    const pairs = asArray(o.zeroPadding, `${path}.zeroPadding`, 2);
    if (pairs.length !== 2) fail('bad-header', `${path}.zeroPadding must be [[top, bottom], [left, right]]`);
    layer.zeroPadding = [asPair(pairs[0], `${path}.zeroPadding[0]`, 0), asPair(pairs[1], `${path}.zeroPadding[1]`, 0)];
  }
  if (o.cap !== undefined) {
    const cap = asObject(o.cap, `${path}.cap`);
    layer.cap = { recordedShape: asShape(cap.recordedShape, `${path}.cap.recordedShape`), note: asString(cap.note, `${path}.cap.note`) };
  }
  return layer;
}

function parseNetwork(o: JsonObject): NetworkDescription {
  return {
    name: asString(o.name, 'header: network.name'),
    classNames: asArray(o.classNames, 'header: network.classNames', 1 << 20).map((c, i) => asString(c, `header: network.classNames[${i}]`)),
    layers: asArray(o.layers, 'header: network.layers', MAX_LAYERS).map(parseLayer),
  };
}

/** Parses and type-checks the HEAD JSON; semantic checks (layer wiring, sizes) are validateNetwork's. */
export function parseHeaderJson(value: unknown): HeaderInfo {
  const root = asObject(value, 'header');
  const network = parseNetwork(asObject(root.network, 'header: network'));
  const d = asObject(root.dataset, 'header: dataset');
  const dataset: DatasetInfo = {
    name: asString(d.name, 'header: dataset.name'),
    trainSize: asInt(d.trainSize, 'header: dataset.trainSize', 0),
    testSize: asInt(d.testSize, 'header: dataset.testSize', 0),
    samplesPerEpoch: asInt(d.samplesPerEpoch, 'header: dataset.samplesPerEpoch', 0),
  };
  const p = asObject(root.probes, 'header: probes');
  const count = asInt(p.count, 'header: probes.count', 0, MAX_PROBES);
  const labels = asArray(p.labels, 'header: probes.labels', MAX_PROBES).map((v, i) => asInt(v, `header: probes.labels[${i}]`, -1));
  if (labels.length !== count) fail('size-mismatch', `header: ${count} probes but ${labels.length} labels`);
  const probes: ProbeMeta = {
    count,
    inputShape: asShape(p.inputShape, 'header: probes.inputShape'),
    labels,
    normalisation: asString(p.normalisation, 'header: probes.normalisation'),
  };
  return { network, dataset, probes };
}
