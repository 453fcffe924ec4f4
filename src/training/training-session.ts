/**
 * What the training worker does with commands, as a plain object: the worker wires it to
 * postMessage, the inline client to an emitter. Commands are handled one at a time, in order;
 * training itself runs as a loop that yields to the event loop after every batch, so a pause
 * (or any command) is seen within one batch.
 */
import type * as tf from '@tensorflow/tfjs';
import type { NetworkDescription } from '../domain/network';
import type { EpochSnapshot, ProbeSet } from '../domain/recording';
import { selectTrainingBackend, type TrainingBackendOptions } from './backend';
import { DatasetError } from './mnist-batches';
import { parseTrainingCommand, type StartOptions, type TrainingCommand, type TrainingEvent, type TrainingState } from './protocol';
import { createTrainer, type Trainer, type TrainerData } from './trainer';
import { computeTrainerOptions, TrainingError, type TrainerOptions } from './trainer-options';
import { yieldToEventLoop } from './yield';

export interface TrainingSessionEnvironment {
  /** Loads MNIST (fetch in the worker, the file system in node); called once, on the first start. */
  readonly loadData: () => Promise<TrainerData>;
  /** Where the wasm binaries are (see backend.ts). */
  readonly wasmPaths?: TrainingBackendOptions['wasmPaths'];
  /**
   * Encodes a snapshot for transfer (src/snapshot's encodeEpoch, with the probes so input activations
   * are rebuilt rather than stored); without it snapshots travel as objects (structured clone).
   */
  readonly encodeEpoch?: (network: NetworkDescription, snapshot: EpochSnapshot, probes: ProbeSet) => Uint8Array;
  /** Model factory for tests; default: the default MNIST network. */
  readonly createModel?: (seed: number) => tf.LayersModel;
}

export type EmitTrainingEvent = (event: TrainingEvent, transfer?: Transferable[]) => void;

export interface TrainingSession {
  /** Accepts any message: anything that is not a valid command becomes an 'error' event. */
  handle(message: unknown): Promise<void>;
  readonly state: TrainingState;
  dispose(): Promise<void>;
}

