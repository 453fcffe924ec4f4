import * as tf from '@tensorflow/tfjs';
import type { LayerDescription, NetworkDescription } from '../domain/network';
import { computeRecordedShape, computeShapeSize } from '../domain/network';
import type { EpochMetrics, EpochSnapshot, ProbeSet, TensorData } from '../domain/recording';
import { computeLayerOrder } from './describe-model';
import { computeAreaDownsample } from './import/display-caps';
import { ModelImportError } from './import/model-import-error';

/**
 * One epoch's Snapshot from a live tfjs model: weights of every layer, every layer's activations for
 * every probe (capped as the description says), and the last layer's output as predictions.
 * All probes go through one multi-output model exposing every layer's output, in as few forward
 * passes as an activation-memory budget allows. Every tensor it makes is disposed.
 */

/** Scalars of layer outputs held at once during a forward pass (64 MB of float32). */
const ACTIVATION_BUDGET_SCALARS = 16 * 1024 * 1024;

interface ExtractionPlan {
  readonly network: NetworkDescription;
  /** tfjs layer for each network layer id. */
  readonly layers: readonly tf.layers.Layer[];
  /** A model whose outputs are the outputs of `outputIds` (all non-input layers), or null if there are none. */
  readonly probeModel: tf.LayersModel | null;
  readonly outputIds: readonly number[];
}

const plans = new WeakMap<tf.LayersModel, ExtractionPlan>();

export async function extractEpochSnapshot(
  model: tf.LayersModel,
  network: NetworkDescription,
  probes: ProbeSet,
  epoch: number,
  metrics: EpochMetrics,
): Promise<EpochSnapshot> {
  const plan = getPlan(model, network);
  const weights = await readWeights(plan);
  const { activations, predictions } = await runProbes(plan, probes);
  return { epoch, metrics, weights, activations, predictions };
}

function getPlan(model: tf.LayersModel, network: NetworkDescription): ExtractionPlan {
  const cached = plans.get(model);
  if (cached && cached.network === network) return cached;
  const ordered = computeLayerOrder(model);
  if (ordered.length !== network.layers.length || ordered.some((layer, id) => layer.name !== network.layers[id]!.name)) {
    throw new ModelImportError(
      'architecture-mismatch',
      `the network description (${network.layers.length} layers) does not describe model "${model.name}" (${ordered.length} layers)`,
    );
  }
  const outputIds = network.layers.filter((layer) => layer.kind !== 'input').map((layer) => layer.id);
  // Inputs come straight from the probe set; every other layer's symbolic output becomes a model output.
  const probeModel =
    outputIds.length === 0
      ? null
      : tf.model({ inputs: model.inputs, outputs: outputIds.map((id) => ordered[id]!.inboundNodes[0]!.outputTensors[0]!) });
  const plan: ExtractionPlan = { network, layers: ordered, probeModel, outputIds };
  plans.set(model, plan);
  return plan;
}

async function readWeights(plan: ExtractionPlan): Promise<TensorData[][]> {
  const result: TensorData[][] = [];
  for (const description of plan.network.layers) {
    const variables = plan.layers[description.id]!.weights;
    if (variables.length !== description.weights.length) {
      throw new ModelImportError('weight-shape', `layer "${description.name}" has ${variables.length} weights, its description ${description.weights.length}`);
    }
    const layerWeights: TensorData[] = [];
    for (let i = 0; i < variables.length; i++) {
      const spec = description.weights[i]!;
      const variable = variables[i]!;
      if (variable.shape.join(',') !== spec.shape.join(',')) {
        throw new ModelImportError('weight-shape', `${variable.name} is [${variable.shape.join(',')}] but the description says [${spec.shape.join(',')}]`);
      }
      // read() returns the variable itself (not a new tensor): nothing to dispose. Copy: the backend may hand out its own buffer.
      const values = await variable.read().data();
      layerWeights.push({ shape: spec.shape, data: new Float32Array(values) });
    }
    result.push(layerWeights);
  }
  return result;
}

