/**
 * Loading a researcher's own TensorFlow.js model (model.json + shards, from ?model=URL, the file
 * picker or drag and drop) or a .lwrec recording file. tfjs and the importer are loaded on demand,
 * so the default app never downloads them. The import runs on the main thread with a progress bar;
 * the network on screen stays until the new one has fully loaded.
 */
import type { Recording } from './domain/recording';
import type { ImportFile, ModelSource } from './training/import/model-source';
import { decodeRecording } from './snapshot/index';

export interface ImportResult {
  readonly recording: Recording;
  readonly notices: string[];
  readonly source: string;
}

type Progress = (label: string, fraction: number) => void;

async function importWith(source: ModelSource, onProgress: Progress): Promise<{ recording: Recording; notices: string[] }> {
  onProgress('Starting TensorFlow.js', 0);
  const [{ selectTrainingBackend }, { WASM_URLS }, { importModel }] = await Promise.all([
    import('./training/backend'),
    import('./training/wasm-urls'),
    import('./training/import/index'),
  ]);
  const backend = await selectTrainingBackend({ wasmPaths: WASM_URLS });
  const result = await importModel(source, { onProgress: (fraction, label) => onProgress(`Importing: ${label}`, fraction) });
  return { recording: result.recording, notices: [...result.notices, `Inspected on the tfjs ${backend.name} backend.`] };
}

export async function importFromUrls(modelUrls: string[], labelsUrl: string | null, onProgress: Progress): Promise<ImportResult> {
  const result = await importWith({ kind: 'urls', modelUrls, ...(labelsUrl ? { labelsUrl } : {}) }, onProgress);
  return { ...result, source: modelUrls.length === 1 ? modelUrls[0]! : `${modelUrls.length} checkpoints` };
}

export async function importFromFiles(files: File[], onProgress: Progress): Promise<ImportResult> {
  const recordingFile = files.find((f) => /\.lwrec$/i.test(f.name));
  if (recordingFile) {
    onProgress(`Reading ${recordingFile.name}`, 0.5);
    try {
      return { recording: decodeRecording(new Uint8Array(await recordingFile.arrayBuffer())), notices: [], source: recordingFile.name };
    } catch (error) {
      throw new Error(`${recordingFile.name} is not a valid LayerWalk recording: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const importFiles: ImportFile[] = files.map((file) => ({
    name: file.name,
    path: file.webkitRelativePath || file.name,
    size: file.size,
    arrayBuffer: () => file.arrayBuffer(),
  }));
  const result = await importWith({ kind: 'files', files: importFiles }, onProgress);
  const model = files.find((f) => /\.json$/i.test(f.name));
  return { ...result, source: model?.name ?? `${files.length} files` };
}
