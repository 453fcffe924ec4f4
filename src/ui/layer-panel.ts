import type { RecordingHolder } from '../app/recording-holder';
import type { AppStore } from '../app/store';
import type { MapArrangement, Normalisation } from '../domain/view-settings';
import { computeFontMetricsLineHeight, computeParameterCount, computeShownLayer } from './layer-panel-math';
import { formatCount, formatShape } from './format';
import { createPanel } from './panel';
import type { PanelController } from './panel-controller';
import type { UiContext } from './ui-context';
import { createButtonRow } from './widgets/button-row';
import { createSlider } from './widgets/slider';

/**
 * Settings of the selected or last pointed layer: name, kind, output shape, parameter count;
 * layout line/grid/circle; collapse/expand; aggregate mean/max; and the network-wide edge filter
 * (top-k, threshold), bundling strength and colour normalisation. Every control emits an intent.
 */
export const LAYER_PANEL_SIZE = { width: 0.42, height: 0.3 };
const ARRANGEMENTS: readonly MapArrangement[] = ['line', 'grid', 'circle'];
const NORMALISATIONS: readonly Normalisation[] = ['map', 'layer', 'network'];
const capitalise = (s: string) => s[0]!.toUpperCase() + s.slice(1);

export function createLayerPanel(context: UiContext, store: AppStore, recordings: RecordingHolder): PanelController & { shownLayer(): number | null } {
  const panel = createPanel(context, { name: 'layer', ...LAYER_PANEL_SIZE });
  const pad = 0.018;
  let shown: number | null = null;
  const view = () => (shown === null ? undefined : store.getState().layerViews[shown]);
  const info = panel.label({ x: pad, y: 0.01, width: LAYER_PANEL_SIZE.width - 2 * pad, height: 0.055, vertical: 'start' });
  const rowHeight = 0.028;
  const layerId = () => shown ?? -1;
  const viewRow = createButtonRow(panel, { x: pad, y: 0.072, height: rowHeight, gap: 3 }, [
    ...ARRANGEMENTS.map((arrangement) => ({
      name: `arrangement-${arrangement}`,
      caption: capitalise(arrangement),
      onPress: () => store.dispatch({ type: 'set-arrangement', layerId: layerId(), arrangement }),
      selected: () => view()?.arrangement === arrangement,
    })),
    { name: 'collapse', caption: () => (view()?.collapsed ? 'Expand' : 'Collapse'), onPress: () => store.dispatch({ type: 'toggle-collapsed', layerId: layerId() }) },
    { name: 'aggregate-mean', caption: 'Mean', onPress: () => store.dispatch({ type: 'set-aggregate', layerId: layerId(), aggregate: 'mean' }), selected: () => view()?.aggregate === 'mean', enabled: () => view()?.collapsed ?? false },
    { name: 'aggregate-max', caption: 'Max', onPress: () => store.dispatch({ type: 'set-aggregate', layerId: layerId(), aggregate: 'max' }), selected: () => view()?.aggregate === 'max', enabled: () => view()?.collapsed ?? false },
  ]);
  const colourRow = createButtonRow(panel, { x: pad, y: 0.108, height: rowHeight, gap: 3 }, [
    { name: 'colour-caption', caption: 'Colour per' },
    ...NORMALISATIONS.map((normalisation) => ({
      name: `normalisation-${normalisation}`,
      caption: capitalise(normalisation),
      onPress: () => store.dispatch({ type: 'set-normalisation', normalisation }),
      selected: () => store.getState().normalisation === normalisation,
    })),
  ]);
  // Slider captions share one multi-line label whose lines sit on the slider rows.
  const pitch = 0.032;
  const sliderTop = 0.15;
  const sliderX = 0.16;
  const sliderLabels = panel.label({ x: pad, y: sliderTop + (pitch - computeFontMetricsLineHeight(context)) / 2, width: sliderX - pad, height: pitch * 3, vertical: 'start', interLine: pitch - computeFontMetricsLineHeight(context) });
  const sliderRect = (i: number) => ({ x: sliderX, y: sliderTop + i * pitch, width: LAYER_PANEL_SIZE.width - sliderX - pad, height: pitch });
  const edges = () => store.getState().edges;
  panel.add(createSlider({ name: 'edge-topk', rect: sliderRect(0), range: () => ({ min: 0, max: 2000, step: 50 }), value: () => edges().topK, onChange: (topK) => store.dispatch({ type: 'set-edge-settings', edges: { topK } }) }));
  panel.add(createSlider({ name: 'edge-threshold', rect: sliderRect(1), range: () => ({ min: 0, max: 1, step: 0.05 }), value: () => edges().threshold, onChange: (threshold) => store.dispatch({ type: 'set-edge-settings', edges: { threshold } }) }));
  panel.add(createSlider({ name: 'edge-bundling', rect: sliderRect(2), range: () => ({ min: 0, max: 1, step: 0.05 }), value: () => edges().bundling, onChange: (bundling) => store.dispatch({ type: 'set-edge-settings', edges: { bundling } }) }));

  const describe = (): string => {
    const layer = shown === null ? undefined : recordings.current?.network.layers[shown];
    if (!layer) return 'Point at a layer';
    const extra: string[] = [];
    if (layer.kernelSize) extra.push(`kernel ${layer.kernelSize.join('x')}`);
    if (layer.poolSize) extra.push(`pool ${layer.poolSize.join('x')}`);
    if (layer.strides) extra.push(`stride ${layer.strides.join('x')}`);
    if (layer.padding) extra.push(layer.padding);
    if (layer.activation) extra.push(layer.activation);
    return `${layer.name} (${layer.kind})   output ${formatShape(layer.outputShape)}   ${formatCount(computeParameterCount(layer))} params\n${extra.join(', ') || layer.className}${layer.cap ? `\n${layer.cap.note}` : ''}`;
  };

  return {
    panel,
    shownLayer: () => shown,
    apply(state, previous) {
      const next = computeShownLayer(state, previous, shown);
      const changed = next !== shown;
      shown = next;
      panel.object.visible = shown !== null;
      if (shown === null) return;
      info.set(describe());
      viewRow.refresh();
      colourRow.refresh();
      const e = state.edges;
      sliderLabels.set(`Top-k ${e.topK}\nThreshold ${e.threshold.toFixed(2)}\nBundling ${e.bundling.toFixed(2)}`);
      if (changed || !previous || state.layerViews !== previous.layerViews || state.normalisation !== previous.normalisation || state.edges !== previous.edges) panel.invalidate();
    },
    recordingChanged() {
      info.set(describe());
    },
  };
}
