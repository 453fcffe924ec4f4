/**
 * The training worker: a TrainingSession wired to postMessage. MNIST comes from our own origin
 * (assets/generated, served at <base>/generated/mnist/), the wasm binaries too (wasm-urls.ts).
 */
import { decodeMnist } from '../domain/mnist-format';
import { encodeEpoch } from '../snapshot';
import type { TrainingEvent } from './protocol';
import { createTrainingSession } from './training-session';
import { WASM_URLS } from './wasm-urls';

declare const self: DedicatedWorkerGlobalScope;

async function fetchSplit(name: string) {
  const url = `${import.meta.env.BASE_URL}generated/mnist/mnist-${name}.bin`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} (run npm run prepare-assets)`);
  return decodeMnist(await response.arrayBuffer());
}

const session = createTrainingSession(
  {
    loadData: async () => {
      const [train, test] = await Promise.all([fetchSplit('train'), fetchSplit('test')]);
      return { train, test };
    },
    wasmPaths: WASM_URLS,
    // Compact bytes, transferred without a copy; the client decodes them with the same probes.
    encodeEpoch: (network, snapshot, probes) => encodeEpoch(network, snapshot, { probes }),
  },
  (event: TrainingEvent, transfer?: Transferable[]) => self.postMessage(event, transfer ?? []),
);

self.onmessage = (message: MessageEvent<unknown>) => void session.handle(message.data);
