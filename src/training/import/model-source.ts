import { computeIsLabelsJson } from './labels';
import { ModelImportError } from './model-import-error';
import type { ParsedModelJson } from './model-json';
import { validateModelJson, validateShards } from './model-json';

/**
 * Where a model comes from: files (picker or drag and drop, dropped together) or URLs (?model=...).
 * Collecting a source sorts its files into checkpoints (a model.json each, with its shards), an optional
 * labels file and probe images; shards are resolved relative to their model.json and size-checked
 * before any tfjs work, and read only when their checkpoint is loaded.
 */

/** A file as the browser's File provides it; tests build them in memory. */
export interface ImportFile {
  readonly name: string;
  /** Path relative to the dropped folder ('run/epoch-3/model.json'); the name when not known. */
  readonly path?: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type ModelSource =
  | { readonly kind: 'files'; readonly files: readonly ImportFile[] }
  | { readonly kind: 'urls'; readonly modelUrls: readonly string[]; readonly labelsUrl?: string };

export interface CheckpointSource {
  readonly parsed: ParsedModelJson;
  /** Shard bytes in manifest order (groups, then paths), each checked against the manifest. */
  loadShards(): Promise<ArrayBuffer[]>;
}

export interface CollectedSource {
  readonly checkpoints: CheckpointSource[];
  readonly labels?: { readonly text: string; readonly fileName: string };
  readonly images: ImportFile[];
  /** Files that were none of the above. */
  readonly ignored: string[];
}

const IMAGE_EXTENSION = /\.(png|jpe?g|gif|bmp|webp)$/i;
const LABELS_EXTENSION = /\.(txt|labels)$/i;

export async function collectSource(source: ModelSource, fetchFn: typeof fetch = globalThis.fetch): Promise<CollectedSource> {
  return source.kind === 'files' ? collectFiles(source.files) : collectUrls(source.modelUrls, source.labelsUrl, fetchFn);
}

async function collectFiles(files: readonly ImportFile[]): Promise<CollectedSource> {
  const byPath = new Map<string, ImportFile>();
  for (const file of files) {
    const path = computeNormalisedPath(file.path ?? file.name);
    if (byPath.has(path)) {
      throw new ModelImportError(
        'duplicate-file',
        `two files are both called ${path}: drop each checkpoint as its own folder, or give their files different names`,
        path,
      );
    }
    byPath.set(path, file);
  }
  const used = new Set<string>();
  const parsedModels: ParsedModelJson[] = [];
  let labels: CollectedSource['labels'];
  const images: ImportFile[] = [];
  const setLabels = (text: string, fileName: string): void => {
    if (labels) throw new ModelImportError('labels-mismatch', `two labels files were given: ${labels.fileName} and ${fileName}`, fileName);
    labels = { text, fileName };
  };
  for (const [path, file] of byPath) {
    if (/\.json$/i.test(path)) {
      used.add(path);
      const text = new TextDecoder().decode(await file.arrayBuffer());
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new ModelImportError('bad-json', `${path} is not valid JSON: ${(error as Error).message}`, path);
      }
      if (computeIsLabelsJson(json)) setLabels(text, path);
      else parsedModels.push(validateModelJson(json, path));
    } else if (LABELS_EXTENSION.test(path)) {
      used.add(path);
      setLabels(new TextDecoder().decode(await file.arrayBuffer()), path);
    } else if (IMAGE_EXTENSION.test(path)) {
      used.add(path);
      images.push(file);
    }
  }
  if (parsedModels.length === 0) {
    throw new ModelImportError('no-model-json', files.length === 0 ? 'no files were given' : `no model.json among the files (${[...byPath.keys()].join(', ')})`);
  }
  const checkpoints = parsedModels.map((parsed): CheckpointSource => {
    const shardFiles = parsed.manifest.flatMap((group) => group.paths).map((shard) => {
      const found = resolveShard(parsed.fileName, shard, byPath);
      if (found) used.add(found[0]);
      return found?.[1];
    });
    const sizes = new Map<string, number>();
    parsed.manifest.flatMap((group) => group.paths).forEach((shard, i) => shardFiles[i] && sizes.set(shard, shardFiles[i].size));
    validateShards(parsed, (shard) => sizes.get(shard));
    return {
      parsed,
      loadShards: async () => {
        const buffers = await Promise.all(shardFiles.map((file) => file!.arrayBuffer()));
        const lengths = new Map(parsed.manifest.flatMap((group) => group.paths).map((shard, i) => [shard, buffers[i]!.byteLength]));
        validateShards(parsed, (shard) => lengths.get(shard));
        return buffers;
      },
    };
  });
  const ignored = [...byPath.keys()].filter((path) => !used.has(path));
  return { checkpoints, ...(labels ? { labels } : {}), images, ignored };
}