async function runProbes(plan: ExtractionPlan, probes: ProbeSet): Promise<Pick<EpochSnapshot, 'activations' | 'predictions'>> {
  const { network } = plan;
  const count = probes.inputs.length;
  const activations: Float32Array[][] = network.layers.map(() => []);
  const inputSize = computeShapeSize(probes.inputShape);
  for (const [index, input] of probes.inputs.entries()) {
    if (input.length !== inputSize) {
      throw new ModelImportError('unsupported-input', `probe ${index} has ${input.length} values, the probe shape [${probes.inputShape.join(',')}] needs ${inputSize}`);
    }
  }
  for (const layer of network.layers) {
    if (layer.kind !== 'input') continue;
    if (computeShapeSize(layer.outputShape) !== inputSize) {
      throw new ModelImportError('unsupported-input', `probes are [${probes.inputShape.join(',')}] but input "${layer.name}" is [${layer.outputShape.join(',')}]`);
    }
    for (const input of probes.inputs) activations[layer.id]!.push(computeRecordedFromProbe(layer, input));
  }
  const lastLayer = network.layers[network.layers.length - 1]!;
  const lastIsInput = lastLayer.kind === 'input';
  const predictions: Float32Array[] = lastIsInput ? probes.inputs.map((input) => input.slice()) : [];
  if (plan.probeModel && count > 0) {
    let perProbe = 0;
    for (const id of plan.outputIds) perProbe += computeShapeSize(network.layers[id]!.outputShape);
    const batchSize = Math.max(1, Math.min(count, Math.floor(ACTIVATION_BUDGET_SCALARS / Math.max(1, perProbe))));
    for (let start = 0; start < count; start += batchSize) {
      const end = Math.min(count, start + batchSize);
      await runBatch(plan, probes, start, end, activations, predictions, lastLayer.id);
    }
  }
  return { activations, predictions };
}

async function runBatch(
  plan: ExtractionPlan,
  probes: ProbeSet,
  start: number,
  end: number,
  activations: Float32Array[][],
  predictions: Float32Array[],
  lastId: number,
): Promise<void> {
  const batch = end - start;
  const inputSize = computeShapeSize(probes.inputShape);
  const packed = new Float32Array(batch * inputSize);
  for (let b = 0; b < batch; b++) packed.set(probes.inputs[start + b]!, b * inputSize);
  const modelInputShape = plan.probeModel!.inputs[0]!.shape.slice(1) as number[];
  const outputs = tf.tidy(() => {
    const x = tf.tensor(packed, [batch, ...modelInputShape]);
    const result = plan.probeModel!.predict(x, { batchSize: batch });
    return Array.isArray(result) ? result : [result];
  });
  try {
    for (let k = 0; k < plan.outputIds.length; k++) {
      const id = plan.outputIds[k]!;
      const layer = plan.network.layers[id]!;
      const output = outputs[k]!;
      if (id === lastId) {
        const full = await output.data();
        const size = computeShapeSize(layer.outputShape);
        for (let b = 0; b < batch; b++) predictions.push(new Float32Array(full.subarray(b * size, (b + 1) * size)));
      }
      // Drop unrecorded channels on the backend before downloading: a VGG block keeps 64 of 512 maps.
      const keptChannels = computeKeptChannels(layer);
      const reduced = keptChannels < (layer.outputShape[2] ?? 0) ? tf.tidy(() => output.slice([0, 0, 0, 0], [batch, -1, -1, keptChannels])) : output;
      try {
        const data = (await reduced.data()) as Float32Array;
        const size = data.length / batch;
        for (let b = 0; b < batch; b++) activations[id]!.push(computeRecordedFromBatch(layer, data.subarray(b * size, (b + 1) * size), keptChannels));
      } finally {
        if (reduced !== output) reduced.dispose();
      }
    }
  } finally {
    tf.dispose(outputs);
  }
}

/** Channels that survive the cap for rank-3 outputs (all of them otherwise). */
function computeKeptChannels(layer: LayerDescription): number {
  if (layer.outputShape.length !== 3) return 0;
  return computeRecordedShape(layer)[2] ?? layer.outputShape[2]!;
}

/** `data` is one probe's output with only the kept channels (rank 3) or all of it (other ranks). */
function computeRecordedFromBatch(layer: LayerDescription, data: Float32Array, keptChannels: number): Float32Array {
  const recorded = computeRecordedShape(layer);
  const shape = layer.outputShape;
  const spatial = shape.length === 2 || shape.length === 3;
  if (spatial && (recorded[0] !== shape[0] || recorded[1] !== shape[1])) {
    const channels = shape.length === 3 ? keptChannels : 1;
    return computeAreaDownsample(data, shape[0]!, shape[1]!, channels, recorded[0]!, recorded[1]!, channels);
  }
  return data.slice(0, computeShapeSize(recorded));
}

function computeRecordedFromProbe(layer: LayerDescription, input: Float32Array): Float32Array {
  const shape = layer.outputShape;
  const recorded = computeRecordedShape(layer);
  if (shape.length === 3 && recorded.length === 3 && recorded[2]! < shape[2]!) {
    // Keep the first channels of an HWC image before resizing.
    const channels = shape[2]!;
    const kept = recorded[2]!;
    const pixels = shape[0]! * shape[1]!;
    const sliced = new Float32Array(pixels * kept);
    for (let p = 0; p < pixels; p++) for (let c = 0; c < kept; c++) sliced[p * kept + c] = input[p * channels + c]!;
    return computeRecordedFromBatch(layer, sliced, kept);
  }
  return computeRecordedFromBatch(layer, input, computeKeptChannels(layer));
}
