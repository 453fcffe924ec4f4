import type { LayerKind } from '../domain/network';
import type { Aggregate, EdgeSettings, LayerViewSettings, MapArrangement, Normalisation } from '../domain/view-settings';
import { DEFAULT_EDGE_SETTINGS } from '../domain/view-settings';

/**
 * The whole app state: plain, serialisable data (no class instances, no typed arrays), so it can be
 * copied by the automation API, put in a URL, or sent to another headset. The heavy recording data
 * (weights, activations) is not state: it lives in the recording holder and is addressed by epoch/sample.
 */

export type SessionMode = 'none' | 'vr' | 'ar';
export type Vec3Tuple = [number, number, number];
export type QuatTuple = [number, number, number, number];

export interface LayerSummary {
  id: number;
  name: string;
  kind: LayerKind;
  outputShape: number[];
  /** Human-readable display cap, when recorded activations were downsampled. */
  cap: string | null;
}

export interface NetworkSummary {
  name: string;
  layers: LayerSummary[];
  classNames: string[];
  /** Where it came from: 'default recording', a URL, or file names. */
  source: string;
  /** How the probe images were mapped to network input ('0..1', '-1..1', '0..255'). */
  inputScaling?: string;
}

export interface CellSelection {
  layerId: number;
  channel: number;
  row: number;
  col: number;
}

export interface Placement {
  position: Vec3Tuple;
  quaternion: QuatTuple;
  scale: number;
}

export type TrainingStatus = 'idle' | 'starting' | 'running' | 'paused' | 'error';

export interface TrainingState {
  status: TrainingStatus;
  backend: string | null;
  batch: number;
  batchesPerEpoch: number;
  samplesPerSecond: number;
  lastError: string | null;
}

export interface AppState {
  session: SessionMode;
  network: NetworkSummary | null;
  /** One entry per layer id. */
  layerViews: LayerViewSettings[];
  epoch: number;
  epochCount: number;
  playing: boolean;
  /** Epochs per second while playing. */
  playbackSpeed: number;
  /** When true, the view jumps to each new epoch live training produces. */
  followLatest: boolean;
  /** Index of the probe input shown. */
  sample: number;
  sampleCount: number;
  selection: CellSelection | null;
  /** Layer under the pointer (mouse or controller ray), for highlighting. */
  hoveredLayer: number | null;
  placement: Placement;
  normalisation: Normalisation;
  edges: EdgeSettings;
  training: TrainingState;
}

export const DESKTOP_PLACEMENT: Placement = { position: [0, 0, 0], quaternion: [0, 0, 0, 1], scale: 1 };

export function createInitialState(): AppState {
  return {
    session: 'none',
    network: null,
    layerViews: [],
    epoch: 0,
    epochCount: 0,
    playing: false,
    playbackSpeed: 2,
    followLatest: true,
    sample: 0,
    sampleCount: 0,
    selection: null,
    hoveredLayer: null,
    placement: { ...DESKTOP_PLACEMENT, position: [...DESKTOP_PLACEMENT.position], quaternion: [...DESKTOP_PLACEMENT.quaternion] },
    normalisation: 'layer',
    edges: { ...DEFAULT_EDGE_SETTINGS },
    training: { status: 'idle', backend: null, batch: 0, batchesPerEpoch: 0, samplesPerSecond: 0, lastError: null },
  };
}

export type { Aggregate, MapArrangement, Normalisation };
