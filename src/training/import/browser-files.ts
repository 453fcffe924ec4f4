import type { ImportFile } from './model-source';

/**
 * Browser File objects -> ImportFiles, for the file picker (<input type="file" multiple>, or
 * webkitdirectory for a folder of checkpoints) and drag and drop (files and whole folders).
 * Paths are kept so shards resolve next to their own model.json when checkpoints share shard names.
 */

interface FileLike {
  readonly name: string;
  readonly size: number;
  readonly webkitRelativePath?: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export function computeImportFiles(files: Iterable<FileLike>, folder = ''): ImportFile[] {
  return [...files].map((file) => ({
    name: file.name,
    path: folder + (file.webkitRelativePath || file.name),
    size: file.size,
    arrayBuffer: () => file.arrayBuffer(),
  }));
}

/** Every file of a drop, walking dropped folders (FileSystemEntry API); plain files where entries are unavailable. */
export async function collectDroppedFiles(dataTransfer: DataTransfer): Promise<ImportFile[]> {
  const entries = [...dataTransfer.items]
    .map((item) => (typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null))
    .filter((entry): entry is FileSystemEntry => entry !== null);
  if (entries.length === 0) return computeImportFiles(dataTransfer.files);
  const out: ImportFile[] = [];
  for (const entry of entries) await walkEntry(entry, '', out);
  return out;
}

async function walkEntry(entry: FileSystemEntry, folder: string, out: ImportFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push(...computeImportFiles([{ name: file.name, size: file.size, arrayBuffer: () => file.arrayBuffer() }], folder));
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns at most ~100 entries a call: read until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await walkEntry(child, `${folder}${entry.name}/`, out);
  }
}
