import { afterEach, describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../src/training/protocol';
import { createInlineTrainingClient, type InlineTrainingClient } from '../../../src/training/inline-training-client';
import type { TrainingClientEvents } from '../../../src/training/training-client';
import { createTrainingSession } from '../../../src/training/training-session';
import { encodeEpoch } from '../../../src/snapshot';
import { loadMnist, WASM_DIR } from './helpers';

type Logged = { [K in keyof TrainingClientEvents]: { type: K; payload: TrainingClientEvents[K] } }[keyof TrainingClientEvents];

function createLoggedClient(): { client: InlineTrainingClient; log: Logged[] } {
  const client = createInlineTrainingClient({ loadData: async () => loadMnist(), wasmPaths: WASM_DIR });
  const log: Logged[] = [];
  for (const type of ['state', 'backend', 'network', 'progress', 'epoch', 'error'] as const) {
    client.on(type, (payload) => log.push({ type, payload } as Logged));
  }
  return { client, log };
}

function waitFor<K extends keyof TrainingClientEvents>(client: InlineTrainingClient, type: K, test: (payload: TrainingClientEvents[K]) => boolean = () => true) {
  return new Promise<TrainingClientEvents[K]>((resolve) => {
    const off = client.on(type, (payload) => {
      if (!test(payload)) return;
      off();
      resolve(payload);
    });
  });
}

const small = { samplesPerEpoch: 64, batchSize: 32, testSamples: 100 };
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let current: InlineTrainingClient | undefined;

afterEach(async () => {
  current?.dispose();
  current = undefined;
  await wait(10);
});

describe('training client (inline, the worker protocol without a worker)', () => {
  it('start: backend, network, epoch 0, then progress per batch and an epoch event per epoch, until maxEpochs', async () => {
    const { client, log } = createLoggedClient();
    current = client;
    const done = waitFor(client, 'state', (s) => s === 'done');
    client.start({ ...small, maxEpochs: 2 });
    await done;
    const types = log.map((e) => e.type);
    expect(types).toEqual(['state', 'backend', 'network', 'epoch', 'state', 'progress', 'progress', 'epoch', 'progress', 'progress', 'epoch', 'state']);
    expect(log.filter((e) => e.type === 'state').map((e) => e.payload)).toEqual(['loading', 'running', 'done']);
    const backend = log.find((e) => e.type === 'backend')!.payload as TrainingClientEvents['backend'];
    expect(backend).toMatchObject({ name: 'wasm', threads: false });
    const epochs = log.filter((e) => e.type === 'epoch').map((e) => e.payload as TrainingClientEvents['epoch']);
    expect(epochs.map((e) => e.epoch)).toEqual([0, 1, 2]);
    expect(epochs.map((e) => e.metrics.samplesSeen)).toEqual([0, 64, 128]);
    expect(epochs[2]!.snapshot.weights[1]![0]!.shape).toEqual([3, 3, 1, 8]);
    const progress = log.filter((e) => e.type === 'progress').map((e) => e.payload as TrainingClientEvents['progress']);
    expect(progress.map((p) => [p.epoch, p.batch, p.batchesPerEpoch])).toEqual([[1, 1, 2], [1, 2, 2], [2, 1, 2], [2, 2, 2]]);
    expect(progress.every((p) => p.samplesPerSecond > 0 && p.loss > 0)).toBe(true);
  });

  it('pause stops progress within a batch; resume continues; reset returns to the same untrained epoch 0', async () => {
    const { client, log } = createLoggedClient();
    current = client;
    const firstZero = waitFor(client, 'epoch', (e) => e.epoch === 0);
    const firstProgress = waitFor(client, 'progress');
    client.start(small);
    const zero = await firstZero;
    await firstProgress;
    client.pause();
    await client.settled();
    expect(client.state).toBe('paused');
    const count = log.filter((e) => e.type === 'progress').length;
    await wait(150);
    expect(log.filter((e) => e.type === 'progress').length).toBe(count);

    const moreProgress = waitFor(client, 'epoch', (e) => e.epoch >= 2);
    client.resume();
    await moreProgress;
    expect(log.filter((e) => e.type === 'progress').length).toBeGreaterThan(count);

    const reset = waitFor(client, 'epoch', (e) => e.epoch === 0);
    client.reset();
    const again = await reset;
    await client.settled();
    expect(client.state).toBe('paused');
    expect(again.metrics).toEqual(zero.metrics);
    expect(Array.from(again.snapshot.weights[1]![0]!.data)).toEqual(Array.from(zero.snapshot.weights[1]![0]!.data));
  });

  it('sends epochs as encoded bytes when the session has an encoder, decoded on arrival', async () => {
    const raw: TrainingClientEvents['epoch'][] = [];
    const plain = createInlineTrainingClient({ loadData: async () => loadMnist(), wasmPaths: WASM_DIR });
    plain.on('epoch', (e) => raw.push(e));
    const coded = createInlineTrainingClient({
      loadData: async () => loadMnist(),
      wasmPaths: WASM_DIR,
      encodeEpoch: (network, snapshot, probes) => encodeEpoch(network, snapshot, { probes }),
    });
    const decoded: TrainingClientEvents['epoch'][] = [];
    coded.on('epoch', (e) => decoded.push(e));
    for (const client of [plain, coded]) {
      const done = waitFor(client, 'state', (s) => s === 'done');
      client.start({ ...small, maxEpochs: 1 });
      await done;
      client.dispose();
    }
    expect(decoded.map((e) => e.epoch)).toEqual([0, 1]);
    expect(raw[1]!.bytes).toBeUndefined();
    const bytes = decoded[1]!.bytes!;
    expect(bytes.byteLength).toBeGreaterThan(1000);
    expect(bytes.byteLength).toBeLessThan(400_000);
    expect(decoded[1]!.metrics).toEqual(raw[1]!.metrics);
    const a = decoded[1]!.snapshot.predictions[3]!;
    const b = raw[1]!.snapshot.predictions[3]!;
    for (let i = 0; i < b.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(0.01);
  });

  it('answers bad commands and bad options with typed error events and keeps running state intact', async () => {
    const events: TrainingEvent[] = [];
    const session = createTrainingSession({ loadData: async () => loadMnist(), wasmPaths: WASM_DIR }, (e) => events.push(e));
    await session.handle({ type: 'explode' });
    await session.handle(42);
    await session.handle({ type: 'resume' });
    await session.handle({ type: 'setOptions', options: { learningRate: -1 } });
    await session.handle({ type: 'start', options: { batchSize: 2.5 } });
    await session.handle({ type: 'start', options: { bogus: 1 } });
    const errors = events.filter((e): e is Extract<TrainingEvent, { type: 'error' }> => e.type === 'error');
    expect(errors.map((e) => e.code)).toEqual(['bad-command', 'bad-command', 'not-started', 'bad-options', 'bad-options', 'bad-options']);
    expect(errors[0]!.message).toMatch(/unknown training command "explode"/);
    expect(errors[4]!.message).toMatch(/batchSize/);
    expect(errors[5]!.message).toMatch(/unknown training option "bogus"/);
    expect(session.state).toBe('idle');

    const failing = createTrainingSession({ loadData: () => Promise.reject(new Error('404 mnist-train.bin')), wasmPaths: WASM_DIR }, (e) => events.push(e));
    await failing.handle({ type: 'start' });
    expect(events.at(-2)).toMatchObject({ type: 'error', code: 'data-load-failed', message: expect.stringMatching(/404 mnist-train.bin/) });
    expect(failing.state).toBe('failed');
  });
});
