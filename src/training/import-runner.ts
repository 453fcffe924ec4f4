/**
 * What the import worker does with a request, apart from postMessage: start the tfjs backend, run
 * importModel, encode the recording, and answer with progress, then one result or one error. Kept out
 * of import.worker.ts so node tests run the same code inline (cpu backend, files from disk).
 */
import { encodeRecording } from '../snapshot';
import type { TrainingBackendInfo, TrainingBackendOptions } from './backend';
import { selectTrainingBackend } from './backend';
import type { DecodedImage } from './import/decode-image-file';
import { importModel } from './import/import-model';
import { ModelImportError } from './import/model-import-error';
import type { ImportFile, ModelSource } from './import/model-source';
import type { ImportEvent, ImportFailureCode, ImportFileData, ImportRequest, ImportRequestSource } from './import-protocol';

export interface ImportRunnerDeps {
  /** Passed to selectTrainingBackend (worker: the wasm binaries' URLs; tests: prefer 'cpu'). */
  readonly backend: TrainingBackendOptions;
  /** The MNIST test split, for 28x28x1 models' probes. */
  readonly loadMnistTest: () => Promise<ArrayBuffer | Uint8Array>;
  /** Probe-image decoding; the worker's uses createImageBitmap + OffscreenCanvas. */
  readonly decodeImage: (file: ImportFile) => Promise<DecodedImage>;
  readonly fetch?: typeof fetch;
}

export type PostImportEvent = (event: ImportEvent, transfer?: Transferable[]) => void;

export interface ImportRunner {
  /** Queues a request (imports run one at a time: they share tfjs's backend and memory). */
  handle(message: unknown): Promise<void>;
}

/** A failure with a code for the protocol; the message is for the user as it stands. */
class ImportStepError extends Error {
  constructor(
    readonly code: ImportFailureCode,
    message: string,
  ) {
    super(message);
  }
}

export function createImportRunner(deps: ImportRunnerDeps, post: PostImportEvent): ImportRunner {
  let queue: Promise<void> = Promise.resolve();
  let backendNotice: Promise<string> | undefined;

  /** Started once per worker: later imports reuse the running backend. */
  const startBackend = (): Promise<string> => {
    backendNotice ??= selectTrainingBackend(deps.backend).then(computeBackendNotice, (error: unknown) => {
      backendNotice = undefined;
      throw new ImportStepError('backend-failed', `TensorFlow.js could not start: ${computeDetail(error)}`);
    });
    return backendNotice;
  };

  async function run(request: ImportRequest): Promise<void> {
    const { id } = request;
    const progress = (fraction: number, label: string) => post({ type: 'progress', id, fraction, label });
    try {
      progress(0, 'Starting TensorFlow.js');
      const notice = await startBackend();
      const imported = await importModel(computeModelSource(request.source), {
        ...(request.normalisation ? { normalisation: request.normalisation } : {}),
        onProgress: (fraction, label) => progress(fraction, `Importing: ${label}`),
        loadMnistTest: deps.loadMnistTest,
        decodeImage: deps.decodeImage,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      });
      progress(1, 'Importing: recording');
      let bytes: Uint8Array;
      try {
        bytes = encodeRecording(imported.recording);
      } catch (error) {
        throw new ImportStepError('encode-failed', `the imported model could not be recorded: ${computeDetail(error)}`);
      }
      // toBytes() copies into an exact-size buffer, so the whole buffer is the recording.
      const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
      post({ type: 'result', id, bytes: buffer, notices: [...imported.notices, notice] }, [buffer]);
    } catch (error) {
      post(computeErrorEvent(id, error));
    }
  }

  return {
    handle(message) {
      const request = parseRequest(message);
      if (typeof request === 'string') {
        const id = (message as { id?: unknown } | null)?.id;
        post({ type: 'error', id: typeof id === 'number' ? id : -1, code: 'internal-error', message: request });
        return Promise.resolve();
      }
      queue = queue.then(() => run(request));
      return queue;
    },
  };
}

function computeModelSource(source: ImportRequestSource): ModelSource {
  if (source.kind === 'urls') return source;
  return {
    kind: 'files',
    files: source.files.map((file) => ({ name: file.name, path: file.path, size: file.data.size, arrayBuffer: () => file.data.arrayBuffer() })),
  };
}

function computeBackendNotice(backend: TrainingBackendInfo): string {
  const name = backend.name === 'wasm' && backend.simd ? 'wasm (SIMD)' : backend.name;
  return `Inspected on the tfjs ${name} backend${backend.fallbackReason ? `: ${backend.fallbackReason}` : ''}.`;
}

function computeErrorEvent(id: number, error: unknown): ImportEvent {
  if (error instanceof ModelImportError) {
    return { type: 'error', id, code: error.code, message: error.message, ...(error.fileName !== undefined ? { fileName: error.fileName } : {}) };
  }
  if (error instanceof ImportStepError) return { type: 'error', id, code: error.code, message: error.message };
  return { type: 'error', id, code: 'internal-error', message: `the import failed unexpectedly: ${computeDetail(error)}` };
}

function computeDetail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The request, or why the message is not one (a bug in the page, never the user's files). */
function parseRequest(message: unknown): ImportRequest | string {
  const m = message as Partial<ImportRequest> | null;
  if (!m || m.type !== 'import' || typeof m.id !== 'number') return 'the import worker got a message that is not an import request';
  const source = m.source as Partial<ImportRequestSource> | undefined;
  if (source?.kind === 'files') {
    if (!Array.isArray(source.files) || !source.files.every((f: Partial<ImportFileData> | null) => typeof f?.name === 'string' && typeof f.path === 'string' && f.data instanceof Blob)) {
      return 'the import request lists files without a name, path and data';
    }
  } else if (source?.kind === 'urls') {
    if (!Array.isArray(source.modelUrls) || !source.modelUrls.every((u) => typeof u === 'string')) return 'the import request lists model URLs that are not strings';
  } else {
    return 'the import request has no source';
  }
  return m as ImportRequest;
}
