/**
 * The training session run in this thread, behind the same client API as the worker: for node
 * (tests, tools). In a page it would compete with rendering; use createWorkerTrainingClient there.
 */
import type { TrainingState } from './protocol';
import { createClient, createEventRouter, decodeSnapshotEpoch, type DecodeEpoch, type TrainingClient } from './training-client';
import { createTrainingSession, type TrainingSessionEnvironment } from './training-session';

export interface InlineTrainingClient extends TrainingClient {
  /** Resolves once every command sent so far has been handled (training may still be running). */
  settled(): Promise<void>;
  readonly state: TrainingState;
}

export function createInlineTrainingClient(env: TrainingSessionEnvironment, decodeEpoch: DecodeEpoch = decodeSnapshotEpoch): InlineTrainingClient {
  const router = createEventRouter(decodeEpoch);
  const session = createTrainingSession(env, (event) => router.route(event));
  let last: Promise<void> = Promise.resolve();
  const client = createClient(
    (command) => {
      last = session.handle(command);
    },
    router.on,
    () => void session.dispose(),
  );
  return {
    ...client,
    settled: () => last,
    get state() {
      return session.state;
    },
  };
}

