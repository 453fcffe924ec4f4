/**
 * The messages between the main thread and the training worker. Commands go in, events come out;
 * every message is plain data (structured-clone safe), and epoch payloads travel as transferred bytes
 * when an encoder is available.
 */
import type { NetworkDescription } from '../domain/network';
import type { DatasetInfo, EpochMetrics, EpochSnapshot, ProbeSet } from '../domain/recording';
import type { TrainingBackendInfo, TrainingBackendName } from './backend';
import type { LiveTrainerOptions, TrainerOptions, TrainingErrorCode } from './trainer-options';

export interface StartOptions extends Partial<TrainerOptions> {
  /** Stop (state 'done') after this many trained epochs; default: train until paused. */
  readonly maxEpochs?: number;
  /** 'cpu' forces the cpu backend; default 'wasm' with cpu as fallback. */
  readonly backend?: TrainingBackendName;
}

export type TrainingCommand =
  /** Train a fresh network from scratch (any running session is discarded). */
  | { readonly type: 'start'; readonly options?: StartOptions }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  /** Back to the untrained network (epoch 0, same seed and options), paused. */
  | { readonly type: 'reset' }
  | { readonly type: 'setOptions'; readonly options: Partial<LiveTrainerOptions> };

export type TrainingState = 'idle' | 'loading' | 'running' | 'paused' | 'done' | 'failed';

/** An epoch snapshot as it crosses the thread boundary. */
export type EpochPayload =
  | { readonly kind: 'encoded'; readonly bytes: ArrayBuffer }
  | { readonly kind: 'snapshot'; readonly snapshot: EpochSnapshot };

export type TrainingEvent =
  | { readonly type: 'state'; readonly state: TrainingState }
  | { readonly type: 'backend'; readonly backend: TrainingBackendInfo }
  /** Sent at start and reset, before epoch 0: what is being trained. */
  | {
      readonly type: 'network';
      readonly network: NetworkDescription;
      readonly dataset: DatasetInfo;
      readonly probes: ProbeSet;
      readonly options: TrainerOptions;
    }
  | {
      readonly type: 'progress';
      /** The epoch being trained (1 for the first). */
      readonly epoch: number;
      readonly batch: number;
      readonly batchesPerEpoch: number;
      readonly samplesPerSecond: number;
      readonly loss: number;
      readonly accuracy: number;
    }
  | { readonly type: 'epoch'; readonly epoch: number; readonly metrics: EpochMetrics; readonly payload: EpochPayload }
  | { readonly type: 'error'; readonly code: TrainingErrorCode; readonly message: string };

export type TrainingEventType = TrainingEvent['type'];
export type TrainingEventOf<K extends TrainingEventType> = Extract<TrainingEvent, { type: K }>;

const COMMAND_TYPES = new Set<string>(['start', 'pause', 'resume', 'reset', 'setOptions']);

/** Narrows an incoming message to a command, or says why it is not one. */
export function parseTrainingCommand(message: unknown): TrainingCommand | string {
  if (typeof message !== 'object' || message === null) return 'a training command must be an object';
  const type = (message as { type?: unknown }).type;
  if (typeof type !== 'string' || !COMMAND_TYPES.has(type)) return `unknown training command ${JSON.stringify(type)}`;
  const options = (message as { options?: unknown }).options;
  if (type === 'setOptions' && (typeof options !== 'object' || options === null)) return 'setOptions needs an options object';
  if (type === 'start' && options !== undefined && (typeof options !== 'object' || options === null)) return 'start options must be an object';
  return message as TrainingCommand;
}
