import type { LayerViewSettings, MapArrangement } from '../domain/view-settings';
import { DEFAULT_LAYER_VIEW } from '../domain/view-settings';
import type { Intent } from './intents';
import type { AppState } from './state';

/** The pure state transition: (state, intent) -> next state. Returns the same object when nothing changes. */
export function computeNextState(state: AppState, intent: Intent): AppState {
  switch (intent.type) {
    case 'network-loaded': {
      const layerViews = intent.network.layers.map(() => ({ ...DEFAULT_LAYER_VIEW }));
      return {
        ...state,
        network: intent.network,
        layerViews,
        epochCount: intent.epochCount,
        epoch: clampIndex(state.followLatest ? intent.epochCount - 1 : 0, intent.epochCount),
        sampleCount: intent.sampleCount,
        sample: clampIndex(state.sample, intent.sampleCount),
        selection: null,
        hoveredLayer: null,
        playing: false,
      };
    }
    case 'epochs-available': {
      const follow = state.followLatest && state.epoch === state.epochCount - 1;
      const epoch = follow ? intent.epochCount - 1 : clampIndex(state.epoch, intent.epochCount);
      return { ...state, epochCount: intent.epochCount, epoch };
    }
    case 'set-epoch':
      return withEpoch(state, intent.epoch);
    case 'step-epoch':
      return withEpoch(state, state.epoch + intent.delta);
    case 'set-playing':
      return state.playing === intent.playing ? state : { ...state, playing: intent.playing };
    case 'toggle-playing':
      return { ...state, playing: !state.playing };
    case 'set-playback-speed':
      return { ...state, playbackSpeed: Math.min(20, Math.max(0.25, intent.epochsPerSecond)) };
    case 'set-follow-latest':
      return { ...state, followLatest: intent.follow };
    case 'set-sample': {
      const sample = clampIndex(intent.sample, state.sampleCount);
      return sample === state.sample ? state : { ...state, sample };
    }
    case 'toggle-collapsed':
      return withLayerViews(state, intent.layerId, (v) => ({ ...v, collapsed: !v.collapsed }));
    case 'set-collapsed':
      return withLayerViews(state, intent.layerId, (v) => ({ ...v, collapsed: intent.collapsed }));
    case 'set-arrangement':
      return withLayerViews(state, intent.layerId, (v) => ({ ...v, arrangement: intent.arrangement }));
    case 'cycle-arrangement':
      return withLayerViews(state, intent.layerId, (v) => ({ ...v, arrangement: nextArrangement(v.arrangement) }));
    case 'set-aggregate':
      return withLayerViews(state, intent.layerId, (v) => ({ ...v, aggregate: intent.aggregate }));
    case 'set-layer-offset':
      return withLayerViews(state, intent.layerId, (v) => ({ ...v, offset: [...intent.offset] }));
    case 'reset-layout':
      return { ...state, layerViews: state.layerViews.map((v) => ({ ...v, offset: [0, 0, 0] as const })) };
    case 'select-cell':
      if (!isLayer(state, intent.selection.layerId)) return state;
      return { ...state, selection: { ...intent.selection } };
    case 'clear-selection':
      return state.selection === null ? state : { ...state, selection: null };
    case 'hover-layer':
      return state.hoveredLayer === intent.layerId ? state : { ...state, hoveredLayer: intent.layerId };
    case 'set-placement':
      return {
        ...state,
        placement: {
          position: [...intent.placement.position],
          quaternion: [...intent.placement.quaternion],
          scale: intent.placement.scale,
        },
      };
    case 'set-normalisation':
      return { ...state, normalisation: intent.normalisation };
    case 'set-edge-settings':
      return { ...state, edges: { ...state.edges, ...intent.edges } };
    case 'session-started':
      return { ...state, session: intent.mode };
    case 'session-ended':
      return state.session === 'none' ? state : { ...state, session: 'none' };
    case 'training-updated':
      return { ...state, training: { ...state.training, ...intent.training } };
  }
}

const ARRANGEMENTS: readonly MapArrangement[] = ['line', 'grid', 'circle'];

function nextArrangement(current: MapArrangement): MapArrangement {
  return ARRANGEMENTS[(ARRANGEMENTS.indexOf(current) + 1) % ARRANGEMENTS.length]!;
}

function clampIndex(value: number, count: number): number {
  if (count <= 0) return 0;
  return Math.min(count - 1, Math.max(0, Math.round(value)));
}

function withEpoch(state: AppState, epoch: number): AppState {
  const next = clampIndex(epoch, state.epochCount);
  if (next === state.epoch) return state;
  // Scrubbing away from the newest epoch stops following live training; back at the end, follow again.
  return { ...state, epoch: next, followLatest: next === state.epochCount - 1 };
}

function isLayer(state: AppState, layerId: number): boolean {
  return Number.isInteger(layerId) && layerId >= 0 && layerId < state.layerViews.length;
}

function withLayerViews(state: AppState, layerId: number | 'all', change: (v: LayerViewSettings) => LayerViewSettings): AppState {
  if (layerId !== 'all' && !isLayer(state, layerId)) return state;
  return {
    ...state,
    layerViews: state.layerViews.map((v, i) => (layerId === 'all' || i === layerId ? change(v) : v)),
  };
}
