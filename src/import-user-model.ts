/**
 * Loading a researcher's own TensorFlow.js model (model.json + shards, from ?model=URL, the file
 * picker or drag and drop) or a .lwrec recording file. The model import runs in a worker
 * (training/import-client.ts), so tfjs never loads on the page and frames keep ticking while the
 * model is read, run and recorded; a progress bar shows how far it is. The network on screen stays
 * until the new one has fully loaded.
 */
import type { Recording } from './domain/recording';
import { decodeRecording } from './snapshot/index';
import type { ImportClient } from './training/import-client';
import { createImportClient } from './training/import-client';

export type InputScaling = '0..1' | '-1..1' | '0..255';
export const INPUT_SCALINGS: readonly InputScaling[] = ['0..1', '-1..1', '0..255'];

type Progress = (label: string, fraction: number) => void;

export interface ImportResult {
  readonly recording: Recording;
  readonly notices: string[];
  readonly source: string;
  /** For an imported model: the same import with another mapping of pixels to network input. */
  readonly reimport?: (scaling: InputScaling, onProgress: Progress) => Promise<ImportResult>;
}

/** One worker for the page's life, started on the first import. */
let client: ImportClient | undefined;
const importClient = (): ImportClient => (client ??= createImportClient());

export async function importFromUrls(modelUrls: string[], labelsUrl: string | null, onProgress: Progress, scaling: InputScaling = '0..1'): Promise<ImportResult> {
  onProgress('Starting the model importer', 0);
  const result = await importClient().importUrls(modelUrls, labelsUrl, onProgress, { normalisation: scaling });
  return {
    ...result,
    source: modelUrls.length === 1 ? modelUrls[0]! : `${modelUrls.length} checkpoints`,
    reimport: (next, progress) => importFromUrls(modelUrls, labelsUrl, progress, next),
  };
}

export async function importFromFiles(files: File[], onProgress: Progress, scaling: InputScaling = '0..1'): Promise<ImportResult> {
  const recordingFile = files.find((f) => /\.lwrec$/i.test(f.name));
  if (recordingFile) {
    onProgress(`Reading ${recordingFile.name}`, 0.5);
    try {
      return { recording: decodeRecording(new Uint8Array(await recordingFile.arrayBuffer())), notices: [], source: recordingFile.name };
    } catch (error) {
      throw new Error(`${recordingFile.name} is not a valid LayerWalk recording: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  onProgress('Starting the model importer', 0);
  // A File is a Blob: the worker reads it, the page never copies the model's bytes.
  const result = await importClient().importFiles(
    files.map((file) => ({ name: file.name, path: file.webkitRelativePath || file.name, data: file })),
    onProgress,
    { normalisation: scaling },
  );
  const model = files.find((f) => /\.json$/i.test(f.name));
  return { ...result, source: model?.name ?? `${files.length} files`, reimport: (next, progress) => importFromFiles(files, progress, next) };
}
