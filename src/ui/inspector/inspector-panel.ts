import type { RecordingHolder } from '../../app/recording-holder';
import type { AppState } from '../../app/state';
import type { AppStore } from '../../app/store';
import { formatValue } from '../format';
import { createPanel, type Rect, type Widget } from '../panel';
import type { PanelController } from '../panel-controller';
import type { UiContext } from '../ui-context';
import { contains } from '../widgets/button';
import { computeMaxAbs, drawBars, drawGrid } from './draw-cells';
import { computeChannelSums, computeInspectorSummary, computeStrongestChannel } from './inspector-text';
import { computeInspectorModel, type InspectorModel } from './inspector-model';

/**
 * The neuron inspector: how the selected activation was computed. Conv: the input patch and the
 * kernel of one input channel side by side as coloured cells with numbers, their products, the
 * per-channel sums (pick a channel), and below: sum + bias = pre-activation, the activation function
 * and the result next to the value stored in the snapshot. Pooling: the window and its winner.
 * Dense: the 10 strongest contributions; output: the class probabilities.
 */
export const INSPECTOR_PANEL_SIZE = { width: 0.5, height: 0.38 };

export function createInspectorPanel(context: UiContext, store: AppStore, recordings: RecordingHolder): PanelController {
  const { width, height } = INSPECTOR_PANEL_SIZE;
  const panel = createPanel(context, { name: 'inspector', width, height, resolution: 2000 });
  const pad = 0.018;
  const title = panel.label({ x: pad, y: 0.01, width: width - 2 * pad - 0.04, height: 0.03 });
  const summary = panel.label({ x: pad, y: 0.29, width: width - 2 * pad, height: 0.08, vertical: 'start' });
  const content: Rect = { x: pad, y: 0.05, width: width - 2 * pad, height: 0.23 };
  const strip: Rect = { x: pad, y: 0.215, width: width - 2 * pad, height: 0.06 };
  let model: InspectorModel = { kind: 'none', reason: '' };
  let channel = 0;
  let channelSums: Float32Array = new Float32Array(0);

  const close: Rect = { x: width - pad - 0.03, y: 0.008, width: 0.03, height: 0.03 };
  let closeHovered = false;
  panel.add({
    name: 'inspector-close',
    rect: close,
    visible: true,
    draw(ctx, s) {
      ctx.strokeStyle = closeHovered ? '#ffffff' : '#8b98b3';
      ctx.lineWidth = 0.003 * s;
      const m = 0.008;
      ctx.beginPath();
      ctx.moveTo((close.x + m) * s, (close.y + m) * s);
      ctx.lineTo((close.x + close.width - m) * s, (close.y + close.height - m) * s);
      ctx.moveTo((close.x + close.width - m) * s, (close.y + m) * s);
      ctx.lineTo((close.x + m) * s, (close.y + close.height - m) * s);
      ctx.stroke();
    },
    handle(event) {
      if (event.phase === 'up' && contains(close, event.x, event.y)) store.dispatch({ type: 'clear-selection' });
      const hovered = event.phase !== 'leave' && contains(close, event.x, event.y);
      if (hovered === closeHovered) return false;
      closeHovered = hovered;
      return true;
    },
  });

  // Per-channel partial sums of a conv cell; choosing one shows that channel's patch and kernel.
  const channelStrip: Widget = panel.add<Widget>({
    name: 'inspector-channels',
    rect: strip,
    visible: false,
    draw(ctx, s) {
      const count = channelSums.length;
      const scale = computeMaxAbs(channelSums);
      const w = strip.width / Math.max(1, count);
      const mid = strip.y + 0.014 + (strip.height - 0.014) / 2;
      ctx.fillStyle = '#b8c4dc';
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      ctx.font = `${Math.round(0.0095 * s)}px sans-serif`;
      ctx.fillText(`sum of each input channel's ${channelSums.length > 0 ? 'products' : ''} (choose one)`, strip.x * s, strip.y * s);
      for (let i = 0; i < count; i++) {
        const v = channelSums[i]!;
        const h = (Math.abs(v) / (scale || 1)) * ((strip.height - 0.014) / 2);
        ctx.fillStyle = i === channel ? '#ffd36b' : v >= 0 ? '#eb5a46' : '#4682eb';
        ctx.fillRect((strip.x + i * w + w * 0.15) * s, (v >= 0 ? mid - h : mid) * s, w * 0.7 * s, Math.max(h, 0.0005) * s);
      }
    },
    handle(event) {
      if (event.phase !== 'up' || channelSums.length === 0) return false;
      const index = Math.floor(((event.x - strip.x) / strip.width) * channelSums.length);
      if (index < 0 || index >= channelSums.length || index === channel) return false;
      channel = index;
      refreshText();
      return true;
    },
  });

  panel.setBackgroundDrawer((ctx, s) => {
    if (model.kind === 'conv') {
      const e = model.explanation;
      const [kh, kw] = e.kernelSize;
      const at = (values: Float32Array) => (r: number, c: number) => values[(r * kw + c) * e.inChannels + channel]!;
      const gridWidth = (content.width - 0.04) / 3;
      const gridRect = (i: number): Rect => ({ x: content.x + i * (gridWidth + 0.02), y: content.y, width: gridWidth, height: 0.16 });
      const isPadding = (r: number, c: number) => e.padded[(r * kw + c) * e.inChannels + channel] === 1;
      drawGrid(ctx, s, { rect: gridRect(0), rows: kh, cols: kw, value: at(e.patch), scale: computeMaxAbs(e.patch), title: `input patch, channel ${channel}`, isPadding });
      drawGrid(ctx, s, { rect: gridRect(1), rows: kh, cols: kw, value: at(e.kernel), scale: computeMaxAbs(e.kernel), title: `x kernel, channel ${channel}` });
      drawGrid(ctx, s, { rect: gridRect(2), rows: kh, cols: kw, value: at(e.products), scale: computeMaxAbs(e.products), title: '= products', isPadding });
    } else if (model.kind === 'pool') {
      const e = model.explanation;
      const [ph, pw] = e.poolSize;
      drawGrid(ctx, s, { rect: { x: content.x, y: content.y, width: 0.2, height: 0.2 }, rows: ph, cols: pw, value: (r, c) => e.window[r * pw + c]!, scale: computeMaxAbs(e.window), title: `${e.mode} pooling window`, highlight: e.winner });
    } else if (model.kind === 'dense') {
      const e = model.explanation;
      const contributionRect: Rect = model.probabilities ? { ...content, x: content.x + content.width / 2, width: content.width / 2 } : content;
      const rows = e.top.map((c) => ({ label: `in ${c.input}`, value: c.product, text: `${formatValue(c.x, 2)} x ${formatValue(c.weight, 2)}` }));
      drawBars(ctx, s, { ...contributionRect, y: contributionRect.y + 0.014, height: contributionRect.height - 0.014 }, rows, computeMaxAbs(e.top.map((c) => c.product)));
      ctx.fillStyle = '#b8c4dc';
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      ctx.font = `${Math.round(0.0095 * s)}px sans-serif`;
      ctx.fillText(`strongest ${e.top.length} of ${e.inputCount} inputs: input x weight`, contributionRect.x * s, contributionRect.y * s);
      if (model.probabilities) {
        const names = model.classNames;
        const probabilities = Array.from(model.probabilities, (p, i) => ({ label: names[i] ?? String(i), value: p, text: `${(p * 100).toFixed(1)}%` }));
        ctx.fillText('class probabilities', content.x * s, content.y * s);
        drawBars(ctx, s, { x: content.x, y: content.y + 0.014, width: content.width / 2 - 0.01, height: content.height - 0.014 }, probabilities, 1, model.unit);
      }
    }
  });

  const refreshText = () => {
    summary.set(computeInspectorSummary(model, channel));
  };

  const rebuild = (state: AppState) => {
    model = computeInspectorModel(recordings.current, state.selection, state.epoch, state.sample);
    channelSums = model.kind === 'conv' ? computeChannelSums(model.explanation) : new Float32Array(0);
    channelStrip.visible = model.kind === 'conv';
    if (model.kind === 'conv' && (channel >= model.explanation.inChannels || state.selection !== lastSelection)) channel = computeStrongestChannel(channelSums);
    lastSelection = state.selection;
    const sel = state.selection;
    title.set(!sel ? 'Inspector' : `${model.kind === 'none' ? '' : model.layerName}  map ${sel.channel}, row ${sel.row}, col ${sel.col}`);
    refreshText();
    panel.invalidate();
  };
  let lastSelection: AppState['selection'] = null;

  return {
    panel,
    apply(state, previous) {
      panel.object.visible = state.selection !== null;
      if (!previous || state.selection !== previous.selection || state.epoch !== previous.epoch || state.sample !== previous.sample) rebuild(state);
    },
    recordingChanged() {
      rebuild(store.getState());
    },
  };
}