export function createTrainingSession(env: TrainingSessionEnvironment, emit: EmitTrainingEvent): TrainingSession {
  let state: TrainingState = 'idle';
  let data: TrainerData | undefined;
  let trainer: Trainer | undefined;
  let options: TrainerOptions | undefined;
  let maxEpochs = Number.POSITIVE_INFINITY;
  let running = false;
  let loop: Promise<void> = Promise.resolve();
  let queue: Promise<void> = Promise.resolve();

  function setState(next: TrainingState): void {
    if (next === state) return;
    state = next;
    emit({ type: 'state', state });
  }

  function emitEpoch(current: Trainer, snapshot: EpochSnapshot): void {
    if (env.encodeEpoch) {
      const encoded = env.encodeEpoch(current.network, snapshot, current.probes);
      // Transfer needs a whole, unshared ArrayBuffer.
      const bytes = encoded.byteOffset === 0 && encoded.byteLength === encoded.buffer.byteLength && encoded.buffer instanceof ArrayBuffer ? encoded.buffer : encoded.slice().buffer;
      emit({ type: 'epoch', epoch: snapshot.epoch, metrics: snapshot.metrics, payload: { kind: 'encoded', bytes } }, [bytes]);
    } else {
      emit({ type: 'epoch', epoch: snapshot.epoch, metrics: snapshot.metrics, payload: { kind: 'snapshot', snapshot } });
    }
  }

  async function stopLoop(): Promise<void> {
    running = false;
    await loop;
  }

  async function runLoop(current: Trainer): Promise<void> {
    while (running && trainer === current) {
      const result = current.trainBatch();
      const { epoch, batch, batchesPerEpoch, samplesPerSecond, loss, accuracy } = result;
      emit({ type: 'progress', epoch, batch, batchesPerEpoch, samplesPerSecond, loss, accuracy });
      if (result.epochComplete) {
        emitEpoch(current, await current.completeEpoch());
        if (current.epoch >= maxEpochs) {
          running = false;
          setState('done');
          return;
        }
      }
      await yieldToEventLoop();
    }
  }

  function startLoop(current: Trainer): void {
    running = true;
    setState('running');
    loop = runLoop(current).catch((error: unknown) => {
      running = false;
      report(error);
      setState('failed');
    });
  }

  /** A fresh untrained trainer; announces the network and epoch 0. */
  async function rebuild(): Promise<Trainer> {
    await stopLoop();
    trainer?.dispose();
    trainer = undefined;
    data ??= await env.loadData().catch((error: unknown) => {
      throw new TrainingError('data-load-failed', `could not load MNIST: ${error instanceof Error ? error.message : String(error)}`);
    });
    const next = createTrainer(data, { options, createModel: env.createModel });
    trainer = next;
    emit({ type: 'network', network: next.network, dataset: next.dataset, probes: next.probes, options: next.options });
    emitEpoch(next, await next.snapshot());
    return next;
  }

  async function start(startOptions: StartOptions = {}): Promise<void> {
    const { maxEpochs: limit, backend, ...trainerOptions } = startOptions;
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
      throw new TrainingError('bad-options', `maxEpochs must be a positive integer, got ${String(limit)}`);
    }
    // Options set earlier (setOptions before start, or the last start) carry over unless overridden.
    options = computeTrainerOptions(trainerOptions, options);
    maxEpochs = limit ?? Number.POSITIVE_INFINITY;
    setState('loading');
    const info = await selectTrainingBackend({ prefer: backend ?? 'wasm', wasmPaths: env.wasmPaths }).catch((error: unknown) => {
      throw new TrainingError('backend-failed', error instanceof Error ? error.message : String(error));
    });
    emit({ type: 'backend', backend: info });
    startLoop(await rebuild());
  }

  async function process(command: TrainingCommand): Promise<void> {
    switch (command.type) {
      case 'start':
        return start(command.options);
      case 'pause':
        if (state !== 'running') return;
        await stopLoop();
        if (state === 'running') setState('paused');
        return;
      case 'resume':
        if (!trainer) throw new TrainingError('not-started', 'nothing to resume: start training first');
        if (state === 'paused' || state === 'done') {
          if (state === 'done') maxEpochs = Number.POSITIVE_INFINITY;
          startLoop(trainer);
        }
        return;
      case 'reset':
        if (!trainer) throw new TrainingError('not-started', 'nothing to reset: start training first');
        await rebuild();
        setState('paused');
        return;
      case 'setOptions': {
        const { samplesPerEpoch, batchSize, learningRate } = command.options;
        const live = { samplesPerEpoch, batchSize, learningRate };
        options = computeTrainerOptions(live, options);
        trainer?.setOptions(live);
        return;
      }
    }
  }

  function report(error: unknown): void {
    if (error instanceof TrainingError) emit({ type: 'error', code: error.code, message: error.message });
    else if (error instanceof DatasetError) emit({ type: 'error', code: 'data-load-failed', message: error.message });
    else emit({ type: 'error', code: 'training-failed', message: error instanceof Error ? error.message : String(error) });
  }

  return {
    get state() {
      return state;
    },
    handle(message) {
      const command = parseTrainingCommand(message);
      if (typeof command === 'string') {
        emit({ type: 'error', code: 'bad-command', message: command });
        return Promise.resolve();
      }
      queue = queue.then(() =>
        process(command).catch((error: unknown) => {
          report(error);
          const recoverable = error instanceof TrainingError && (error.code === 'bad-options' || error.code === 'not-started');
          if (!recoverable) setState('failed');
        }),
      );
      return queue;
    },
    async dispose() {
      await queue;
      await stopLoop();
      trainer?.dispose();
      trainer = undefined;
      setState('idle');
    },
  };
}
