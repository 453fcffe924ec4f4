/**
 * The main thread's handle on training: a small typed API over the worker protocol.
 * createWorkerTrainingClient runs training in a Web Worker (the browser: frames never stall).
 * This module does not import tfjs, so the page's bundle stays free of it; the inline client
 * (same session in this thread, for node tests) is in inline-training-client.ts.
 */
import { createEmitter } from '../core/emitter';
import type { NetworkDescription } from '../domain/network';
import type { EpochMetrics, EpochSnapshot, ProbeSet } from '../domain/recording';
import { decodeEpoch as decodeSnapshotEpoch } from '../snapshot';

export { decodeSnapshotEpoch };
import type { LiveTrainerOptions } from './trainer-options';
import type { StartOptions, TrainingCommand, TrainingEvent, TrainingEventOf, TrainingState } from './protocol';

export interface TrainingEpochEvent {
  readonly epoch: number;
  readonly metrics: EpochMetrics;
  readonly snapshot: EpochSnapshot;
  /** The encoded epoch as it arrived (append it to a recording as is); absent when sent as an object. */
  readonly bytes?: Uint8Array;
}

export interface TrainingClientEvents extends Record<string, unknown> {
  state: TrainingState;
  backend: TrainingEventOf<'backend'>['backend'];
  network: Omit<TrainingEventOf<'network'>, 'type'>;
  progress: Omit<TrainingEventOf<'progress'>, 'type'>;
  epoch: TrainingEpochEvent;
  error: Omit<TrainingEventOf<'error'>, 'type'>;
}

export interface TrainingClient {
  start(options?: StartOptions): void;
  pause(): void;
  resume(): void;
  reset(): void;
  setOptions(options: Partial<LiveTrainerOptions>): void;
  on<K extends keyof TrainingClientEvents>(type: K, handler: (payload: TrainingClientEvents[K]) => void): () => void;
  dispose(): void;
}

/** src/snapshot's decodeEpoch: the bytes were encoded with the session's probe set. */
export type DecodeEpoch = (network: NetworkDescription, bytes: Uint8Array, probes: ProbeSet) => EpochSnapshot;

/** Turns protocol events into client events (decoding epoch bytes against the last network). */
export function createEventRouter(decodeEpoch: DecodeEpoch) {
  const emitter = createEmitter<TrainingClientEvents>();
  let network: NetworkDescription | undefined;
  let probes: ProbeSet | undefined;
  function route(event: TrainingEvent): void {
    switch (event.type) {
      case 'state':
        return emitter.emit('state', event.state);
      case 'backend':
        return emitter.emit('backend', event.backend);
      case 'network': {
        const { type: _type, ...rest } = event;
        network = event.network;
        probes = event.probes;
        return emitter.emit('network', rest);
      }
      case 'progress': {
        const { type: _type, ...rest } = event;
        return emitter.emit('progress', rest);
      }
      case 'error':
        return emitter.emit('error', { code: event.code, message: event.message });
      case 'epoch': {
        const { epoch, metrics, payload } = event;
        if (payload.kind === 'snapshot') return emitter.emit('epoch', { epoch, metrics, snapshot: payload.snapshot });
        if (!network || !probes) {
          return emitter.emit('error', { code: 'training-failed', message: 'received an encoded epoch before the network it belongs to' });
        }
        const bytes = new Uint8Array(payload.bytes);
        try {
          return emitter.emit('epoch', { epoch, metrics, snapshot: decodeEpoch(network, bytes, probes), bytes });
        } catch (error) {
          return emitter.emit('error', { code: 'training-failed', message: `epoch ${epoch} could not be decoded: ${error instanceof Error ? error.message : String(error)}` });
        }
      }
    }
  }
  return { route, on: emitter.on };
}

export function createClient(send: (command: TrainingCommand) => void, on: TrainingClient['on'], dispose: () => void): TrainingClient {
  return {
    start: (options) => send(options ? { type: 'start', options } : { type: 'start' }),
    pause: () => send({ type: 'pause' }),
    resume: () => send({ type: 'resume' }),
    reset: () => send({ type: 'reset' }),
    setOptions: (options) => send({ type: 'setOptions', options }),
    on,
    dispose,
  };
}

export interface WorkerTrainingClientOptions {
  /** Default: src/snapshot's decodeEpoch. */
  readonly decodeEpoch?: DecodeEpoch;
  /** Default: the bundled training.worker.ts as a module worker. */
  readonly createWorker?: () => Worker;
}

/** Runs training in a Web Worker; the page only receives events. */
export function createWorkerTrainingClient(options: WorkerTrainingClientOptions = {}): TrainingClient {
  const worker = options.createWorker?.() ?? new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'training' });
  const router = createEventRouter(options.decodeEpoch ?? decodeSnapshotEpoch);
  worker.onmessage = (message: MessageEvent<TrainingEvent>) => router.route(message.data);
  worker.onerror = (event: ErrorEvent) => {
    router.route({ type: 'error', code: 'training-failed', message: `the training worker failed: ${event.message || 'unknown error'}` });
    router.route({ type: 'state', state: 'failed' });
  };
  return createClient(
    (command) => worker.postMessage(command),
    router.on,
    () => worker.terminate(),
  );
}
