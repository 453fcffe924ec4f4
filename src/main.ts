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
  loop.add('render', () => {
    renderer.render(scene, camera);
  });
  renderer.setAnimationLoop((time, xrFrame) => {
    loop.tick(time, xrFrame);
    resolveReady();
  });

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
  // Mouse, keyboard, controllers, hands, AR reticle: all through intents. Panels register with
  // xrInput.addTarget(panel); the network view hands over its picker with xrInput.setPicker(...).
  const xrInput = setupXrInput({ stage, store, loop, controls });
  extendAutomationApi({ input: () => xrInput.snapshot() });
  // --- wiring: ui (panels) ---
  // --- end wiring ---

  store.subscribe((state, previous) => {
    if (state.placement !== previous.placement) applyPlacement(state.placement);
    if (state.session !== previous.session) {
      buttons.setPresenting(state.session);
      floor.visible = state.session !== 'ar';
      scene.background = state.session === 'ar' ? null : scene.background;
    }
  });

  installAutomationApi({
    ready,
    state: () => structuredClone(store.getState()),
    dispatch: (intent) => store.dispatch(intent),
    stats: () => {
      const info = renderer.info;
      const frameTimes = computeFrameTimeStats(loop);
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
      };
    },
    worldPoint: () => null,
    messages: () => messages.history.map((m) => ({ ...m })),
    enterSession,
    exitSession: () => sessions.exit(),
    emulator: emulator?.device,
  });
}

startApp().catch((error: unknown) => {
  console.error(error);
});
