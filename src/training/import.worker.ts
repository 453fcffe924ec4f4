/**
 * The model-import worker: tfjs loads and runs the user's model here, so the page keeps drawing frames
 * while it does (DESIGN.md: "training runs in a worker and never stalls frames"). An import-runner
 * wired to postMessage; MNIST probes and the wasm binaries come from our own origin.
 */
import type { DecodedImage } from './import/decode-image-file';
import { ModelImportError } from './import/model-import-error';
import type { ImportFile } from './import/model-source';
import type { ImportEvent } from './import-protocol';
import { createImportRunner } from './import-runner';
import { WASM_URLS } from './wasm-urls';

declare const self: DedicatedWorkerGlobalScope;

async function loadMnistTest(): Promise<ArrayBuffer> {
  const url = `${import.meta.env.BASE_URL}generated/mnist/mnist-test.bin`;
  const response = await fetch(url);
  if (!response.ok) throw new ModelImportError('fetch-failed', `could not fetch the MNIST probe images ${url}: HTTP ${response.status}`, url);
  return response.arrayBuffer();
}

/** A dropped probe image -> RGBA pixels, with the worker's tools (no DOM canvas here). */
async function decodeImage(file: ImportFile): Promise<DecodedImage> {
  const name = file.path ?? file.name;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([await file.arrayBuffer()]));
  } catch (error) {
    throw new ModelImportError('bad-image', `${name} is not an image this browser can decode (${(error as Error).message})`, name);
  }
  try {
    const { width, height } = bitmap;
    const context = new OffscreenCanvas(width, height).getContext('2d');
    if (!context) throw new ModelImportError('bad-image', `${name}: no 2D canvas to decode it in this browser's workers`, name);
    context.drawImage(bitmap, 0, 0);
    return { width, height, data: context.getImageData(0, 0, width, height).data };
  } finally {
    bitmap.close();
  }
}

const runner = createImportRunner(
  { backend: { wasmPaths: WASM_URLS }, loadMnistTest, decodeImage },
  (event: ImportEvent, transfer?: Transferable[]) => self.postMessage(event, transfer ?? []),
);

self.onmessage = (message: MessageEvent<unknown>) => void runner.handle(message.data);
