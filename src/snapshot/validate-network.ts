import type { LayerDescription, LayerKind, NetworkDescription } from '../domain/network';
import { computeRecordedShape, computeShapeSize } from '../domain/network';
import { fail } from './errors';
import { MAX_LAYERS, MAX_RANK, MAX_TENSOR_VALUES } from './limits';

export const LAYER_KINDS: readonly LayerKind[] = [
  'input', 'conv2d', 'depthwise-conv2d', 'separable-conv2d', 'max-pool2d', 'avg-pool2d', 'global-avg-pool2d',
  'global-max-pool2d', 'zero-padding2d', 'batch-norm', 'activation', 'dropout', 'flatten', 'reshape', 'dense',
  'add', 'concatenate', 'generic',
];

/** Throws unless `shape` is 0..MAX_RANK positive integers with at most MAX_TENSOR_VALUES values. */
export function validateShape(shape: unknown, what: string, minRank = 1): void {
  if (!Array.isArray(shape) || shape.length < minRank || shape.length > MAX_RANK) {
    fail('shape-mismatch', `${what}: a shape must be an array of ${minRank}..${MAX_RANK} dimensions`);
  }
  let size = 1;
  for (const dim of shape as unknown[]) {
    if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 1) fail('shape-mismatch', `${what}: dimension ${String(dim)} in [${shape.join(', ')}] is not a positive integer`);
    size *= dim;
  }
  if (size > MAX_TENSOR_VALUES) fail('too-large', `${what}: shape [${shape.join(', ')}] has ${size} values, more than the limit of ${MAX_TENSOR_VALUES}`);
}

function validatePair(value: unknown, what: string, min: number): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => Number.isInteger(v) && (v as number) >= min)) {
    fail('bad-network', `${what} must be two integers >= ${min}`);
  }
}

function validateLayer(layer: LayerDescription, index: number, names: Set<string>): void {
  const where = `layer ${index} (${typeof layer.name === 'string' ? layer.name : '?'})`;
  if (layer.id !== index) fail('bad-network', `${where}: id is ${layer.id}, must equal its index ${index} (layers are in topological order)`);
  if (typeof layer.name !== 'string' || layer.name.length === 0) fail('bad-network', `layer ${index}: name must be a non-empty string`);
  if (names.has(layer.name)) fail('bad-network', `${where}: the name is used by an earlier layer`);
  names.add(layer.name);
  if (!LAYER_KINDS.includes(layer.kind)) fail('bad-network', `${where}: unknown kind "${String(layer.kind)}"`);
  if (typeof layer.className !== 'string') fail('bad-network', `${where}: className must be a string`);
  if (!Array.isArray(layer.inputs)) fail('bad-network', `${where}: inputs must be an array of layer ids`);
  for (const input of layer.inputs) {
    if (!Number.isInteger(input) || input < 0 || input >= index) {
      fail('bad-network', `${where}: input ${String(input)} does not refer to an earlier layer (ids 0..${index - 1})`);
    }
  }
  if ((layer.kind === 'input') !== (layer.inputs.length === 0)) {
    fail('bad-network', `${where}: ${layer.kind === 'input' ? 'an input layer cannot have inputs' : 'only input layers may have no inputs'}`);
  }
  validateShape(layer.outputShape, `${where} output shape`);
  validatePair(layer.kernelSize, `${where} kernelSize`, 1);
  validatePair(layer.strides, `${where} strides`, 1);
  validatePair(layer.dilation, `${where} dilation`, 1);
  validatePair(layer.poolSize, `${where} poolSize`, 1);
  if (layer.padding !== undefined && layer.padding !== 'valid' && layer.padding !== 'same') fail('bad-network', `${where}: padding must be "valid" or "same"`);
  if (layer.activation !== undefined && typeof layer.activation !== 'string') fail('bad-network', `${where}: activation must be a string`);
  if (layer.units !== undefined && !(Number.isInteger(layer.units) && layer.units >= 1)) fail('bad-network', `${where}: units must be a positive integer`);
  if (layer.zeroPadding !== undefined) {
    if (!Array.isArray(layer.zeroPadding) || layer.zeroPadding.length !== 2) fail('bad-network', `${where}: zeroPadding must be [[top, bottom], [left, right]]`);
    layer.zeroPadding.forEach((pair, i) => validatePair(pair, `${where} zeroPadding[${i}]`, 0));
  }
  if (!Array.isArray(layer.weights)) fail('bad-network', `${where}: weights must be an array`);
  layer.weights.forEach((spec, i) => {
    if (typeof spec?.role !== 'string') fail('bad-network', `${where} weight ${i}: role must be a string`);
    validateShape(spec.shape, `${where} weight ${i} (${spec.role})`, 0);
  });
  if (layer.cap !== undefined) {
    validateShape(layer.cap.recordedShape, `${where} display cap`);
    if (typeof layer.cap.note !== 'string') fail('bad-network', `${where}: display cap note must be a string`);
  }
}

/** Checks a network description is self-consistent; throws SnapshotFormatError('bad-network' and friends). */
export function validateNetwork(network: NetworkDescription): void {
  if (typeof network.name !== 'string') fail('bad-network', 'network name must be a string');
  if (!Array.isArray(network.layers) || network.layers.length === 0) fail('bad-network', 'network has no layers');
  if (network.layers.length > MAX_LAYERS) fail('too-large', `network has ${network.layers.length} layers, more than the limit of ${MAX_LAYERS}`);
  const names = new Set<string>();
  network.layers.forEach((layer, index) => validateLayer(layer, index, names));
  if (!Array.isArray(network.classNames) || !network.classNames.every((c) => typeof c === 'string')) {
    fail('bad-network', 'classNames must be an array of strings');
  }
  const last = network.layers[network.layers.length - 1]!;
  const outputs = computeShapeSize(last.outputShape);
  if (network.classNames.length !== 0 && network.classNames.length !== outputs) {
    fail('bad-network', `${network.classNames.length} class names for ${outputs} outputs of the last layer (${last.name})`);
  }
}

/** Values one probe's activations of a layer hold. */
export function computeRecordedSize(layer: LayerDescription): number {
  return computeShapeSize(computeRecordedShape(layer));
}
