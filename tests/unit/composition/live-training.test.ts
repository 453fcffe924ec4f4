import { describe, expect, it, vi } from 'vitest';
import { createEmitter } from '../../../src/core/emitter';
import { createAppStore } from '../../../src/app/store';
import { createRecordingHolder, computeNetworkSummary } from '../../../src/app/recording-holder';
import { setupLiveTraining } from '../../../src/live-training';
import type { TrainingClient, TrainingClientEvents } from '../../../src/training/training-client';
import type { EpochSnapshot, Recording } from '../../../src/domain/recording';
import type { NetworkDescription } from '../../../src/domain/network';

const network: NetworkDescription = {
  name: 'tiny',
  classNames: ['a', 'b'],
  layers: [
    { id: 0, name: 'input', kind: 'input', className: 'InputLayer', inputs: [], outputShape: [2], weights: [] },
    { id: 1, name: 'out', kind: 'dense', className: 'Dense', inputs: [0], outputShape: [2], units: 2, activation: 'softmax', weights: [] },
  ],
};
const epoch = (n: number): EpochSnapshot => ({
  epoch: n,
  metrics: { trainLoss: 1 / (n + 1), trainAccuracy: 0.5, testLoss: 1, testAccuracy: 0.5, samplesSeen: n * 10 },
  weights: [[], []],
  activations: [[new Float32Array(2)], [new Float32Array(2)]],
  predictions: [new Float32Array([0.5, 0.5])],
});
const before: Recording = {
  network: { ...network, name: 'recorded' },
  dataset: { name: 'd', trainSize: 1, testSize: 1, samplesPerEpoch: 1 },
  probes: { inputShape: [2], inputs: [new Float32Array(2)], labels: [0], normalisation: '0..1' },
  epochs: [epoch(0), epoch(1)],
};

function fakeClient() {
  const emitter = createEmitter<TrainingClientEvents>();
  const client: TrainingClient = { start: vi.fn(), pause: vi.fn(), resume: vi.fn(), reset: vi.fn(), setOptions: vi.fn(), on: emitter.on, dispose: vi.fn() };
  return { client, emit: emitter.emit };
}

function setup() {
  const store = createAppStore();
  const holder = createRecordingHolder();
  const show = (recording: Recording, source: string) => {
    holder.replace(recording);
    store.dispatch({ type: 'network-loaded', network: computeNetworkSummary(recording, source), epochCount: recording.epochs.length, sampleCount: 1 });
  };
  show(before, 'default recording');
  const fake = fakeClient();
  const reports: string[] = [];
  const training = setupLiveTraining({ store, holder, show, report: (_l, t) => reports.push(t), createClient: async () => fake.client });
  return { store, holder, training, fake, reports };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('live training wiring', () => {
  it('shows epoch 0 as a new recording, appends later epochs, and follows the newest', async () => {
    const { store, holder, training, fake } = setup();
    training.start();
    await settle();
    expect(fake.client.start).toHaveBeenCalledTimes(1);
    fake.emit('state', 'running');
    fake.emit('network', { network, dataset: before.dataset, probes: before.probes, options: {} as never });
    fake.emit('epoch', { epoch: 0, metrics: epoch(0).metrics, snapshot: epoch(0) });
    expect(holder.current?.network.name).toBe('tiny');
    expect(store.getState()).toMatchObject({ epochCount: 1, epoch: 0, training: { status: 'running' } });
    fake.emit('progress', { epoch: 1, batch: 5, batchesPerEpoch: 10, samplesPerSecond: 1500, loss: 0.4, accuracy: 0.8 });
    expect(store.getState().training).toMatchObject({ batch: 5, batchesPerEpoch: 10, samplesPerSecond: 1500 });
    fake.emit('epoch', { epoch: 1, metrics: epoch(1).metrics, snapshot: epoch(1) });
    expect(store.getState()).toMatchObject({ epochCount: 2, epoch: 1 });
  });

  it('reset returns to the recording shown before training and stays idle despite late worker events', async () => {
    const { store, holder, training, fake } = setup();
    training.start();
    await settle();
    fake.emit('network', { network, dataset: before.dataset, probes: before.probes, options: {} as never });
    fake.emit('epoch', { epoch: 0, metrics: epoch(0).metrics, snapshot: epoch(0) });
    training.reset();
    fake.emit('state', 'paused');
    fake.emit('epoch', { epoch: 1, metrics: epoch(1).metrics, snapshot: epoch(1) });
    expect(holder.current).toBe(before);
    expect(store.getState().network?.source).toBe('default recording');
    expect(store.getState().training.status).toBe('idle');
  });

  it('reports worker errors to the user and in state', async () => {
    const { store, training, fake, reports } = setup();
    training.start();
    await settle();
    fake.emit('error', { code: 'training-failed', message: 'out of memory' });
    expect(store.getState().training).toMatchObject({ status: 'error', lastError: 'out of memory' });
    expect(reports).toEqual(['Training: out of memory']);
  });
});
