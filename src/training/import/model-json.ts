import { ModelImportError } from './model-import-error';

/**
 * model.json of a TensorFlow.js LayersModel, as written by tfjs `model.save` or by tensorflowjs_converter:
 *   { format?: 'layers-model', modelTopology: { class_name, config } | { model_config: {...}, keras_version, ... },
 *     weightsManifest: [{ paths: ['group1-shard1of1.bin', ...], weights: [{ name, shape, dtype, quantization? }] }] }
 * Parsed and checked here without tfjs, so every problem names the file.
 */

export interface ManifestWeight {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly quantization?: { readonly dtype: string; readonly [key: string]: unknown };
}

export interface ManifestGroup {
  readonly paths: readonly string[];
  readonly weights: readonly ManifestWeight[];
}

export interface ParsedModelJson {
  readonly fileName: string;
  /** The Keras model config: { class_name: 'Sequential' | 'Functional' | 'Model', config }. */
  readonly topology: Record<string, unknown>;
  readonly manifest: readonly ManifestGroup[];
}

const MODEL_CLASSES = new Set(['Sequential', 'Model', 'Functional']);

/** Bytes a stored value takes: quantised weights are stored in their quantised dtype. */
const DTYPE_BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, complex64: 8 };

export function parseModelJson(text: string, fileName: string): ParsedModelJson {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ModelImportError('bad-json', `${fileName} is not valid JSON: ${(error as Error).message}`, fileName);
  }
  return validateModelJson(json, fileName);
}

export function validateModelJson(json: unknown, fileName: string): ParsedModelJson {
  if (!isRecord(json)) throw new ModelImportError('not-layers-model', `${fileName} is not a TensorFlow.js model.json (it is not a JSON object)`, fileName);
  const format = json['format'];
  const rawTopology = json['modelTopology'];
  if (format === 'graph-model' || (isRecord(rawTopology) && Array.isArray(rawTopology['node']))) {
    throw new ModelImportError(
      'not-layers-model',
      `${fileName} is a TensorFlow.js graph model; LayerWalk needs a layers model (convert with --output_format tfjs_layers_model)`,
      fileName,
    );
  }
  if (!isRecord(rawTopology)) {
    throw new ModelImportError('not-layers-model', `${fileName} has no "modelTopology": it is not a TensorFlow.js LayersModel`, fileName);
  }
  const topology = isRecord(rawTopology['model_config']) ? rawTopology['model_config'] : rawTopology;
  const className = topology['class_name'];
  if (typeof className !== 'string' || !isRecord(topology['config']) && !Array.isArray(topology['config'])) {
    throw new ModelImportError('not-layers-model', `${fileName}'s modelTopology has no "class_name" and "config": it is not a Keras/TensorFlow.js LayersModel`, fileName);
  }
  if (!MODEL_CLASSES.has(className)) {
    throw new ModelImportError('not-layers-model', `${fileName}'s modelTopology is a "${className}", not a Sequential or functional model`, fileName);
  }
  return { fileName, topology, manifest: parseManifest(json['weightsManifest'], fileName) };
}

function parseManifest(value: unknown, fileName: string): ManifestGroup[] {
  if (value === undefined || value === null) {
    throw new ModelImportError('not-layers-model', `${fileName} has no "weightsManifest": the model's weights are not described`, fileName);
  }
  if (!Array.isArray(value)) throw new ModelImportError('not-layers-model', `${fileName}'s "weightsManifest" is not a list`, fileName);
  return value.map((group, g): ManifestGroup => {
    if (!isRecord(group) || !Array.isArray(group['paths']) || !Array.isArray(group['weights'])) {
      throw new ModelImportError('not-layers-model', `${fileName}: weightsManifest group ${g + 1} needs "paths" and "weights" lists`, fileName);
    }
    const paths = group['paths'].map((path) => {
      if (typeof path !== 'string' || path === '') throw new ModelImportError('not-layers-model', `${fileName}: weightsManifest group ${g + 1} has a path that is not a file name`, fileName);
      return path;
    });
    const weights = group['weights'].map((weight): ManifestWeight => {
      const ok =
        isRecord(weight) &&
        typeof weight['name'] === 'string' &&
        Array.isArray(weight['shape']) &&
        weight['shape'].every((d) => Number.isInteger(d) && (d as number) >= 0) &&
        typeof weight['dtype'] === 'string';
      if (!ok) throw new ModelImportError('not-layers-model', `${fileName}: weightsManifest group ${g + 1} has a weight without a name, shape and dtype: ${JSON.stringify(weight)}`, fileName);
      const quantization = weight['quantization'];
      return {
        name: weight['name'] as string,
        shape: weight['shape'] as number[],
        dtype: weight['dtype'] as string,
        ...(isRecord(quantization) && typeof quantization['dtype'] === 'string' ? { quantization: quantization as ManifestWeight['quantization'] } : {}),
      };
    });
    return { paths, weights };
  });
}

/** Bytes one manifest group's weights occupy in its concatenated shards. */
export function computeGroupByteLength(group: ManifestGroup, fileName: string): number {
  let bytes = 0;
  for (const weight of group.weights) {
    const dtype = weight.quantization?.dtype ?? weight.dtype;
    const size = DTYPE_BYTES[dtype];
    if (size === undefined) throw new ModelImportError('not-layers-model', `${fileName}: weight ${weight.name} has dtype "${dtype}", which LayerWalk cannot read`, fileName);
    let count = 1;
    for (const dim of weight.shape) count *= dim;
    bytes += count * size;
  }
  return bytes;
}

/**
 * Checks every group's shards against the manifest: each present, and their total length equal to
 * what the group's weights need. `shardLength(path)` is the byte length of a shard, or undefined if absent.
 */
export function validateShards(parsed: ParsedModelJson, shardLength: (path: string) => number | undefined): void {
  for (const group of parsed.manifest) {
    let total = 0;
    for (const path of group.paths) {
      const length = shardLength(path);
      if (length === undefined) {
        throw new ModelImportError('missing-shard', `weights shard ${path} is missing: ${parsed.fileName}'s weightsManifest names it`, path);
      }
      total += length;
    }
    const needed = computeGroupByteLength(group, parsed.fileName);
    if (total !== needed) {
      const what = group.paths.length === 1 ? `${group.paths[0]} is ${total} bytes` : `shards ${group.paths.join(' + ')} are ${total} bytes together`;
      throw new ModelImportError('shard-size', `${what}, the manifest's weights need ${needed}`, group.paths[group.paths.length - 1]);
    }
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
