import { isRecord } from './model-json';

/**
 * Keras 3 (TF >= 2.16) writes model configs tfjs-layers 4.22 cannot read. This rewrites them into the
 * Keras 2 form tfjs expects, and leaves Keras 2 / tfjs-written configs unchanged:
 * - InputLayer `batch_shape` -> `batch_input_shape` (tfjs: "An InputLayer should be passed either a
 *   `batchInputShape` or an `inputShape`").
 * - `dtype` as a DTypePolicy object {class_name: 'DTypePolicy', config: {name}} -> its name
 *   (mixed-precision policies -> 'float32': tfjs computes in float32).
 * - functional `inbound_nodes` as [{args: [tensor | [tensors]], kwargs}] with tensors
 *   {class_name: '__keras_tensor__', config: {keras_history: [layer, node, index]}}
 *   -> [[[layer, node, index, {}], ...]].
 * - `input_layers` / `output_layers` given as one flat [name, node, index] -> [[name, node, index]].
 * - a Sequential's `build_input_shape` becomes its first layer's input shape when it has no InputLayer.
 * - regularizers and constraints (training-only; Keras 'L2', 'MaxNorm' are unknown to tfjs) -> null;
 *   activation 'silu' -> 'swish'.
 * - 'module' / 'registered_name' / 'build_config' / 'compile_config' keys dropped.
 */

const DROPPED_KEYS = new Set(['module', 'registered_name', 'build_config', 'compile_config', 'shared_object_id']);

export function computeTfjsTopology(topology: Record<string, unknown>): Record<string, unknown> {
  const fixed = rewrite(topology) as Record<string, unknown>;
  const config = fixed['config'];
  if (isRecord(config)) {
    for (const key of ['input_layers', 'output_layers']) {
      const value = config[key];
      if (Array.isArray(value) && value.length > 0 && typeof value[0] === 'string') config[key] = [value];
    }
    if (Array.isArray(config['layers'])) for (const layer of config['layers']) if (isRecord(layer)) fixLayer(layer);
    // A Keras 3 Sequential without an InputLayer keeps its input shape in build_input_shape.
    const first = Array.isArray(config['layers']) ? config['layers'][0] : undefined;
    const buildShape = config['build_input_shape'];
    if (fixed['class_name'] === 'Sequential' && Array.isArray(buildShape) && isRecord(first) && first['class_name'] !== 'InputLayer' && isRecord(first['config'])) {
      const firstConfig = first['config'];
      if (firstConfig['batch_input_shape'] === undefined && firstConfig['input_shape'] === undefined) firstConfig['batch_input_shape'] = buildShape;
    }
  }
  return fixed;
}

/** Deep copy that drops Keras 3 bookkeeping keys and flattens dtype policies anywhere in the tree. */
function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewrite);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (DROPPED_KEYS.has(key)) continue;
    if (key === 'dtype') out[key] = computeDtype(item);
    // Regularizers and constraints only act in training, and Keras names some (L2, MaxNorm) tfjs cannot deserialize.
    else if (/_(regularizer|constraint)$/.test(key)) out[key] = null;
    // Keras 3 names swish 'silu'; tfjs only knows 'swish'.
    else if (key === 'activation' && item === 'silu') out[key] = 'swish';
    else out[key] = rewrite(item);
  }
  return out;
}

function computeDtype(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const config = value['config'];
  const name = isRecord(config) ? config['name'] : undefined;
  if (typeof name !== 'string') return 'float32';
  return name.includes('float16') ? 'float32' : name;
}

function fixLayer(layer: Record<string, unknown>): void {
  const config = layer['config'];
  if (isRecord(config) && config['batch_shape'] !== undefined) {
    if (config['batch_input_shape'] === undefined) config['batch_input_shape'] = config['batch_shape'];
    delete config['batch_shape'];
  }
  const nodes = layer['inbound_nodes'];
  if (Array.isArray(nodes)) layer['inbound_nodes'] = nodes.map(fixNode);
}

function fixNode(node: unknown): unknown {
  if (!isRecord(node) || !('args' in node)) return node;
  const tensors: unknown[][] = [];
  collectTensors(node['args'], tensors);
  return tensors;
}

function collectTensors(value: unknown, into: unknown[][]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectTensors(item, into);
    return;
  }
  if (!isRecord(value)) return;
  const config = value['config'];
  if (value['class_name'] === '__keras_tensor__' && isRecord(config) && Array.isArray(config['keras_history'])) {
    const [name, nodeIndex, tensorIndex] = config['keras_history'] as unknown[];
    into.push([name, nodeIndex ?? 0, tensorIndex ?? 0, {}]);
  }
}
