/**
 * The page's handle on model import: a promise API over the import worker (import.worker.ts). tfjs
 * loads and runs the user's model in the worker; the page gets progress and, at the end, a Recording
 * decoded from the bytes the worker encoded. This module does not import tfjs, so the page's bundle
 * stays free of it.
 *
 * One worker, started on the first import and reused (tfjs and its wasm backend start once); imports
 * queue in it. A worker that dies fails its pending imports and is replaced on the next one.
 */
import type { Recording } from '../domain/recording';
import { decodeRecording } from '../snapshot';
import { ModelImportError } from './import/model-import-error';
import type { Normalisation } from './import/probe-inputs';
import { IMPORT_RUNTIME_FAILURES } from './import-protocol';
import type { ImportEvent, ImportFileData, ImportRequest, ImportRequestSource, ImportRuntimeFailure } from './import-protocol';

export type { ImportFileData };

/** label for a progress bar, fraction 0..1. */
export type ImportProgress = (label: string, fraction: number) => void;

export interface ImportOptions {
  /** How 0..255 pixels become the model's input. Default '0..1'. */
  readonly normalisation?: Normalisation;
}

export interface ClientImportResult {
  readonly recording: Recording;
  /** For the user: generic layers, display caps, which probes, the backend... */
  readonly notices: string[];
}

export interface ImportClient {
  importFiles(files: readonly ImportFileData[], onProgress?: ImportProgress, options?: ImportOptions): Promise<ClientImportResult>;
  /** Relative URLs are resolved against the page's address. */
  importUrls(modelUrls: readonly string[], labelsUrl: string | null, onProgress?: ImportProgress, options?: ImportOptions): Promise<ClientImportResult>;
  /** Stops the worker; pending imports reject with code 'disposed'. */
  dispose(): void;
}

/** An import that failed for a reason other than the model files (those are ModelImportErrors). */
export class ImportRuntimeError extends Error {
  override name = 'ImportRuntimeError';
  constructor(
    readonly code: ImportRuntimeFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface ImportClientOptions {
  /** Default: the bundled import.worker.ts as a module worker. */
  readonly createWorker?: () => Worker;
  /** What relative model URLs are relative to. Default: the page's address. */
  readonly baseUrl?: string;
}

interface Pending {
  readonly resolve: (result: ClientImportResult) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress: ImportProgress | undefined;
}

const RUNTIME_FAILURES: ReadonlySet<string> = new Set(IMPORT_RUNTIME_FAILURES);

export function createImportClient(options: ImportClientOptions = {}): ImportClient {
  const pending = new Map<number, Pending>();
  let worker: Worker | undefined;
  let nextId = 1;
  let disposed = false;

  const failAll = (error: ImportRuntimeError) => {
    const waiting = [...pending.values()];
    pending.clear();
    for (const entry of waiting) entry.reject(error);
  };

  const stopWorker = () => {
    worker?.terminate();
    worker = undefined;
  };

  const route = (event: ImportEvent) => {
    const entry = pending.get(event.id);
    if (!entry) return;
    if (event.type === 'progress') {
      entry.onProgress?.(event.label, event.fraction);
      return;
    }
    pending.delete(event.id);
    if (event.type === 'error') {
      entry.reject(
        RUNTIME_FAILURES.has(event.code)
          ? new ImportRuntimeError(event.code as ImportRuntimeFailure, event.message)
          : new ModelImportError(event.code as ModelImportError['code'], event.message, event.fileName),
      );
      return;
    }
    try {
      entry.resolve({ recording: decodeRecording(event.bytes), notices: event.notices });
    } catch (error) {
      entry.reject(new ImportRuntimeError('decode-failed', `the imported model's recording could not be read back: ${error instanceof Error ? error.message : String(error)}`));
    }
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const created = options.createWorker?.() ?? new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'model-import' });
    created.onmessage = (message: MessageEvent<ImportEvent>) => route(message.data);
    const onFailure = (what: string) => {
      // A dead worker answers nothing more: fail what it held and start afresh on the next import.
      if (worker === created) stopWorker();
      failAll(new ImportRuntimeError('worker-failed', `the model-import worker failed: ${what}`));
    };
    created.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      onFailure(event.message || 'it could not start or crashed');
    };
    created.onmessageerror = () => onFailure('a message from it could not be read');
    worker = created;
    return created;
  };

  const request = (source: ImportRequestSource, onProgress: ImportProgress | undefined, importOptions: ImportOptions | undefined) =>
    new Promise<ClientImportResult>((resolve, reject) => {
      if (disposed) {
        reject(new ImportRuntimeError('disposed', 'the model importer was shut down'));
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve, reject, onProgress });
      const message: ImportRequest = { type: 'import', id, source, ...(importOptions?.normalisation ? { normalisation: importOptions.normalisation } : {}) };
      try {
        ensureWorker().postMessage(message);
      } catch (error) {
        pending.delete(id);
        reject(new ImportRuntimeError('worker-failed', `could not hand the model to the import worker: ${error instanceof Error ? error.message : String(error)}`));
      }
    });

  const resolveUrl = (url: string): string => {
    const base = options.baseUrl ?? globalThis.location?.href;
    try {
      return base ? new URL(url, base).href : new URL(url).href;
    } catch {
      throw new ModelImportError('fetch-failed', `${url} is not a valid URL`, url);
    }
  };

  return {
    importFiles(files, onProgress, importOptions) {
      return request({ kind: 'files', files: files.map((f) => ({ name: f.name, path: f.path, data: f.data })) }, onProgress, importOptions);
    },
    async importUrls(modelUrls, labelsUrl, onProgress, importOptions) {
      const source: ImportRequestSource = {
        kind: 'urls',
        modelUrls: modelUrls.map(resolveUrl),
        ...(labelsUrl ? { labelsUrl: resolveUrl(labelsUrl) } : {}),
      };
      return request(source, onProgress, importOptions);
    },
    dispose() {
      disposed = true;
      stopWorker();
      failAll(new ImportRuntimeError('disposed', 'the model importer was shut down'));
    },
  };
}
