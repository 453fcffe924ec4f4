/**
 * Composition root: builds every part, wires intents and the frame loop. Nothing else may know
 * about more than its own neighbours (see DESIGN.md).
 */
import * as THREE from 'three';
import type { Placement } from './app/state';
import { computeFrameTimeStats, createFrameLoop } from './core/frame-loop';
import { createAppStore } from './app/store';
import { extendAutomationApi, installAutomationApi } from './automation-api';
import type { EmulatedHeadset } from './xr/emulation';
import { createStage, setupResize } from './xr/create-stage';
import { createDesktopControls } from './xr/desktop-controls';
import { computeSupportedModes, createSessionController } from './xr/xr-sessions';
import { createFloor } from './xr/create-floor';
import { setupXrInput } from './xr/setup-xr-input';
import { computeErrorText, createMessageSurface } from './ui/dom/message-surface';
import { createSessionButtons } from './ui/dom/session-buttons';
import { createProgressIndicator } from './ui/dom/progress-indicator';
import { setupFileInput } from './ui/dom/file-input';
import { createRecordingHolder, computeNetworkSummary } from './app/recording-holder';
import type { Recording } from './domain/recording';
import { createNetworkView } from './render/network-view';
import { createBundlingClient } from './layout/bundling-client';
import { createNetworkScene, computeWorldFromNetwork } from './network-scene';
import { loadMsdfFont } from './render/font-loader';
import { DEFAULT_RECORDING_URL, loadRecordingFromUrl } from './load-recording';
import { decodeRecording } from './snapshot/index';
import { createViewPicker } from './xr/create-view-picker';
import { computeDesktopView } from './xr/desktop-controls';
import { computeViewIntents } from './app/url-state';
import { setupLiveTraining } from './live-training';
import type { WorldPointTarget } from './automation-api';
import type { ImportResult, InputScaling } from './import-user-model';
import { INPUT_SCALINGS, importFromFiles, importFromUrls } from './import-user-model';
import { createInputScalingSelect } from './ui/dom/input-scaling-select';

