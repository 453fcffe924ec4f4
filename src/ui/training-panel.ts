import type { AppState } from '../app/state';
import type { AppStore } from '../app/store';
import { formatCount } from './format';
import type { Panel } from './panel';
import type { TrainingControls } from './training-controls';
import { createButtonRow } from './widgets/button-row';

/**
 * Live training controls, a section of the epoch panel: start from scratch, pause/resume, reset, a
 * progress bar of the running epoch (batches done / total) and samples per second.
 */
export interface TrainingSection {
  apply(state: AppState): void;
  /** Fill of the progress bar as drawn, 0..1. */
  progress(): number;
}

export function addTrainingSection(panel: Panel, store: AppStore, training: TrainingControls | null, at: { x: number; y: number; width: number }): TrainingSection {
  const status = () => store.getState().training.status;
  const available = () => training !== null;
  const row = createButtonRow(panel, { x: at.x, y: at.y, height: 0.03 }, [
    { name: 'train-start', caption: 'Train from scratch', onPress: () => training?.start(), enabled: () => available() && (status() === 'idle' || status() === 'error') },
    {
      name: 'train-pause',
      caption: () => (status() === 'paused' ? 'Resume' : 'Pause'),
      onPress: () => (status() === 'paused' ? training?.resume() : training?.pause()),
      enabled: () => available() && (status() === 'running' || status() === 'paused'),
    },
    { name: 'train-reset', caption: 'Reset', onPress: () => training?.reset(), enabled: () => available() && status() !== 'idle' },
  ]);
  const bar = { x: at.x, y: at.y + 0.04, width: at.width * 0.45, height: 0.012 };
  const line = panel.label({ x: at.x + at.width * 0.48, y: at.y + 0.034, width: at.width * 0.52, height: 0.024 });
  let fraction = 0;
  panel.add({
    name: 'train-progress',
    rect: bar,
    visible: true,
    draw(ctx, scale) {
      ctx.fillStyle = '#2a3142';
      ctx.fillRect(bar.x * scale, bar.y * scale, bar.width * scale, bar.height * scale);
      ctx.fillStyle = '#6fd39a';
      ctx.fillRect(bar.x * scale, bar.y * scale, bar.width * fraction * scale, bar.height * scale);
    },
  });
  let drawn = '';
  return {
    progress: () => fraction,
    apply(state) {
      const t = state.training;
      row.refresh();
      fraction = t.batchesPerEpoch > 0 ? Math.min(1, t.batch / t.batchesPerEpoch) : 0;
      const text = !training
        ? 'live training unavailable'
        : t.status === 'error'
          ? `error: ${t.lastError ?? 'unknown'}`
          : t.status === 'idle'
            ? 'idle'
            : `${t.status}  batch ${t.batch} / ${t.batchesPerEpoch}  ${formatCount(t.samplesPerSecond)} samples/s${t.backend ? `  ${t.backend}` : ''}`;
      line.set(text.length > 64 ? `${text.slice(0, 61)}...` : text);
      // Redraw the bar and the enabled states only when they changed.
      const key = `${t.status}|${fraction.toFixed(3)}`;
      if (key !== drawn) {
        drawn = key;
        panel.invalidate();
      }
    },
  };
}
