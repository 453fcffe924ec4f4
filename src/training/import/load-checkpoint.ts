import * as tf from '@tensorflow/tfjs';
import { computeFlatTopology } from './flatten-topology';
import { computeTfjsTopology } from './keras3-topology';
import { ModelImportError } from './model-import-error';
import type { ManifestWeight, ParsedModelJson } from './model-json';
import { isRecord } from './model-json';

/**
 * Builds a tfjs LayersModel from a validated model.json and its shard bytes. The architecture is built
 * first, then every manifest weight is matched to a layer variable and shape-checked, so a mismatch
 * names the weight, both shapes and the file instead of failing deep inside tfjs.
 */

export interface WeightTarget {
  readonly layerName: string;
  /** Position among the layer's weights. */
  readonly index: number;
  readonly originalName: string;
  readonly shape: readonly number[];
}

export async function loadCheckpointModel(parsed: ParsedModelJson, shards: readonly ArrayBuffer[]): Promise<tf.LayersModel> {
  const model = await buildModel(parsed);
  try {
    checkInput(model, parsed.fileName);
    const variables = model.layers.flatMap((layer) => layer.weights.map((variable, index) => ({ layer, index, variable })));
    const targets: WeightTarget[] = variables.map(({ layer, index, variable }) => ({
      layerName: layer.name,
      index,
      originalName: variable.originalName,
      shape: variable.shape as number[],
    }));
    const specs = parsed.manifest.flatMap((group) => group.weights);
    const matched = matchManifestWeights(targets, specs, parsed.fileName);
    const decoded = tf.io.decodeWeights([...shards], specs as tf.io.WeightsManifestEntry[]);
    try {
      specs.forEach((spec, i) => {
        const value = decoded[spec.name]!;
        const variable = variables[matched[i]!]!.variable;
        const cast = value.dtype === variable.dtype ? value : tf.cast(value, variable.dtype);
        variable.write(cast);
        if (cast !== value) cast.dispose();
      });
    } finally {
      tf.dispose(Object.values(decoded));
    }
    return model;
  } catch (error) {
    model.dispose();
    throw error;
  }
}

async function buildModel(parsed: ParsedModelJson): Promise<tf.LayersModel> {
  const topology = computeFlatTopology(computeTfjsTopology(parsed.topology));
  checkLayerClasses(topology, parsed.fileName);
  // Layers built before tfjs gives up keep their variables: note which exist so a failure frees the new ones.
  const variablesBefore = new Set(Object.keys(tf.engine().registeredVariables));
  try {
    return await tf.models.modelFromJSON({ modelTopology: topology } as tf.io.ModelJSON as never);
  } catch (error) {
    for (const [name, variable] of Object.entries(tf.engine().registeredVariables)) if (!variablesBefore.has(name)) variable.dispose();
    // tfjs messages run on ("This may be due to one of the following reasons: ..."): keep the first sentence.
    const message = ((error as Error).message ?? String(error)).split(/\. (?=[A-Z])|\n/)[0];
    throw new ModelImportError('load-failed', `${parsed.fileName}: TensorFlow.js cannot build this model: ${message}`, parsed.fileName);
  }
}

/** Every layer class must be one tfjs has registered; named here before tfjs half-builds the model. */
function checkLayerClasses(topology: Record<string, unknown>, fileName: string): void {
  const known = tf.serialization.SerializationMap.getMap().classNameMap;
  const config = topology['config'];
  const layers = Array.isArray(config) ? config : isRecord(config) && Array.isArray(config['layers']) ? config['layers'] : [];
  for (const layer of layers) {
    if (!isRecord(layer) || typeof layer['class_name'] !== 'string') continue;
    const className = layer['class_name'];
    if (known[className]) continue;
    const name = isRecord(layer['config']) && typeof layer['config']['name'] === 'string' ? `"${layer['config']['name']}" ` : '';
    throw new ModelImportError(
      'load-failed',
      `${fileName}: layer ${name}is a ${className}, which TensorFlow.js cannot run (a custom or newer Keras layer); LayerWalk needs a model tfjs can load`,
      fileName,
    );
  }
}

