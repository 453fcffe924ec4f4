import * as THREE from 'three';
import { update as updateMeshUi } from 'three-mesh-ui';
import type { RecordingHolder } from '../app/recording-holder';
import type { AppState } from '../app/state';
import type { AppStore } from '../app/store';
import type { PointerTarget } from '../core/pointer-target';
import { createDock } from './dock';
import { createEpochPanel, EPOCH_PANEL_SIZE } from './epoch-panel';
import { createInspectorPanel, INSPECTOR_PANEL_SIZE } from './inspector/inspector-panel';
import { createLayerPanel, LAYER_PANEL_SIZE } from './layer-panel';
import { isShown } from './panel';
import type { PanelController } from './panel-controller';
import { DESKTOP_DOCK, XR_DOCK, type Box } from './panel-placement';
import { createPlaybackUpdater } from './playback';
import { createSamplePicker, SAMPLE_PANEL_SIZE } from './sample-picker';
import type { TrainingControls } from './training-controls';
import { updatePendingTexts, type UiContext } from './ui-context';

/**
 * All floating panels: built once, kept in a dock that follows the viewer lazily, fed by app state
 * (labels set only when their text changes, canvases redrawn only when invalidated). main.ts calls
 * updateState in the state phase (playback) and update in the ui phase (placement, dirty canvases,
 * ThreeMeshUI.update()).
 */
export interface UiPanelsOptions {
  readonly context: UiContext;
  readonly store: AppStore;
  readonly recordings: RecordingHolder;
  readonly training: TrainingControls | null;
  /** World-space bounding box of the network, or null before one is shown. */
  readonly networkBounds: () => Box | null;
  /** The left controller's grip (wrist menu anchor) while one is connected. */
  readonly leftController?: () => THREE.Object3D | null;
}

export interface UiStats {
  /** Visible meshes in the panels: each is one draw call per view. */
  drawCalls: number;
  textSets: number;
  surfaceDraws: number;
  /** Visible widgets (buttons, sliders, grids) and label lines: what a one-mesh-per-element design would draw. */
  widgets: number;
  labelLines: number;
  updateMs: number;
  textMs: number;
  updates: number;
}

export interface UiPanels {
  readonly root: THREE.Group;
  readonly targets: readonly PointerTarget[];
  updateState(dt: number): void;
  update(dt: number, viewer: THREE.Object3D, presenting: boolean): void;
  /** World position of a named widget (e.g. 'epoch-slider', 'play', 'train-start') or panel ('panel-epoch'). */
  uiPoint(name: string): [number, number, number] | null;
  /** Pins the epoch panel to a controller (wrist menu); null puts it back in the dock. */
  pinToController(controller: THREE.Object3D | null): void;
  /** Where the dock is and the network bounds it keeps out of (world). */
  placement(): { dock: [number, number, number]; network: Box | null };
  /** Whether the dock follows the viewer (true) or stays where it is. */
  setFollowing(following: boolean): void;
  stats(): UiStats;
  /** Label texts by panel name. */
  texts(): Record<string, string[]>;
  /** Progress-bar fill of the running training epoch, 0..1. */
  progress(): number;
  /** The layer the layer panel shows (last pointed at or selected), or null. */
  shownLayer(): number | null;
  dispose(): void;
}