/** The shard a manifest path names: relative to its model.json's folder, else the only file of that name. */
function resolveShard(modelPath: string, shard: string, byPath: ReadonlyMap<string, ImportFile>): [string, ImportFile] | undefined {
  const folder = modelPath.includes('/') ? modelPath.slice(0, modelPath.lastIndexOf('/') + 1) : '';
  const relative = computeNormalisedPath(folder + shard);
  const direct = byPath.get(relative);
  if (direct) return [relative, direct];
  const base = shard.split('/').pop()!;
  const sameName = [...byPath.entries()].filter(([path]) => path.split('/').pop() === base);
  return sameName.length === 1 ? sameName[0] : undefined;
}

/** 'a/./b/../c.bin' -> 'a/c.bin'; backslashes as slashes; no leading './' or '/'. */
export function computeNormalisedPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

async function collectUrls(modelUrls: readonly string[], labelsUrl: string | undefined, fetchFn: typeof fetch): Promise<CollectedSource> {
  if (modelUrls.length === 0) throw new ModelImportError('no-model-json', 'no model URL was given');
  const checkpoints = await Promise.all(
    modelUrls.map(async (url): Promise<CheckpointSource> => {
      const text = new TextDecoder().decode(await fetchBytes(url, fetchFn, () => new ModelImportError('fetch-failed', `could not fetch ${url}`, url)));
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new ModelImportError('bad-json', `${url} is not valid JSON: ${(error as Error).message}`, url);
      }
      const parsed = validateModelJson(json, url);
      const shardPaths = parsed.manifest.flatMap((group) => group.paths);
      return {
        parsed,
        loadShards: async () => {
          const buffers = await Promise.all(
            shardPaths.map((shard) => {
              const shardUrl = new URL(shard, url).href;
              return fetchBytes(shardUrl, fetchFn, (status) =>
                new ModelImportError('missing-shard', `weights shard ${shard} is missing: ${url}'s weightsManifest names it (${status} at ${shardUrl})`, shard),
              );
            }),
          );
          const lengths = new Map(shardPaths.map((shard, i) => [shard, buffers[i]!.byteLength]));
          validateShards(parsed, (shard) => lengths.get(shard));
          return buffers;
        },
      };
    }),
  );
  let labels: CollectedSource['labels'];
  if (labelsUrl) {
    const bytes = await fetchBytes(labelsUrl, fetchFn, () => new ModelImportError('fetch-failed', `could not fetch the labels file ${labelsUrl}`, labelsUrl));
    labels = { text: new TextDecoder().decode(bytes), fileName: labelsUrl };
  }
  return { checkpoints, ...(labels ? { labels } : {}), images: [], ignored: [] };
}

async function fetchBytes(url: string, fetchFn: typeof fetch, fail: (status: string) => ModelImportError): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetchFn(url);
  } catch (error) {
    const failure = fail('network error');
    throw new ModelImportError(failure.code, `${failure.message}: ${(error as Error).message}`, failure.fileName);
  }
  if (!response.ok) {
    const failure = fail(`HTTP ${response.status}`);
    throw new ModelImportError(failure.code, failure.code === 'fetch-failed' ? `${failure.message}: HTTP ${response.status}` : failure.message, failure.fileName);
  }
  return response.arrayBuffer();
}

/**
 * `?model=URL` (repeatable, one per checkpoint) and optional `&labels=URL` of a page address -> a source;
 * relative URLs are resolved against `base` (the page). Null when the address names no model.
 */
export function computeModelSourceFromSearch(search: string, base: string): ModelSource | null {
  const params = new URLSearchParams(search);
  const modelUrls = params.getAll('model').filter((url) => url !== '').map((url) => new URL(url, base).href);
  if (modelUrls.length === 0) return null;
  const labels = params.get('labels');
  return { kind: 'urls', modelUrls, ...(labels ? { labelsUrl: new URL(labels, base).href } : {}) };
}
