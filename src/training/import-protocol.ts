/**
 * The messages between the page and the model-import worker (import.worker.ts). Types and one
 * constant: the page's client (import-client.ts) imports this without pulling tfjs into its bundle.
 *
 * One request per import, answered by progress events and then exactly one result or error with the
 * same id. Files travel as Blobs (a File is one): structured cloning passes a reference to the
 * browser's blob store, so the page never reads model bytes. The result is an encoded recording
 * (src/snapshot), its buffer transferred without a copy.
 */
import type { ModelImportErrorCode } from './import/model-import-error';
import type { Normalisation } from './import/probe-inputs';

export interface ImportFileData {
  readonly name: string;
  /** Path relative to a dropped folder ('run/epoch-3/model.json'); the name when not known. */
  readonly path: string;
  readonly data: Blob;
}

export type ImportRequestSource =
  | { readonly kind: 'files'; readonly files: readonly ImportFileData[] }
  /** Absolute URLs: the worker resolves relative ones against its own script, not the page. */
  | { readonly kind: 'urls'; readonly modelUrls: readonly string[]; readonly labelsUrl?: string };

export interface ImportRequest {
  readonly type: 'import';
  readonly id: number;
  readonly source: ImportRequestSource;
  readonly normalisation?: Normalisation;
}

/**
 * Failures outside the model files themselves: tfjs could not start, the recording could not be
 * encoded (worker) or decoded (page), the worker died, a bad message, or the client was disposed.
 */
export const IMPORT_RUNTIME_FAILURES = ['backend-failed', 'encode-failed', 'decode-failed', 'internal-error', 'worker-failed', 'disposed'] as const;
export type ImportRuntimeFailure = (typeof IMPORT_RUNTIME_FAILURES)[number];
export type ImportFailureCode = ModelImportErrorCode | ImportRuntimeFailure;

export type ImportEvent =
  | { readonly type: 'progress'; readonly id: number; readonly fraction: number; readonly label: string }
  | { readonly type: 'result'; readonly id: number; readonly bytes: ArrayBuffer; readonly notices: string[] }
  | { readonly type: 'error'; readonly id: number; readonly code: ImportFailureCode; readonly message: string; readonly fileName?: string };

export type ImportEventOf<T extends ImportEvent['type']> = Extract<ImportEvent, { type: T }>;
