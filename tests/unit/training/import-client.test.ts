import * as tf from '@tensorflow/tfjs';
import { readFile, readdir } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelImportError } from '../../../src/training/import/model-import-error';
import { createImportClient, ImportRuntimeError } from '../../../src/training/import-client';
import type { ImportFileData } from '../../../src/training/import-client';
import type { ImportEvent } from '../../../src/training/import-protocol';
import { createImportRunner } from '../../../src/training/import-runner';
import type { ImportRunnerDeps } from '../../../src/training/import-runner';

/**
 * The import client against the worker's own runner, wired through a fake Worker that clones every
 * event as postMessage would (transferring the recording's buffer), on tfjs's cpu backend.
 */

const FIXTURES = new URL('../../fixtures/models/', import.meta.url);
const MNIST_TEST = new URL('../../../assets/generated/mnist/mnist-test.bin', import.meta.url);

const loadMnistTest = async () => new Uint8Array(await readFile(MNIST_TEST));
const decodeImage: ImportRunnerDeps['decodeImage'] = async (file) => {
  throw new ModelImportError('bad-image', `${file.name}: no image decoding in node`, file.name);
};

interface FakeWorker {
  onmessage: ((message: MessageEvent<ImportEvent>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: (() => void) | null;
  terminated: boolean;
  /** Every buffer the runner transferred, to check it was detached (moved, not copied). */
  readonly transferred: ArrayBuffer[];
  postMessage(message: unknown): void;
  terminate(): void;
}

/** A Worker running import-runner in this thread; `deliver: false` swallows its answers (a hung worker). */
function createFakeWorker(deps: Partial<ImportRunnerDeps> = {}, deliver = true): FakeWorker {
  const worker: FakeWorker = {
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    terminated: false,
    transferred: [],
    postMessage: (message) => void runner.handle(message),
    terminate: () => {
      worker.terminated = true;
    },
  };
  const runner = createImportRunner({ backend: { prefer: 'cpu' }, loadMnistTest, decodeImage, ...deps }, (event, transfer = []) => {
    worker.transferred.push(...(transfer as ArrayBuffer[]));
    const copy = structuredClone(event, { transfer });
    if (deliver && !worker.terminated) worker.onmessage?.({ data: copy } as MessageEvent<ImportEvent>);
  });
  return worker;
}

async function readFixture(folder: string, skip: (name: string) => boolean = () => false): Promise<ImportFileData[]> {
  const dir = new URL(`${folder}/`, FIXTURES);
  const names = (await readdir(dir)).filter((name) => !skip(name));
  return Promise.all(names.map(async (name) => ({ name, path: `${folder}/${name}`, data: new Blob([await readFile(new URL(name, dir))]) })));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('import client + worker runner', () => {
  it('imports dropped files: progress up to 1, a decoded recording, the backend in the notices, no tensors left', async () => {
    const worker = createFakeWorker();
    const client = createImportClient({ createWorker: () => worker as unknown as Worker });
    const before = tf.memory().numTensors;
    const progress: [string, number][] = [];
    const result = await client.importFiles(await readFixture('keras2-sequential'), (label, fraction) => progress.push([label, fraction]));
    expect(result.recording.network.layers.map((l) => `${l.name}:${l.kind}`)).toEqual([
      'conv2d_input:input',
      'conv2d:conv2d',
      'max_pooling2d:max-pool2d',
      'flatten:flatten',
      'dense:dense',
    ]);
    expect(result.recording.probes.inputs).toHaveLength(20);
    expect(result.recording.epochs).toHaveLength(1);
    expect(result.recording.epochs[0]!.predictions[0]!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
    expect(result.notices).toContain('Inspected on the tfjs cpu backend.');
    expect(result.notices.some((n) => /MNIST test images/.test(n))).toBe(true);
    expect(progress[0]).toEqual(['Starting TensorFlow.js', 0]);
    expect(progress.at(-1)).toEqual(['Importing: recording', 1]);
    const fractions = progress.map(([, f]) => f);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    // The recording's bytes moved to the page without a copy.
    expect(worker.transferred).toHaveLength(1);
    expect(worker.transferred[0]!.byteLength).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    client.dispose();
  });

  it('a missing shard rejects with the ModelImportError naming it, and the worker stays usable', async () => {
    let created = 0;
    const client = createImportClient({ createWorker: () => (created++, createFakeWorker() as unknown as Worker) });
    const error = await client.importFiles(await readFixture('keras3-functional', (name) => name.endsWith('.bin'))).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelImportError);
    const typed = error as ModelImportError;
    expect(typed.code).toBe('missing-shard');
    expect(typed.message).toMatch(/group1-shard1of1\.bin/);
    expect(typed.fileName).toMatch(/group1-shard1of1\.bin/);
    const result = await client.importFiles(await readFixture('keras3-functional'));
    expect(result.recording.network.layers.length).toBeGreaterThan(3);
    expect(created).toBe(1);
    client.dispose();
  });

  it('imports URLs, resolving relative ones against the page and passing labels and normalisation', async () => {
    const served = new Map<string, Uint8Array>();
    for (const name of await readdir(new URL('keras2-sequential/', FIXTURES))) {
      served.set(`https://example.test/app/models/${name}`, new Uint8Array(await readFile(new URL(`keras2-sequential/${name}`, FIXTURES))));
    }
    served.set('https://example.test/labels.txt', new TextEncoder().encode('zero\none\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\n'));
    const requested: string[] = [];
    const fetchFn = (async (input: string | URL | Request) => {
      const url = String(input);
      requested.push(url);
      const body = served.get(url);
      return body ? new Response(body.slice()) : new Response('not found', { status: 404 });
    }) as typeof fetch;
    const client = createImportClient({ createWorker: () => createFakeWorker({ fetch: fetchFn }) as unknown as Worker, baseUrl: 'https://example.test/app/?model=x' });
    const result = await client.importUrls(['models/model.json'], '/labels.txt', undefined, { normalisation: '-1..1' });
    expect(requested[0]).toBe('https://example.test/app/models/model.json');
    expect(requested).toContain('https://example.test/labels.txt');
    expect(result.recording.network.classNames[3]).toBe('three');
    expect(result.recording.probes.normalisation).toBe('-1..1');
    expect(Math.min(...result.recording.probes.inputs[0]!)).toBeCloseTo(-1, 1);
    client.dispose();
  });

  it('a fetch that fails rejects with fetch-failed naming the URL', async () => {
    const fetchFn = (async () => new Response('nope', { status: 404 })) as unknown as typeof fetch;
    const client = createImportClient({ createWorker: () => createFakeWorker({ fetch: fetchFn }) as unknown as Worker, baseUrl: 'https://example.test/' });
    await expect(client.importUrls(['https://example.test/m/model.json'], null)).rejects.toMatchObject({
      name: 'ModelImportError',
      code: 'fetch-failed',
      message: expect.stringMatching(/https:\/\/example\.test\/m\/model\.json.*404/) as unknown,
    });
    client.dispose();
  });

  it('a worker that crashes fails its imports with worker-failed; the next import starts a new worker', async () => {
    const workers: FakeWorker[] = [];
    const client = createImportClient({
      createWorker: () => {
        const worker = createFakeWorker({}, workers.length > 0);
        workers.push(worker);
        return worker as unknown as Worker;
      },
    });
    const pending = client.importFiles(await readFixture('keras2-sequential'));
    workers[0]!.onerror!({ message: 'out of memory', preventDefault: () => undefined } as ErrorEvent);
    await expect(pending).rejects.toBeInstanceOf(ImportRuntimeError);
    await expect(pending).rejects.toMatchObject({ code: 'worker-failed', message: 'the model-import worker failed: out of memory' });
    expect(workers[0]!.terminated).toBe(true);
    const result = await client.importFiles(await readFixture('keras2-sequential'));
    expect(result.recording.network.layers).toHaveLength(5);
    expect(workers).toHaveLength(2);
    client.dispose();
  });

  it('dispose rejects pending and later imports with disposed, and stops the worker', async () => {
    const worker = createFakeWorker({}, false);
    const client = createImportClient({ createWorker: () => worker as unknown as Worker });
    const pending = client.importFiles(await readFixture('keras2-sequential'));
    client.dispose();
    await expect(pending).rejects.toMatchObject({ code: 'disposed' });
    await expect(client.importUrls(['https://example.test/model.json'], null)).rejects.toMatchObject({ code: 'disposed' });
    expect(worker.terminated).toBe(true);
  });

  it('the runner answers a malformed request with an internal-error event, never a throw', async () => {
    const events: ImportEvent[] = [];
    const runner = createImportRunner({ backend: { prefer: 'cpu' }, loadMnistTest, decodeImage }, (event) => events.push(event));
    await runner.handle({ type: 'import', id: 7, source: { kind: 'files', files: [{ name: 'model.json' }] } });
    await runner.handle(null);
    expect(events).toEqual([
      { type: 'error', id: 7, code: 'internal-error', message: 'the import request lists files without a name, path and data' },
      { type: 'error', id: -1, code: 'internal-error', message: 'the import worker got a message that is not an import request' },
    ]);
  });
});
