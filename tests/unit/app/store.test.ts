import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../../src/app/store';
import type { NetworkSummary } from '../../../src/app/state';

const network: NetworkSummary = {
  name: 'test',
  source: 'test',
  classNames: ['a', 'b'],
  layers: [
    { id: 0, name: 'input', kind: 'input', outputShape: [4, 4, 1], cap: null },
    { id: 1, name: 'conv', kind: 'conv2d', outputShape: [2, 2, 3], cap: null },
    { id: 2, name: 'out', kind: 'dense', outputShape: [2], cap: null },
  ],
};

function loadedStore(epochCount = 5) {
  const store = createAppStore();
  store.dispatch({ type: 'network-loaded', network, epochCount, sampleCount: 4 });
  return store;
}

describe('app store', () => {
  it('loads a network: one view per layer, epoch at the newest, state is plain JSON', () => {
    const store = loadedStore();
    const state = store.getState();
    expect(state.layerViews).toHaveLength(3);
    expect(state.epoch).toBe(4);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('clamps epochs and samples, and stops following live epochs when scrubbed away', () => {
    const store = loadedStore();
    store.dispatch({ type: 'set-epoch', epoch: 99 });
    expect(store.getState().epoch).toBe(4);
    store.dispatch({ type: 'step-epoch', delta: -2 });
    expect(store.getState()).toMatchObject({ epoch: 2, followLatest: false });
    store.dispatch({ type: 'epochs-available', epochCount: 6 });
    expect(store.getState().epoch).toBe(2);
    store.dispatch({ type: 'set-epoch', epoch: 5 });
    expect(store.getState().followLatest).toBe(true);
    store.dispatch({ type: 'epochs-available', epochCount: 7 });
    expect(store.getState().epoch).toBe(6);
    store.dispatch({ type: 'set-sample', sample: -3 });
    expect(store.getState().sample).toBe(0);
    store.dispatch({ type: 'set-sample', sample: 17 });
    expect(store.getState().sample).toBe(3);
  });

  it('toggles collapse for one layer and cycles arrangements; ignores unknown layers', () => {
    const store = loadedStore();
    store.dispatch({ type: 'toggle-collapsed', layerId: 1 });
    expect(store.getState().layerViews.map((v) => v.collapsed)).toEqual([false, true, false]);
    store.dispatch({ type: 'toggle-collapsed', layerId: 1 });
    expect(store.getState().layerViews[1]!.collapsed).toBe(false);
    const before = store.getState();
    store.dispatch({ type: 'toggle-collapsed', layerId: 7 });
    expect(store.getState()).toBe(before);
    store.dispatch({ type: 'cycle-arrangement', layerId: 'all' });
    expect(store.getState().layerViews.every((v) => v.arrangement === 'circle')).toBe(true);
    store.dispatch({ type: 'cycle-arrangement', layerId: 'all' });
    expect(store.getState().layerViews[0]!.arrangement).toBe('line');
  });

  it('moves a layer and resets the layout', () => {
    const store = loadedStore();
    store.dispatch({ type: 'set-layer-offset', layerId: 2, offset: [0.3, 0, 0] });
    expect(store.getState().layerViews[2]!.offset).toEqual([0.3, 0, 0]);
    store.dispatch({ type: 'reset-layout' });
    expect(store.getState().layerViews[2]!.offset).toEqual([0, 0, 0]);
  });

  it('keeps everything across a session start and end', () => {
    const store = loadedStore();
    store.dispatch({ type: 'toggle-collapsed', layerId: 1 });
    store.dispatch({ type: 'select-cell', selection: { layerId: 1, channel: 2, row: 1, col: 0 } });
    store.dispatch({ type: 'set-placement', placement: { position: [1, 2, 3], quaternion: [0, 0, 0, 1], scale: 0.1 } });
    store.dispatch({ type: 'session-started', mode: 'vr' });
    const inVr = store.getState();
    expect(inVr.session).toBe('vr');
    store.dispatch({ type: 'session-ended' });
    const after = store.getState();
    expect(after.session).toBe('none');
    expect({ ...after, session: 'vr' }).toEqual(inVr);
  });

  it('notifies subscribers only on change', () => {
    const store = loadedStore();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.dispatch({ type: 'clear-selection' });
    expect(listener).not.toHaveBeenCalled();
    store.dispatch({ type: 'toggle-playing' });
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    store.dispatch({ type: 'toggle-playing' });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