async function startApp(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const container = document.getElementById('app')!;
  const overlay = document.getElementById('overlay')!;
  const messages = createMessageSurface(overlay);
  const store = createAppStore();

  let emulator: EmulatedHeadset | undefined;
  const emulate = params.get('emulate');
  if (emulate) {
    try {
      const { installEmulatedHeadset } = await import('./xr/emulation');
      emulator = await installEmulatedHeadset(emulate);
      messages.show('notice', `Emulated headset: ${emulate}. Enter VR or AR below.`);
    } catch (error) {
      messages.show('error', computeErrorText('Could not start the emulated headset', error));
    }
  }

  let stage;
  try {
    stage = createStage(container);
  } catch (error) {
    messages.show('error', computeErrorText('Cannot draw', error));
    return;
  }
  setupResize(stage, container);
  const { renderer, scene, camera } = stage;
  const floor = createFloor();
  scene.add(floor);
  // Network space -> world: the placement from app state (grab, scale, AR placement all change it).
  const placement = new THREE.Group();
  placement.name = 'network-placement';
  scene.add(placement);
  const applyPlacement = ({ position, quaternion, scale }: Placement) => {
    placement.position.set(...position);
    placement.quaternion.set(...quaternion);
    placement.scale.setScalar(scale);
    placement.updateMatrixWorld(true);
  };
  applyPlacement(store.getState().placement);

  const progress = createProgressIndicator(document.getElementById('progress')!);
  const holder = createRecordingHolder();
  const base = import.meta.env.BASE_URL;
  const font = await loadMsdfFont(`${base}generated/fonts/Roboto-msdf.json`, `${base}generated/fonts/Roboto-msdf.png`).catch((error: unknown) => {
    messages.show('error', computeErrorText('Labels are off: the font did not load', error));
    return null;
  });
  const view = createNetworkView({ font });
  placement.add(view.group);
  const networkScene = createNetworkScene(view, store, holder, createBundlingClient());
  networkScene.onError = (text) => messages.show('error', text);

  const controls = createDesktopControls(camera, renderer.domElement);
  camera.position.set(2.5, 2, 2.5);
  controls.target.set(0, 1.2, -1.5);

  const loop = createFrameLoop();
  let xrFrames = 0;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));

  loop.add('input', (frame) => {
    if (frame.xrFrame) xrFrames++;
    if (!renderer.xr.isPresenting) controls.update(frame.dt);
  });
  loop.add('layout', (frame) => networkScene.update(frame.dt));
  loop.add('render', () => {
    renderer.render(scene, camera);
  });
  renderer.setAnimationLoop((time, xrFrame) => {
    loop.tick(time, xrFrame);
    // Ready once a frame with the network in it has been drawn.
    if (networkScene.layout) resolveReady();
  });

  let lastImport: ImportResult | null = null;
  const scalingSelect = createInputScalingSelect(overlay, (scaling) => {
    const reimport = lastImport?.reimport;
    if (reimport) void runImport('Could not import the probes again', () => reimport(scaling as InputScaling, (label, fraction) => progress.set(label, fraction)));
  });
  /** Shows a recording: only a fully decoded and validated one replaces what is on screen. */
  let framedOnce = false;
  const showRecording = (recording: Recording, source: string) => {
    const previous = holder.current;
    try {
      holder.replace(recording);
    } catch (error) {
      // The view could not take it (e.g. more activations than a texture atlas holds): put the
      // previous network back, so nothing is left half-built, and let the caller say why.
      if (previous) holder.replace(previous);
      throw error;
    }
    scalingSelect.hide();
    store.dispatch({
      type: 'network-loaded',
      network: computeNetworkSummary(recording, source),
      epochCount: recording.epochs.length,
      sampleCount: recording.probes.inputs.length,
    });
    document.getElementById('network-name')!.textContent = `${recording.network.name} (${source})`;
    networkScene.update(0);
    const layout = networkScene.layout;
    if (layout && !framedOnce && !renderer.xr.isPresenting) {
      const framing = computeDesktopView(layout.min, layout.max);
      controls.target.set(...framing.target);
      camera.position.set(...framing.position);
      framedOnce = true;
    }
  };

  const sessions = createSessionController(renderer, store);
  const enterSession = async (mode: 'vr' | 'ar') => {
    try {
      await sessions.enter(mode);
    } catch (error) {
      messages.show('error', computeErrorText(`Could not enter ${mode.toUpperCase()}`, error));
      throw error;
    }
  };
  const supported = await computeSupportedModes();
  const buttons = createSessionButtons(overlay, {
    supported,
    onEnter: (mode) => void enterSession(mode).catch(() => undefined),
    onExit: () => void sessions.exit(),
  });
  if (!supported.vr && !supported.ar) {
    messages.show('notice', 'No VR or AR headset found: orbit with the mouse. Add ?emulate=quest3 to try VR on this computer.');
  }
  // --- wiring: xr (controllers, rays, gestures) ---
  const worldScratch = new THREE.Vector3();
  // Mouse, keyboard, controllers, hands, AR reticle: all through intents. Panels register with
  // xrInput.addTarget(panel); the network view hands over its picker with xrInput.setPicker(...).
  const xrInput = setupXrInput({ stage, store, loop, controls });
  extendAutomationApi({
    input: () => xrInput.snapshot(),
    phaseTimes: () => {
      const phases = Object.keys(loop.phaseTimes) as Array<keyof typeof loop.phaseTimes>;
      const times: Record<string, { median: number; p95: number }> = Object.fromEntries(phases.map((p) => [p, computeFrameTimeStats(loop, p)]));
      // Our own per-frame code: every phase but three's render submission, summed per frame.
      times.update = computeFrameTimeStats(loop, phases.filter((p) => p !== 'render'));
      return times;
    },
  });
  // --- wiring: ui (panels) ---
  // Panels: epoch timeline + training, samples, layer settings, neuron inspector (src/ui).
  // Live training: the worker client, created on the first start; progress reaches the panels
  // through 'training-updated' intents and new epochs through the recording holder.
  const training = setupLiveTraining({ store, holder, show: showRecording, report: (level, text) => messages.show(level, text) });
  try {
    const { setupUiPanels } = await import('./ui/setup-ui-panels');
    const ui = await setupUiPanels({ scene, camera, renderer, store, recordings: holder, training, loop, addTarget: (t) => xrInput.addTarget(t), overlay, network: placement, networkBox: () => networkScene.layout });
    extendAutomationApi({
      ui: { point: (name) => ui.panels.uiPoint(name), screenPoint: (name) => ui.screenPoint(name), texts: () => ui.panels.texts(), stats: () => ui.panels.stats(), progress: () => ui.panels.progress(), placement: () => ui.panels.placement() },
    });
  } catch (error) {
    messages.show('error', computeErrorText('Could not build the panels', error));
  }
  extendAutomationApi({
    loadRecording: async (bytes: Uint8Array, source = 'automation') => {
      showRecording(decodeRecording(bytes), source);
    },
  });
  // --- end wiring ---
  xrInput.setPicker(createViewPicker(view, placement, () => networkScene.layout));
  extendAutomationApi({
    edgeEnds: (layerId: number) => {
      const ends = networkScene.edgeEnds(layerId);
      const out: [number, number, number][] = [];
      for (let i = 0; i < ends.length; i += 3) {
        out.push(computeWorldFromNetwork(placement, [ends[i]!, ends[i + 1]!, ends[i + 2]!], worldScratch).toArray() as [number, number, number]);
      }
      return out;
    },
  });

  const worldPoint = (target: WorldPointTarget): [number, number, number] | null => {
    const layout = networkScene.layout;
    if (!layout) return null;
    let p: [number, number, number] | null;
    if ('base' in target) {
      // The base: centre of the network's footprint at the height of its lowest point.
      p = [(layout.min[0] + layout.max[0]) / 2, layout.min[1], (layout.min[2] + layout.max[2]) / 2];
    } else if ('node' in target) {
      p = view.worldPoint({ layerId: target.layerId, channel: target.node });
    } else if ('row' in target) {
      p = view.worldPoint({ layerId: target.layerId, channel: target.channel, cell: { row: target.row, col: target.col } });
    } else if ('channel' in target) {
      p = view.worldPoint({ layerId: target.layerId, channel: target.channel });
    } else {
      p = view.worldPoint({ layerId: target.layerId });
    }
    if (!p) return null;
    return computeWorldFromNetwork(placement, p, worldScratch).toArray() as [number, number, number];
  };

  const background = scene.background;
  store.subscribe((state, previous) => {
    if (state.placement !== previous.placement) applyPlacement(state.placement);
    if (state.session !== previous.session) {
      buttons.setPresenting(state.session);
      floor.visible = state.session !== 'ar';
      // In AR the camera feed shows through.
      scene.background = state.session === 'ar' ? null : background;
    }
  });

  installAutomationApi({
    ready,
    state: () => structuredClone(store.getState()),
    dispatch: (intent) => store.dispatch(intent),
    stats: () => {
      const info = renderer.info;
      const frameTimes = computeFrameTimeStats(loop);
      const viewStats = view.computeStats();
      return {
        drawCalls: info.render.calls,
        triangles: info.render.triangles,
        views: renderer.xr.isPresenting ? (renderer.xr.getCamera().cameras.length || 1) : 1,
        geometries: info.memory.geometries,
        textures: info.memory.textures,
        frameTimeMedianMs: frameTimes.median,
        frameTimeP95Ms: frameTimes.p95,
        frames: loop.frameCount,
        xrFrames,
        networkDrawCalls: viewStats.drawCalls,
        networkTriangles: viewStats.triangles,
      };
    },
    worldPoint,
    camera: () => ({ projectionMatrix: camera.projectionMatrix.toArray(), matrixWorldInverse: camera.matrixWorldInverse.toArray() }),
    messages: () => messages.history.map((m) => ({ ...m })),
    enterSession,
    exitSession: () => sessions.exit(),
    emulator: emulator?.device,
  });

  const reportProgress = (label: string, fraction: number) => progress.set(label, fraction);
  const loadUrl = async (url: string) => {
    try {
      showRecording(await loadRecordingFromUrl(url, reportProgress), url === DEFAULT_RECORDING_URL ? 'default recording' : url);
    } catch (error) {
      messages.show('error', computeErrorText('Could not load the recording', error));
    } finally {
      progress.set(null);
    }
  };
  const showImport = (result: ImportResult) => {
    showRecording(result.recording, result.source);
    lastImport = result;
    // Only a model import can map pixels differently; a recording's probes are fixed.
    if (result.reimport) scalingSelect.show(result.recording.probes.normalisation, INPUT_SCALINGS);
    for (const notice of result.notices) messages.show('notice', notice);
  };
  const runImport = async (label: string, task: () => Promise<ImportResult>) => {
    try {
      showImport(await task());
    } catch (error) {
      // The network on screen stays: showRecording only runs on success.
      messages.show('error', computeErrorText(label, error));
    } finally {
      progress.set(null);
    }
  };
  setupFileInput(overlay, {
    onFiles: (files) => void runImport('Could not open those files', () => importFromFiles(files, reportProgress)),
  });

  await loadUrl(params.get('recording') ?? DEFAULT_RECORDING_URL);
  const modelUrls = params.getAll('model');
  if (modelUrls.length > 0) {
    await runImport('Could not load the model', () => importFromUrls(modelUrls, params.get('labels'), reportProgress));
  }
  const viewParam = params.get('view');
  if (viewParam) for (const intent of computeViewIntents(viewParam)) store.dispatch(intent);
}

startApp().catch((error: unknown) => {
  console.error(error);
});
