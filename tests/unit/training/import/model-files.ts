import * as tf from '@tensorflow/tfjs';
import type { ImportFile } from '../../../../src/training/import/model-source';

/** In-memory model files, as a drag-and-drop of model.json + shards would hand them over. */

export function createMemoryFile(path: string, content: Uint8Array | ArrayBuffer | string): ImportFile {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content instanceof ArrayBuffer ? content : content.slice().buffer);
  return {
    name: path.split('/').pop()!,
    path,
    size: bytes.byteLength,
    arrayBuffer: async () => bytes.slice().buffer,
  };
}

export interface SavedModel {
  /** The model.json object (edit it to make broken cases). */
  readonly json: Record<string, unknown> & { weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[] };
  /** Shard bytes by path. */
  readonly shards: Map<string, Uint8Array>;
}

/** Saves a tfjs model as model.json + `shardCount` shards (tfjs's own artifacts, split like the converter does). */
export async function saveModel(model: tf.LayersModel, shardPrefix = 'group1', shardCount = 1): Promise<SavedModel> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  const data = new Uint8Array(tf.io.CompositeArrayBuffer.join(saved!.weightData!));
  const per = Math.ceil(data.byteLength / shardCount);
  const shards = new Map<string, Uint8Array>();
  const paths: string[] = [];
  for (let s = 0; s < shardCount; s++) {
    const path = `${shardPrefix}-shard${s + 1}of${shardCount}.bin`;
    paths.push(path);
    shards.set(path, data.slice(s * per, Math.min(data.byteLength, (s + 1) * per)));
  }
  const json = {
    format: 'layers-model',
    generatedBy: 'TensorFlow.js tfjs-layers',
    convertedBy: null,
    modelTopology: saved!.modelTopology,
    weightsManifest: [{ paths, weights: saved!.weightSpecs as never }],
  };
  return { json: JSON.parse(JSON.stringify(json)), shards };
}

export function createModelFiles(saved: SavedModel, folder = '', jsonName = 'model.json'): ImportFile[] {
  return [
    createMemoryFile(folder + jsonName, JSON.stringify(saved.json)),
    ...[...saved.shards].map(([path, bytes]) => createMemoryFile(folder + path, bytes)),
  ];
}

/** A fetch over an in-memory map of URL -> bytes; anything else is a 404. */
export function createMemoryFetch(files: ReadonlyMap<string, Uint8Array | string>): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const body = files.get(url);
    if (body === undefined) return new Response('not found', { status: 404 });
    return new Response(typeof body === 'string' ? body : body.slice());
  }) as typeof fetch;
}

export function computeBatch(probes: readonly Float32Array[], shape: readonly number[]): tf.Tensor {
  const size = probes[0]!.length;
  const packed = new Float32Array(probes.length * size);
  probes.forEach((p, i) => packed.set(p, i * size));
  return tf.tensor(packed, [probes.length, ...shape]);
}
