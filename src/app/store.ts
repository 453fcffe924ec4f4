import { createStore } from 'zustand/vanilla';
import type { Intent } from './intents';
import { computeNextState } from './reduce';
import type { AppState } from './state';
import { createInitialState } from './state';

/** The one place state changes: dispatch(intent) runs the pure reducer and notifies subscribers. */
export interface AppStore {
  getState(): AppState;
  dispatch(intent: Intent): void;
  /** Called with (next, previous) after each change; returns an unsubscribe. */
  subscribe(listener: (state: AppState, previous: AppState) => void): () => void;
}

export function createAppStore(initial: AppState = createInitialState()): AppStore {
  const store = createStore<AppState>()(() => initial);
  return {
    getState: store.getState,
    dispatch(intent) {
      const previous = store.getState();
      const next = computeNextState(previous, intent);
      if (next !== previous) store.setState(next, true);
    },
    subscribe: store.subscribe,
  };
}
