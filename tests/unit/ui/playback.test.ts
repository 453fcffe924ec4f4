import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../src/app/store';
import { computePlaybackStep, createPlaybackUpdater, togglePlayback } from '../../../src/ui/playback';

const network = { name: 'n', source: 't', classNames: [], layers: [] };

describe('playback', () => {
  it('accumulates fractional epochs across frames', () => {
    let acc = 0;
    let steps = 0;
    for (let i = 0; i < 90; i++) {
      const s = computePlaybackStep(acc, 1 / 90, 0.5);
      acc = s.accumulator;
      steps += s.steps;
    }
    expect(steps).toBe(0);
    for (let i = 0; i < 91; i++) {
      const s = computePlaybackStep(acc, 1 / 90, 0.5);
      acc = s.accumulator;
      steps += s.steps;
    }
    expect(steps).toBe(1);
    expect(computePlaybackStep(0, 0.5, 4).steps).toBe(2);
  });

  it('advances the store while playing and stops at the last epoch', () => {
    const store = createAppStore();
    store.dispatch({ type: 'network-loaded', network, epochCount: 5, sampleCount: 1 });
    store.dispatch({ type: 'set-epoch', epoch: 0 });
    togglePlayback(store);
    expect(store.getState().playing).toBe(true);
    const update = createPlaybackUpdater(store);
    store.dispatch({ type: 'set-playback-speed', epochsPerSecond: 2 });
    update(0.5);
    expect(store.getState().epoch).toBe(1);
    for (let i = 0; i < 10; i++) update(0.5);
    expect(store.getState().epoch).toBe(4);
    expect(store.getState().playing).toBe(false);
    // Play at the end restarts from epoch 0.
    togglePlayback(store);
    expect(store.getState().epoch).toBe(0);
    expect(store.getState().playing).toBe(true);
  });
});
