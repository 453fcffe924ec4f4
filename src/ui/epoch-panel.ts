import type { RecordingHolder } from '../app/recording-holder';
import type { AppState } from '../app/state';
import type { AppStore } from '../app/store';
import { createCurves } from './curves';
import { formatCount, formatPercent, formatValue } from './format';
import { createPanel } from './panel';
import type { PanelController } from './panel-controller';
import { togglePlayback } from './playback';
import type { TrainingControls } from './training-controls';
import { addTrainingSection } from './training-panel';
import type { UiContext } from './ui-context';
import { createButtonRow } from './widgets/button-row';
import { createSlider } from './widgets/slider';

/**
 * The main panel: "Epoch 7 / 20" with metrics, loss and accuracy curves with a marker, the timeline
 * slider (scrubbing dispatches set-epoch continuously), play/pause with speeds, step back/forward,
 * and the live training controls below.
 */
export const EPOCH_PANEL_SIZE = { width: 0.56, height: 0.35 };
export const PLAYBACK_SPEEDS = [0.5, 1, 2, 4] as const;

/** Whether the panels follow the viewer or stay where they are (the dock's switch). */
export interface FollowSwitch {
  following(): boolean;
  setFollowing(following: boolean): void;
}

/** Pinning the epoch panel to the left controller as a wrist menu (only when one is connected). */
export interface WristSwitch {
  available(): boolean;
  pinned(): boolean;
  toggle(): void;
}

export function createEpochPanel(
  context: UiContext,
  store: AppStore,
  recordings: RecordingHolder,
  training: TrainingControls | null,
  follow: FollowSwitch,
  wrist: WristSwitch,
): PanelController & { progress(): number } {
  const panel = createPanel(context, { name: 'epoch', ...EPOCH_PANEL_SIZE });
  const pad = 0.02;
  const inner = EPOCH_PANEL_SIZE.width - 2 * pad;
  const header = panel.label({ x: pad, y: 0.012, width: inner, height: 0.05, vertical: 'start' });
  const curves = createCurves({ x: pad, y: 0.066, width: inner / 2 - 0.005, height: 0.09 }, { x: pad + inner / 2 + 0.005, y: 0.066, width: inner / 2 - 0.005, height: 0.09 });
  panel.setBackgroundDrawer((ctx, scale) => curves.draw(ctx, scale, store.getState().epoch));

  const slider = panel.add(
    createSlider({
      name: 'epoch-slider',
      rect: { x: pad, y: 0.162, width: inner, height: 0.034 },
      range: () => ({ min: 0, max: Math.max(0, store.getState().epochCount - 1), step: 1 }),
      value: () => store.getState().epoch,
      onChange: (epoch) => store.dispatch({ type: 'set-epoch', epoch }),
      enabled: () => store.getState().epochCount > 1,
    }),
  );
  void slider;

  const row = createButtonRow(panel, { x: pad, y: 0.204, height: 0.03 }, [
    { name: 'step-back', caption: '-1', onPress: () => store.dispatch({ type: 'step-epoch', delta: -1 }) },
    { name: 'play', caption: () => (store.getState().playing ? 'Pause' : 'Play'), onPress: () => togglePlayback(store) },
    { name: 'step-forward', caption: '+1', onPress: () => store.dispatch({ type: 'step-epoch', delta: 1 }) },
    ...PLAYBACK_SPEEDS.map((speed) => ({
      name: `speed-${speed}`,
      caption: `${speed}x`,
      onPress: () => store.dispatch({ type: 'set-playback-speed', epochsPerSecond: speed }),
      selected: () => store.getState().playbackSpeed === speed,
    })),
    {
      name: 'follow',
      caption: () => (follow.following() ? 'Stay here' : 'Follow me'),
      onPress: () => {
        follow.setFollowing(!follow.following());
        row.refresh();
      },
    },
    {
      name: 'wrist',
      caption: () => (wrist.pinned() ? 'Unpin' : 'Wrist'),
      enabled: () => wrist.available() || wrist.pinned(),
      onPress: () => {
        wrist.toggle();
        row.refresh();
        panel.invalidate();
      },
    },
  ]);

  const trainingSection = addTrainingSection(panel, store, training, { x: pad, y: 0.245, width: inner });

  const metricsLine = (state: AppState): string => {
    const snapshot = recordings.epoch(state.epoch);
    if (!snapshot) return 'no metrics yet';
    const m = snapshot.metrics;
    return `train loss ${formatValue(m.trainLoss)}  acc ${formatPercent(m.trainAccuracy)}   test loss ${formatValue(m.testLoss)}  acc ${formatPercent(m.testAccuracy)}`;
  };

  return {
    panel,
    progress: () => trainingSection.progress(),
    apply(state, previous) {
      const count = state.epochCount;
      const seen = recordings.epoch(state.epoch)?.metrics.samplesSeen;
      const title = count === 0 ? 'No recording loaded' : `Epoch ${state.epoch} / ${count - 1}${seen !== undefined ? `   (${formatCount(seen)} samples seen)` : ''}${state.followLatest && state.training.status === 'running' ? '   following' : ''}`;
      header.set(`${title}\n${metricsLine(state)}`);
      row.refresh();
      trainingSection.apply(state);
      if (!previous || state.epoch !== previous.epoch || state.epochCount !== previous.epochCount || state.playing !== previous.playing || state.playbackSpeed !== previous.playbackSpeed) {
        panel.invalidate();
      }
    },
    recordingChanged() {
      curves.setMetrics(recordings.current?.epochs.map((e) => e.metrics) ?? []);
      panel.invalidate();
    },
  };
}
