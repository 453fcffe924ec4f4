import type { Aggregate, EdgeSettings, MapArrangement, Normalisation } from '../domain/view-settings';
import type { CellSelection, NetworkSummary, Placement, SessionMode, TrainingState } from './state';

/**
 * Everything that can change app state. UI panels, controllers, mouse and keyboard, the automation
 * API and the training client all emit these; only the reducer applies them.
 */
export type Intent =
  | { type: 'network-loaded'; network: NetworkSummary; epochCount: number; sampleCount: number }
  | { type: 'epochs-available'; epochCount: number }
  | { type: 'set-epoch'; epoch: number }
  | { type: 'step-epoch'; delta: number }
  | { type: 'set-playing'; playing: boolean }
  | { type: 'toggle-playing' }
  | { type: 'set-playback-speed'; epochsPerSecond: number }
  | { type: 'set-follow-latest'; follow: boolean }
  | { type: 'set-sample'; sample: number }
  | { type: 'toggle-collapsed'; layerId: number }
  | { type: 'set-collapsed'; layerId: number | 'all'; collapsed: boolean }
  | { type: 'set-arrangement'; layerId: number | 'all'; arrangement: MapArrangement }
  | { type: 'cycle-arrangement'; layerId: number | 'all' }
  | { type: 'set-aggregate'; layerId: number | 'all'; aggregate: Aggregate }
  | { type: 'set-layer-offset'; layerId: number; offset: [number, number, number] }
  | { type: 'reset-layout' }
  | { type: 'select-cell'; selection: CellSelection }
  | { type: 'clear-selection' }
  | { type: 'hover-layer'; layerId: number | null }
  | { type: 'set-placement'; placement: Placement }
  | { type: 'set-normalisation'; normalisation: Normalisation }
  | { type: 'set-edge-settings'; edges: Partial<EdgeSettings> }
  | { type: 'session-started'; mode: Exclude<SessionMode, 'none'> }
  | { type: 'session-ended' }
  | { type: 'training-updated'; training: Partial<TrainingState> };

export type IntentType = Intent['type'];