function checkInput(model: tf.LayersModel, fileName: string): void {
  if (model.inputs.length !== 1) {
    throw new ModelImportError('unsupported-input', `${fileName}: the model has ${model.inputs.length} inputs; LayerWalk shows models with one input`, fileName);
  }
  const shape = model.inputs[0]!.shape.slice(1);
  if (shape.length < 1 || shape.length > 3) {
    throw new ModelImportError(
      'unsupported-input',
      `${fileName}: the model's input has rank ${shape.length} ([${shape.join(', ')}]); LayerWalk needs an image (height, width, channels), a 2-D map or a vector`,
      fileName,
    );
  }
  if (shape.some((d) => d === null || d === undefined || d <= 0)) {
    throw new ModelImportError(
      'unsupported-input',
      `${fileName}: the model's input shape [${shape.map((d) => d ?? 'None').join(', ')}] has an unknown size; set a fixed input size before exporting`,
      fileName,
    );
  }
}

/**
 * Index into `targets` for each manifest weight. Accepted names: the variable's own name ('conv1/kernel'),
 * Keras 3 positional names ('conv1/0'), and names with extra scopes ('sequential/conv1/kernel',
 * 'lstm/lstm_cell/kernel'): the innermost scope that is a layer name, then the weight's role.
 * Every target must be matched once and shapes must agree.
 */
export function matchManifestWeights(targets: readonly WeightTarget[], weights: readonly ManifestWeight[], fileName: string): number[] {
  const byOriginal = new Map<string, number>();
  const byLayer = new Map<string, number[]>();
  targets.forEach((target, i) => {
    byOriginal.set(target.originalName, i);
    const list = byLayer.get(target.layerName) ?? [];
    list.push(i);
    byLayer.set(target.layerName, list);
  });
  const used = new Map<number, string>();
  const result = weights.map((weight) => {
    const index = findTarget(weight.name, targets, byOriginal, byLayer);
    if (index === undefined) {
      throw new ModelImportError('weight-shape', `${fileName}: the manifest's weight ${weight.name} belongs to no layer of the model`, fileName);
    }
    const target = targets[index]!;
    if (used.has(index)) {
      throw new ModelImportError('weight-shape', `${fileName}: weights ${used.get(index)} and ${weight.name} both fill ${target.originalName}`, fileName);
    }
    used.set(index, weight.name);
    if (weight.shape.join(',') !== target.shape.join(',')) {
      throw new ModelImportError(
        'weight-shape',
        `${fileName}: ${weight.name} is [${weight.shape.join(',')}] in the manifest but layer "${target.layerName}" expects [${target.shape.join(',')}]`,
        fileName,
      );
    }
    return index;
  });
  const missing = targets.filter((_, i) => !used.has(i)).map((t) => t.originalName);
  if (missing.length > 0) {
    throw new ModelImportError('weight-shape', `${fileName}: the manifest has no values for ${missing.join(', ')}`, fileName);
  }
  return result;
}

function findTarget(
  name: string,
  targets: readonly WeightTarget[],
  byOriginal: ReadonlyMap<string, number>,
  byLayer: ReadonlyMap<string, number[]>,
): number | undefined {
  const clean = name.replace(/:\d+$/, '');
  const exact = byOriginal.get(clean);
  if (exact !== undefined) return exact;
  const tokens = clean.split('/').map((token) => token.replace(/^_/, ''));
  const last = tokens[tokens.length - 1]!;
  for (let t = tokens.length - 2; t >= 0; t--) {
    const candidates = byLayer.get(tokens[t]!);
    if (!candidates) continue;
    if (/^\d+$/.test(last)) return candidates.find((i) => targets[i]!.index === Number(last));
    return candidates.find((i) => computeLastPart(targets[i]!.originalName) === last.replace(/_\d+$/, ''));
  }
  return undefined;
}

function computeLastPart(originalName: string): string {
  return (originalName.split('/').pop() ?? originalName).replace(/_\d+$/, '');
}
