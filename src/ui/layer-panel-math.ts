import type { AppState } from '../app/state';
import type { LayerDescription } from '../domain/network';
import { computeShapeSize } from '../domain/network';
import { computeLineHeight } from './font-metrics';
import type { UiContext } from './ui-context';

/** Height of one text line at the context's font size: rows aligned with a multi-line label use it as their pitch. */
export function computeFontMetricsLineHeight(context: UiContext): number {
  return computeLineHeight(context.metrics, context.fontSize);
}

/** Trainable scalars of a layer: the sum of its weight tensors' sizes. */
export function computeParameterCount(layer: LayerDescription): number {
  return layer.weights.reduce((sum, w) => sum + computeShapeSize(w.shape), 0);
}

/** The layer the panel shows: the last one pointed at or selected (sticky, so moving the ray to the panel keeps it). */
export function computeShownLayer(state: AppState, previous: AppState | null, shown: number | null): number | null {
  if (state.network !== previous?.network) shown = null;
  if (state.hoveredLayer !== null && state.hoveredLayer !== previous?.hoveredLayer) shown = state.hoveredLayer;
  if (state.selection && state.selection.layerId !== previous?.selection?.layerId) shown = state.selection.layerId;
  return shown !== null && shown < state.layerViews.length ? shown : null;
}
