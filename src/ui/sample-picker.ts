import type { RecordingHolder } from '../app/recording-holder';
import type { AppStore } from '../app/store';
import type { ProbeSet } from '../domain/recording';
import { computeArgmax, computeThumbnailPixels } from './sample-math';
import { formatPercent } from './format';
import { createPanel, type Rect } from './panel';
import type { PanelController } from './panel-controller';
import type { UiContext } from './ui-context';
import { contains } from './widgets/button';

/**
 * The probe inputs as thumbnails (drawn from one offscreen atlas onto the panel's single texture),
 * each with its true label and the current epoch's prediction (argmax of epoch.predictions[probe]):
 * green when right, red when wrong. Choosing one dispatches set-sample.
 */
export const SAMPLE_PANEL_SIZE = { width: 0.34, height: 0.33 };

export function createSamplePicker(context: UiContext, store: AppStore, recordings: RecordingHolder): PanelController {
  const panel = createPanel(context, { name: 'samples', ...SAMPLE_PANEL_SIZE, resolution: 1800 });
  const pad = 0.015;
  const title = panel.label({ x: pad, y: 0.008, width: SAMPLE_PANEL_SIZE.width - 2 * pad, height: 0.045, vertical: 'start' });
  const grid: Rect = { x: pad, y: 0.06, width: SAMPLE_PANEL_SIZE.width - 2 * pad, height: SAMPLE_PANEL_SIZE.height - 0.06 - pad };
  let atlas: HTMLCanvasElement | null = null;
  let probes: ProbeSet | null = null;
  let columns = 5;
  let cell = 0.05;
  let hovered = -1;

  const cellRect = (index: number): Rect => ({ x: grid.x + (index % columns) * cell, y: grid.y + Math.floor(index / columns) * cell, width: cell, height: cell });
  const indexAt = (x: number, y: number): number => {
    if (!probes || !contains(grid, x, y)) return -1;
    const index = Math.floor((y - grid.y) / cell) * columns + Math.floor((x - grid.x) / cell);
    return index < probes.inputs.length && Math.floor((x - grid.x) / cell) < columns ? index : -1;
  };

  const rebuildAtlas = () => {
    probes = recordings.current?.probes ?? null;
    atlas = null;
    if (!probes || probes.inputs.length === 0) return;
    const [h = 1, w = 1] = probes.inputShape;
    const count = probes.inputs.length;
    columns = Math.ceil(Math.sqrt((count * grid.width) / grid.height));
    const rows = Math.ceil(count / columns);
    cell = Math.min(grid.width / columns, grid.height / rows);
    atlas = document.createElement('canvas');
    atlas.width = w * count;
    atlas.height = h;
    const atlasContext = atlas.getContext('2d')!;
    const image = atlasContext.createImageData(w * count, h);
    probes.inputs.forEach((input, i) => computeThumbnailPixels(input, probes!.inputShape, image.data, i * w, w * count));
    atlasContext.putImageData(image, 0, 0);
  };

  panel.add({
    name: 'sample-grid',
    rect: grid,
    visible: true,
    draw(ctx, scale) {
      if (!atlas || !probes) return;
      const state = store.getState();
      const epoch = recordings.epoch(state.epoch);
      const [h = 1, w = 1] = probes.inputShape;
      ctx.imageSmoothingEnabled = false;
      ctx.textBaseline = 'top';
      ctx.font = `bold ${Math.round(cell * 0.28 * scale)}px sans-serif`;
      for (let i = 0; i < probes.inputs.length; i++) {
        const r = cellRect(i);
        const inset = cell * 0.06;
        ctx.drawImage(atlas, i * w, 0, w, h, (r.x + inset) * scale, (r.y + inset) * scale, (r.width - 2 * inset) * scale, (r.height - 2 * inset) * scale);
        const predicted = epoch ? computeArgmax(epoch.predictions[i]) : -1;
        const truth = probes.labels[i] ?? -1;
        ctx.lineWidth = (i === state.sample ? 0.004 : i === hovered ? 0.0025 : 0.0015) * scale;
        ctx.strokeStyle = i === state.sample ? '#ffd36b' : i === hovered ? '#d9e6ff' : predicted === truth ? '#3fae6a' : '#d9534f';
        ctx.strokeRect((r.x + inset / 2) * scale, (r.y + inset / 2) * scale, (r.width - inset) * scale, (r.height - inset) * scale);
        if (predicted >= 0) {
          ctx.fillStyle = predicted === truth ? '#8ff0b0' : '#ff8f8a';
          ctx.fillText(String(predicted), (r.x + inset * 1.5) * scale, (r.y + inset * 1.2) * scale);
        }
      }
    },
    handle(event) {
      const index = event.phase === 'leave' ? -1 : indexAt(event.x, event.y);
      if (event.phase === 'up' && index >= 0) store.dispatch({ type: 'set-sample', sample: index });
      if (index === hovered) return false;
      hovered = index;
      return true;
    },
  });

  const describe = (): string => {
    const state = store.getState();
    if (!probes || probes.inputs.length === 0) return 'Samples\nno probe inputs';
    const classNames = state.network?.classNames ?? [];
    const name = (label: number) => (label < 0 ? '?' : (classNames[label] ?? String(label)));
    const truth = probes.labels[state.sample] ?? -1;
    const prediction = recordings.epoch(state.epoch)?.predictions[state.sample];
    const predicted = computeArgmax(prediction);
    const confidence = prediction && predicted >= 0 ? ` (${formatPercent(prediction[predicted]!)})` : '';
    return `Sample ${state.sample + 1} / ${probes.inputs.length}\ntrue ${name(truth)}, predicted ${predicted < 0 ? '-' : name(predicted)}${confidence}`;
  };

  return {
    panel,
    apply(state, previous) {
      title.set(describe());
      if (!previous || state.sample !== previous.sample || state.epoch !== previous.epoch || state.epochCount !== previous.epochCount) panel.invalidate();
    },
    recordingChanged() {
      if (recordings.current?.probes !== probes) rebuildAtlas();
      title.set(describe());
      panel.invalidate();
    },
  };
}

