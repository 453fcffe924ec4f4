import { isRecord } from './model-json';

/**
 * Inlines models used as layers (transfer learning: Sequential([base_model, Flatten(), Dense()]) or a
 * functional model calling one) into one flat functional config, so every inner layer is drawn and
 * recorded like any other. Works on the Keras 2 form (after computeTfjsTopology). A topology without
 * nested models is returned unchanged; one that cannot be inlined (a nested model called twice, an
 * input shape nowhere to be found) is returned unchanged too, and describeModel then names the layer.
 *
 * Graph form: layers {class_name, name, config, inbound_nodes: [[[layer, node, tensor, kwargs], ...]]},
 * model inputs/outputs [[layer, node, tensor]]. A nested model's inner inputs are replaced by the
 * tensors that fed it; references to its outputs by its inner output tensors.
 */

type Ref = [string, number, number, Record<string, unknown>];
type ModelRef = [string, number, number];

interface LayerEntry {
  class_name: string;
  name: string;
  config: Record<string, unknown>;
  inbound_nodes: Ref[][];
}

interface Graph {
  readonly name: string;
  readonly layers: LayerEntry[];
  readonly inputs: ModelRef[];
  readonly outputs: ModelRef[];
}

const MODEL_CLASSES = new Set(['Sequential', 'Model', 'Functional']);

export function computeFlatTopology(topology: Record<string, unknown>): Record<string, unknown> {
  if (!containsNestedModel(topology)) return topology;
  const graph = computeGraph(topology);
  if (!graph) return topology;
  return {
    class_name: 'Model',
    config: { name: graph.name, layers: graph.layers, input_layers: graph.inputs, output_layers: graph.outputs },
  };
}

function computeLayerList(topology: Record<string, unknown>): unknown[] {
  const config = topology['config'];
  if (Array.isArray(config)) return config;
  return isRecord(config) && Array.isArray(config['layers']) ? config['layers'] : [];
}

function containsNestedModel(topology: Record<string, unknown>): boolean {
  return computeLayerList(topology).some((layer) => isRecord(layer) && MODEL_CLASSES.has(String(layer['class_name'])));
}

function computeGraph(topology: Record<string, unknown>): Graph | null {
  const graph = topology['class_name'] === 'Sequential' ? computeSequentialGraph(topology) : computeFunctionalGraph(topology);
  if (!graph) return null;
  for (let i = 0; i < graph.layers.length; i++) {
    const layer = graph.layers[i]!;
    if (!MODEL_CLASSES.has(layer.class_name)) continue;
    const inlined = computeInlined(graph, i);
    if (!inlined) return null;
    i += inlined - 1;
  }
  return graph;
}

function computeSequentialGraph(topology: Record<string, unknown>): Graph | null {
  const config = isRecord(topology['config']) ? topology['config'] : {};
  const source = computeLayerList(topology).filter(isRecord);
  const first = source[0];
  if (!first) return null;
  const layers: LayerEntry[] = [];
  let previous: Ref;
  const firstConfig = isRecord(first['config']) ? first['config'] : {};
  const firstName = String(firstConfig['name'] ?? 'layer0');
  if (first['class_name'] === 'InputLayer') {
    layers.push({ class_name: 'InputLayer', name: firstName, config: { ...firstConfig }, inbound_nodes: [] });
    previous = [firstName, 0, 0, {}];
  } else {
    const shape = computeBatchInputShape(first);
    if (!shape) return null;
    const inputName = `${firstName}_input`;
    layers.push({ class_name: 'InputLayer', name: inputName, config: { name: inputName, batch_input_shape: shape, dtype: firstConfig['dtype'] ?? 'float32', sparse: false }, inbound_nodes: [] });
    previous = [inputName, 0, 0, {}];
  }
  for (const layer of first['class_name'] === 'InputLayer' ? source.slice(1) : source) {
    const layerConfig: Record<string, unknown> = { ...(isRecord(layer['config']) ? layer['config'] : {}) };
    delete layerConfig['batch_input_shape'];
    delete layerConfig['input_shape'];
    const name = String(layerConfig['name'] ?? `layer${layers.length}`);
    layers.push({ class_name: String(layer['class_name']), name, config: layerConfig, inbound_nodes: [[previous]] });
    previous = [name, 0, 0, {}];
  }
  return { name: String(config['name'] ?? 'model'), layers, inputs: [[layers[0]!.name, 0, 0]], outputs: [[previous[0], previous[1], previous[2]]] };
}

/** A nested model's own input shape: its InputLayer's, or its first layer's batch_input_shape. */
function computeBatchInputShape(layer: Record<string, unknown>): unknown[] | null {
  const config = isRecord(layer['config']) ? layer['config'] : {};
  if (Array.isArray(config['batch_input_shape'])) return config['batch_input_shape'];
  if (Array.isArray(config['input_shape'])) return [null, ...config['input_shape']];
  if (MODEL_CLASSES.has(String(layer['class_name']))) {
    const inner = computeLayerList(layer).find(isRecord);
    return inner ? computeBatchInputShape(inner) : null;
  }
  return null;
}

function computeFunctionalGraph(topology: Record<string, unknown>): Graph | null {
  const config = isRecord(topology['config']) ? topology['config'] : null;
  if (!config) return null;
  const layers = computeLayerList(topology)
    .filter(isRecord)
    .map((layer): LayerEntry => ({
      class_name: String(layer['class_name']),
      name: String(layer['name'] ?? (isRecord(layer['config']) ? layer['config']['name'] : '')),
      config: isRecord(layer['config']) ? { ...layer['config'] } : {},
      inbound_nodes: (Array.isArray(layer['inbound_nodes']) ? layer['inbound_nodes'] : []) as Ref[][],
    }));
  return {
    name: String(config['name'] ?? 'model'),
    layers,
    inputs: (config['input_layers'] ?? []) as ModelRef[],
    outputs: (config['output_layers'] ?? []) as ModelRef[],
  };
}

/** Replaces graph.layers[index] (a nested model) by its flattened layers; returns how many were inserted. */
function computeInlined(graph: Graph, index: number): number | null {
  const nested = graph.layers[index]!;
  const inner = computeGraph({ class_name: nested.class_name, config: nested.config });
  if (!inner || nested.inbound_nodes.length !== 1) return null;
  const feeding = nested.inbound_nodes[0]!;
  if (feeding.length !== inner.inputs.length) return null;
  const inputFeeds = new Map<string, Ref>(inner.inputs.map((input, i) => [input[0], feeding[i]!]));
  const mapInner = (ref: Ref): Ref => {
    const feed = inputFeeds.get(ref[0]);
    return feed ? [feed[0], feed[1], feed[2], { ...feed[3], ...ref[3] }] : ref;
  };
  const body = inner.layers.filter((layer) => !inputFeeds.has(layer.name));
  for (const layer of body) layer.inbound_nodes = layer.inbound_nodes.map((node) => node.map(mapInner));
  const outputs = inner.outputs.map((output) => mapInner([output[0], output[1], output[2], {}]));
  const mapOuter = (ref: Ref): Ref => {
    if (ref[0] !== nested.name) return ref;
    const output = outputs[ref[2]]!;
    return [output[0], output[1], output[2], { ...output[3], ...ref[3] }];
  };
  graph.layers.splice(index, 1, ...body);
  for (const layer of graph.layers) layer.inbound_nodes = layer.inbound_nodes.map((node) => node.map(mapOuter));
  graph.outputs.forEach((output, i) => {
    const mapped = mapOuter([output[0], output[1], output[2], {}]);
    graph.outputs[i] = [mapped[0], mapped[1], mapped[2]];
  });
  return body.length;
}