export function createUiPanels(options: UiPanelsOptions): UiPanels {
  const { context, store, recordings } = options;
  const dock = createDock();
  /** The controller the epoch panel is pinned to (wrist menu), or null when it is in the dock. */
  let pinnedTo: THREE.Object3D | null = null;
  const epochController = createEpochPanel(context, store, recordings, options.training, {
    following: () => dock.following,
    setFollowing: (following) => {
      dock.following = following;
    },
  }, {
    available: () => (options.leftController?.() ?? null) !== null,
    pinned: () => pinnedTo !== null,
    toggle: () => pinToController(pinnedTo ? null : (options.leftController?.() ?? null)),
  });
  const samplesController = createSamplePicker(context, store, recordings);
  const layerController = createLayerPanel(context, store, recordings);
  const inspectorController = createInspectorPanel(context, store, recordings);
  const controllers: PanelController[] = [epochController, samplesController, layerController, inspectorController];
  const epoch = epochController.panel;
  const samples = samplesController.panel;
  const layer = layerController.panel;
  const inspector = inspectorController.panel;
  const root = new THREE.Group();
  root.name = 'ui-panels';
  root.add(dock.group);
  // Arc around the dock centre: samples left, epoch centre, layer right, inspector above the layer panel.
  const gap = 0.03;
  const sideAngle = 0.35;
  const place = (object: THREE.Object3D, x: number, y: number, yaw: number) => {
    object.position.set(x, y, Math.abs(x) * Math.sin(Math.abs(yaw)) * 0.6);
    object.rotation.set(0, yaw, 0);
    dock.group.add(object);
  };
  place(epoch.object, 0, 0, 0);
  place(samples.object, -(EPOCH_PANEL_SIZE.width + SAMPLE_PANEL_SIZE.width) / 2 - gap, (SAMPLE_PANEL_SIZE.height - EPOCH_PANEL_SIZE.height) / 2, sideAngle);
  place(layer.object, (EPOCH_PANEL_SIZE.width + LAYER_PANEL_SIZE.width) / 2 + gap, (LAYER_PANEL_SIZE.height - EPOCH_PANEL_SIZE.height) / 2, -sideAngle);
  // Above the layer panel, off the centre line, so the network straight ahead stays in view.
  place(
    inspector.object,
    (EPOCH_PANEL_SIZE.width + INSPECTOR_PANEL_SIZE.width) / 2 + gap,
    (LAYER_PANEL_SIZE.height - EPOCH_PANEL_SIZE.height) / 2 + LAYER_PANEL_SIZE.height / 2 + gap + INSPECTOR_PANEL_SIZE.height / 2,
    -sideAngle,
  );
  const epochHome = { position: epoch.object.position.clone(), quaternion: epoch.object.quaternion.clone() };

  let previous: AppState | null = null;
  const apply = (state: AppState) => {
    for (const c of controllers) c.apply(state, previous);
    previous = state;
  };
  const unsubscribeStore = store.subscribe((state) => apply(state));
  const unsubscribeRecording = recordings.onChange(() => {
    for (const c of controllers) c.recordingChanged();
    apply(store.getState());
  });
  if (recordings.current) for (const c of controllers) c.recordingChanged();
  apply(store.getState());

  function pinToController(controller: THREE.Object3D | null): void {
    pinnedTo = controller;
    if (controller) {
      controller.add(epoch.object);
      // Above the wrist, tilted toward the eyes, half size: a wrist menu read at ~0.35 m.
      epoch.object.position.set(0, 0.08, 0.02);
      epoch.object.rotation.set(-Math.PI / 3, 0, 0);
      epoch.object.scale.setScalar(0.5);
    } else {
      dock.group.add(epoch.object);
      epoch.object.position.copy(epochHome.position);
      epoch.object.quaternion.copy(epochHome.quaternion);
      epoch.object.scale.setScalar(1);
    }
    epoch.invalidate();
  }

  const playback = createPlaybackUpdater(store);
  const scratch = new THREE.Vector3();
  let wasPresenting: boolean | null = null;

  return {
    root,
    targets: controllers.map((c) => c.panel),
    updateState: playback,
    update(dt, viewer, presenting) {
      const started = performance.now();
      if (presenting !== wasPresenting) {
        wasPresenting = presenting;
        dock.snap();
      }
      dock.update(dt, viewer, options.networkBounds(), presenting ? XR_DOCK : DESKTOP_DOCK);
      for (const c of controllers) c.panel.update();
      const textStarted = performance.now();
      updatePendingTexts(context);
      updateMeshUi();
      const ended = performance.now();
      context.counters.textMs += ended - textStarted;
      context.counters.updateMs += ended - started;
      context.counters.updates++;
    },
    uiPoint(name) {
      for (const c of controllers) {
        const panel = c.panel;
        if (name === `panel-${panel.name}`) {
          if (!isShown(panel.object)) return null;
          panel.object.getWorldPosition(scratch);
          return [scratch.x, scratch.y, scratch.z];
        }
        const point = panel.widgetPoint(name, scratch);
        if (point) return [point.x, point.y, point.z];
      }
      return null;
    },
    pinToController,
    placement() {
      const b = options.networkBounds();
      return { dock: dock.group.position.toArray() as [number, number, number], network: b && { min: [...b.min], max: [...b.max] } };
    },
    setFollowing(following) {
      dock.following = following;
    },
    stats() {
      let drawCalls = 0;
      const count = (object: THREE.Object3D) =>
        object.traverseVisible((o) => {
          if ((o as THREE.Mesh).isMesh) drawCalls++;
        });
      count(root);
      if (!epoch.object.parent || !isInside(root, epoch.object)) count(epoch.object);
      let widgets = 0;
      let labelLines = 0;
      for (const c of controllers) {
        if (!isShown(c.panel.object)) continue;
        widgets += c.panel.visibleWidgets();
        for (const text of c.panel.texts()) labelLines += text === '' ? 0 : text.split('\n').length;
      }
      const { textSets, surfaceDraws, updateMs, textMs, updates } = context.counters;
      return { drawCalls, textSets, surfaceDraws, widgets, labelLines, updateMs, textMs, updates };
    },
    texts() {
      return Object.fromEntries(controllers.map((c) => [c.panel.name, c.panel.texts()]));
    },
    progress: () => epochController.progress(),
    shownLayer: () => layerController.shownLayer(),
    dispose() {
      unsubscribeStore();
      unsubscribeRecording();
      for (const c of controllers) c.panel.dispose();
      root.removeFromParent();
    },
  };
}

function isInside(ancestor: THREE.Object3D, object: THREE.Object3D): boolean {
  for (let o: THREE.Object3D | null = object; o; o = o.parent) if (o === ancestor) return true;
  return false;
}
