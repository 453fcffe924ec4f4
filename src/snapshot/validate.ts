import type { NetworkDescription } from '../domain/network';
import { computeShapeSize } from '../domain/network';
import type { DatasetInfo, EpochMetrics, EpochSnapshot, ProbeSet, Recording } from '../domain/recording';
import { fail } from './errors';
import { MAX_EPOCHS, MAX_PROBES } from './limits';
import { computeRecordedSize, validateNetwork, validateShape } from './validate-network';

/**
 * Consistency checks of an in-memory recording: what encodeRecording requires and what
 * decodeRecording guarantees. Each throws SnapshotFormatError with a message naming the place.
 */

/** Throws 'size-mismatch' or 'non-finite' unless `data` is a Float32Array of `expected` finite values. */
export function validateValues(data: unknown, expected: number, what: string): void {
  if (!(data instanceof Float32Array)) fail('size-mismatch', `${what}: expected a Float32Array of ${expected} values`);
  if (data.length !== expected) fail('size-mismatch', `${what}: expected ${expected} values, got ${data.length}`);
  for (let i = 0; i < data.length; i++) {
    const x = data[i]!;
    // x - x is 0 for every finite x, NaN for NaN and +-Infinity.
    if (x - x !== 0) fail('non-finite', `${what}: value ${i} is ${x}`);
  }
}

export function validateDataset(dataset: DatasetInfo): void {
  if (typeof dataset?.name !== 'string') fail('bad-header', 'dataset name must be a string');
  for (const key of ['trainSize', 'testSize', 'samplesPerEpoch'] as const) {
    const value = dataset[key];
    if (!Number.isSafeInteger(value) || value < 0) fail('bad-header', `dataset ${key} must be a non-negative integer, got ${value}`);
  }
}

export function validateProbes(network: NetworkDescription, probes: ProbeSet): void {
  validateShape(probes.inputShape, 'probe input shape');
  if (!Array.isArray(probes.inputs) || !Array.isArray(probes.labels)) fail('bad-header', 'probes need inputs and labels arrays');
  if (probes.inputs.length > MAX_PROBES) fail('too-large', `${probes.inputs.length} probes, more than the limit of ${MAX_PROBES}`);
  if (probes.labels.length !== probes.inputs.length) fail('size-mismatch', `${probes.inputs.length} probe inputs but ${probes.labels.length} labels`);
  probes.labels.forEach((label, i) => {
    if (!Number.isInteger(label) || label < -1) fail('bad-header', `probe ${i}: label ${label} must be an integer >= -1`);
  });
  if (typeof probes.normalisation !== 'string') fail('bad-header', 'probe normalisation must be a string');
  const size = computeShapeSize(probes.inputShape);
  probes.inputs.forEach((input, i) => validateValues(input, size, `probe ${i} input`));
  for (const layer of network.layers) {
    if (layer.kind === 'input' && computeRecordedSize(layer) !== size) {
      fail('shape-mismatch', `input layer ${layer.name} has shape [${layer.outputShape.join(', ')}] but probe inputs have shape [${probes.inputShape.join(', ')}]`);
    }
  }
}

export function validateMetrics(metrics: EpochMetrics, where: string): void {
  if (typeof metrics !== 'object' || metrics === null) fail('bad-header', `${where}: metrics missing`);
  for (const key of ['trainLoss', 'trainAccuracy', 'testLoss', 'testAccuracy'] as const) {
    const value = metrics[key];
    // NaN means "not measured" (documented on EpochMetrics); Infinity is a bug.
    if (typeof value !== 'number') fail('bad-header', `${where}: metric ${key} must be a number`);
    if (value === Infinity || value === -Infinity) fail('non-finite', `${where}: metric ${key} is ${value}`);
  }
  if (!Number.isSafeInteger(metrics.samplesSeen) || metrics.samplesSeen < 0) {
    fail('bad-header', `${where}: samplesSeen must be a non-negative integer, got ${metrics.samplesSeen}`);
  }
}

/** Checks one epoch against the network and the probe count. */
export function validateEpoch(network: NetworkDescription, epoch: EpochSnapshot, probeCount: number): void {
  const where = `epoch ${epoch.epoch}`;
  if (!Number.isSafeInteger(epoch.epoch) || epoch.epoch < 0) fail('bad-header', `epoch number ${epoch.epoch} must be a non-negative integer`);
  validateMetrics(epoch.metrics, where);
  const layers = network.layers;
  if (!Array.isArray(epoch.weights) || epoch.weights.length !== layers.length) {
    fail('size-mismatch', `${where}: weights for ${epoch.weights?.length} layers, the network has ${layers.length}`);
  }
  if (!Array.isArray(epoch.activations) || epoch.activations.length !== layers.length) {
    fail('size-mismatch', `${where}: activations for ${epoch.activations?.length} layers, the network has ${layers.length}`);
  }
  layers.forEach((layer, l) => {
    const weights = epoch.weights[l]!;
    if (!Array.isArray(weights) || weights.length !== layer.weights.length) {
      fail('size-mismatch', `${where}, layer ${layer.name}: ${weights?.length} weight tensors, the network declares ${layer.weights.length}`);
    }
    layer.weights.forEach((spec, w) => {
      const tensor = weights[w]!;
      const what = `${where}, layer ${layer.name} weight ${spec.role}`;
      const shape = tensor?.shape;
      if (!Array.isArray(shape) || shape.length !== spec.shape.length || shape.some((d, i) => d !== spec.shape[i])) {
        fail('shape-mismatch', `${what}: shape [${Array.isArray(shape) ? shape.join(', ') : '?'}], the network declares [${spec.shape.join(', ')}]`);
      }
      validateValues(tensor.data, computeShapeSize(spec.shape), what);
    });
    const perProbe = epoch.activations[l]!;
    if (!Array.isArray(perProbe) || perProbe.length !== probeCount) {
      fail('size-mismatch', `${where}, layer ${layer.name} activations: ${perProbe?.length} probes, expected ${probeCount}`);
    }
    const size = computeRecordedSize(layer);
    perProbe.forEach((values, p) => validateValues(values, size, `${where}, layer ${layer.name} activations, probe ${p}`));
  });
  if (!Array.isArray(epoch.predictions) || epoch.predictions.length !== probeCount) {
    fail('size-mismatch', `${where}: predictions for ${epoch.predictions?.length} probes, expected ${probeCount}`);
  }
  const outputs = computeShapeSize(layers[layers.length - 1]!.outputShape);
  epoch.predictions.forEach((values, p) => validateValues(values, outputs, `${where}, predictions, probe ${p}`));
}

/** Checks a whole recording; throws SnapshotFormatError naming the first problem found. */
export function validateRecording(recording: Recording): void {
  if (typeof recording !== 'object' || recording === null) fail('bad-header', 'a recording must be an object');
  validateNetwork(recording.network);
  validateDataset(recording.dataset);
  validateProbes(recording.network, recording.probes);
  if (!Array.isArray(recording.epochs)) fail('bad-header', 'epochs must be an array');
  if (recording.epochs.length > MAX_EPOCHS) fail('too-large', `${recording.epochs.length} epochs, more than the limit of ${MAX_EPOCHS}`);
  const probeCount = recording.probes.inputs.length;
  let previous = -1;
  for (const epoch of recording.epochs) {
    validateEpoch(recording.network, epoch, probeCount);
    if (epoch.epoch <= previous) fail('epoch-order', `epoch ${epoch.epoch} follows epoch ${previous}: epochs must be strictly ascending`);
    previous = epoch.epoch;
  }
}
