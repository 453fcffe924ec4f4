/**
 * Live training wired to the app: the worker client (created on the first start, so tfjs loads only
 * then), its events turned into intents and recording updates. A live session is a recording like any
 * other: epoch 0 replaces what is shown, later epochs are appended and appear on the timeline.
 */
import type { AppStore } from './app/store';
import type { RecordingHolder } from './app/recording-holder';
import type { Recording } from './domain/recording';
import type { TrainingClient } from './training/training-client';
import type { TrainingStatus } from './app/state';
import type { TrainingControls } from './ui/training-controls';

export interface LiveTrainingOptions {
  readonly store: AppStore;
  readonly holder: RecordingHolder;
  readonly show: (recording: Recording, source: string) => void;
  readonly report: (level: 'error' | 'notice', text: string) => void;
  /** Default: the Web Worker client. */
  readonly createClient?: () => Promise<TrainingClient>;
}

const STATUS: Record<string, TrainingStatus> = {
  idle: 'idle',
  loading: 'starting',
  running: 'running',
  paused: 'paused',
  done: 'paused',
  failed: 'error',
};

export function setupLiveTraining(options: LiveTrainingOptions): TrainingControls & { dispose(): void } {
  const { store, holder, show, report } = options;
  let client: TrainingClient | null = null;
  let pending: Recording | null = null;
  let beforeTraining: { recording: Recording; source: string } | null = null;
  let live = false;
  const update = (training: Parameters<AppStore['dispatch']>[0] & { type: 'training-updated' }) => store.dispatch(training);

  const connect = async (): Promise<TrainingClient> => {
    if (client) return client;
    const created = options.createClient
      ? await options.createClient()
      : (await import('./training/training-client')).createWorkerTrainingClient();
    // After a reset the session's own 'paused' arrives late; the app is back to idle by then.
    created.on('state', (state) => {
      if (live) update({ type: 'training-updated', training: { status: STATUS[state] ?? 'idle' } });
    });
    created.on('backend', (backend) => {
      const name = `${backend.name}${backend.simd ? ' + SIMD' : ''}`;
      update({ type: 'training-updated', training: { backend: name } });
      if (backend.fallbackReason) report('notice', `Training on the cpu backend: ${backend.fallbackReason}`);
    });
    created.on('network', ({ network, dataset, probes }) => {
      pending = { network, dataset, probes, epochs: [] };
    });
    created.on('progress', (p) => {
      if (!live) return;
      update({ type: 'training-updated', training: { batch: p.batch, batchesPerEpoch: p.batchesPerEpoch, samplesPerSecond: p.samplesPerSecond } });
    });
    created.on('epoch', ({ snapshot }) => {
      if (!live) return;
      if (pending) {
        // Epoch 0 (the untrained network) starts the live recording on screen.
        const recording: Recording = { ...pending, epochs: [snapshot] };
        pending = null;
        show(recording, 'live training');
        return;
      }
      holder.append(snapshot);
      store.dispatch({ type: 'epochs-available', epochCount: holder.current?.epochs.length ?? 0 });
    });
    created.on('error', ({ message }) => {
      update({ type: 'training-updated', training: { status: 'error', lastError: message } });
      report('error', `Training: ${message}`);
    });
    client = created;
    return created;
  };

  return {
    start() {
      const current = holder.current;
      if (current && !live) {
        const source = store.getState().network?.source ?? 'recording';
        beforeTraining = { recording: current, source };
      }
      live = true;
      update({ type: 'training-updated', training: { status: 'starting', lastError: null, batch: 0 } });
      connect()
        .then((c) => c.start())
        .catch((error: unknown) => {
          update({ type: 'training-updated', training: { status: 'error', lastError: String(error) } });
          report('error', `Could not start training: ${error instanceof Error ? error.message : String(error)}`);
        });
    },
    pause() {
      client?.pause();
    },
    resume() {
      client?.resume();
    },
    reset() {
      client?.pause();
      live = false;
      pending = null;
      update({ type: 'training-updated', training: { status: 'idle', batch: 0, samplesPerSecond: 0 } });
      if (beforeTraining) show(beforeTraining.recording, beforeTraining.source);
      beforeTraining = null;
    },
    dispose() {
      client?.dispose();
      client = null;
    },
  };
}
