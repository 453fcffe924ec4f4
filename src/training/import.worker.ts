/**
 * The model-import worker: tfjs loads and runs the user's model here, so the page keeps drawing frames
 * while it does (DESIGN.md: "training runs in a worker and never stalls frames"). An import-runner
 * wired to postMessage; MNIST probes and the wasm binaries come from our own origin.
 */
import { decodeImageFile } from './import/decode-image-file';
import { ModelImportError } from './import/model-import-error';
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

const runner = createImportRunner(
  { backend: { wasmPaths: WASM_URLS }, loadMnistTest, decodeImage: decodeImageFile },
  (event: ImportEvent, transfer?: Transferable[]) => self.postMessage(event, transfer ?? []),
);

self.onmessage = (message: MessageEvent<unknown>) => void runner.handle(message.data);
