import type { AppState } from '../app/state';
import type { Panel } from './panel';

/** A panel plus how it follows app state and the recording. */
export interface PanelController {
  readonly panel: Panel;
  /** Called with each new state (previous is null the first time); sets labels and invalidates only on change. */
  apply(state: AppState, previous: AppState | null): void;
  /** The recording was replaced or got a new epoch. */
  recordingChanged(): void;
}
