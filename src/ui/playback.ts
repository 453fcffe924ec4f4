import type { AppStore } from '../app/store';

/**
 * Epoch playback: while state.playing, advance `playbackSpeed` epochs per second. The pure step keeps
 * the fractional remainder so 0.5 epochs/s advances every other second at any frame rate.
 */
export function computePlaybackStep(accumulator: number, dt: number, epochsPerSecond: number): { steps: number; accumulator: number } {
  const total = accumulator + Math.max(0, dt) * Math.max(0, epochsPerSecond);
  const steps = Math.floor(total);
  return { steps, accumulator: total - steps };
}

/** The state-phase updater: (dt) -> step-epoch intents; stops at the last epoch. No allocation while idle. */
export function createPlaybackUpdater(store: AppStore): (dt: number) => void {
  let accumulator = 0;
  return (dt) => {
    const state = store.getState();
    if (!state.playing) {
      accumulator = 0;
      return;
    }
    if (state.epoch >= state.epochCount - 1) {
      store.dispatch({ type: 'set-playing', playing: false });
      return;
    }
    const step = computePlaybackStep(accumulator, dt, state.playbackSpeed);
    accumulator = step.accumulator;
    if (step.steps > 0) store.dispatch({ type: 'step-epoch', delta: step.steps });
  };
}

/** Play from the start when at the end; otherwise toggle. */
export function togglePlayback(store: AppStore): void {
  const state = store.getState();
  if (!state.playing && state.epochCount > 1 && state.epoch >= state.epochCount - 1) store.dispatch({ type: 'set-epoch', epoch: 0 });
  store.dispatch({ type: 'set-playing', playing: !state.playing });
}
