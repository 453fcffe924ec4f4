import type { Line, Mesh, Object3D } from 'three';
import type { AppStore } from '../app/store';
import type { FrameLoop } from '../core/frame-loop';
import type { PointerTarget } from '../core/pointer-target';
import type { Stage } from './create-stage';
import type { NetworkPicker } from './network-picker';
import { EMPTY_PICKER } from './network-picker';
import { createPointerAim } from './input/pointer-aim';
import { createPointerTargets } from './input/pointer-targets';
import type { XrContext } from './input/xr-context';
import { createXrHands } from './input/xr-hands';
import type { Handedness } from './input/xr-hands';
import { setupPointerAims } from './setup-pointer-aims';
import { setupTriggers } from './setup-triggers';
import { setupGrab } from './setup-grab';
import { setupLocomotion } from './setup-locomotion';
import { setupStickActions } from './setup-stick-actions';
import { setupRayVisuals } from './setup-ray-visuals';
import { setupSessionPlacement } from './setup-session-placement';
import type { ReticleInfo } from './setup-session-placement';
import { setupDesktopPointer } from './setup-desktop-pointer';
import { setupKeyboard } from './setup-keyboard';
import { createHintPanel } from './hint-panel';
import { setupDesktopCameraKeeper } from './setup-desktop-camera-keeper';

/**
 * All input, desktop and XR, in one call for main.ts: controllers and hands with their models,
 * rays, trigger / pinch, grabs, locomotion, epoch stick, session placement (VR in front of the
 * user, AR on a surface), the hint card, mouse and keyboard. Everything it changes in app state it
 * changes with intents; it draws only its own helpers (rays, reticle, arc, outline, card).
 */

export interface XrInputOptions {
  readonly stage: Stage;
  readonly store: AppStore;
  readonly loop: FrameLoop;
  /** OrbitControls (or anything with `enabled`): paused while the mouse drags a panel. */
  readonly controls?: { enabled: boolean };
}

export interface HandSnapshot {
  connected: boolean;
  hand: boolean;
  /** URL the controller model was loaded from, once loaded. */
  modelUrl: string | null;
  aim: 'none' | 'panel' | 'network';
  aimKind: string | null;
  layerId: number | null;
  distance: number | null;
  task: string;
}

export interface MouseSnapshot {
  aim: 'none' | 'panel' | 'network';
  aimKind: string | null;
  layerId: number | null;
  channel: number | null;
  row: number | null;
  col: number | null;
}

export interface XrInputSnapshot {
  left: HandSnapshot;
  right: HandSnapshot;
  mouse: MouseSnapshot;
  reticle: ReticleInfo;
  placing: boolean;
  /** Visible meshes and lines the input draws (controller and hand models, rays, hint card, reticle, arc, outline): its draw calls per eye. */
  drawables: number;
  rig: {
    position: [number, number, number];
    quaternion: [number, number, number, number];
  };
}

export interface XrInput {
  /** Register a panel (PointerTarget) with every pointer; returns its removal. */
  addTarget(target: PointerTarget): () => void;
  /** The picker of the network now drawn; EMPTY_PICKER when none. */
  setPicker(picker: NetworkPicker): void;
  snapshot(): XrInputSnapshot;
  dispose(): void;
}

export function setupXrInput(options: XrInputOptions): XrInput {
  const { stage, store, loop } = options;
  let picker: NetworkPicker = EMPTY_PICKER;
  const hands = createXrHands(stage.renderer, stage.rig);
  const ctx: XrContext = {
    renderer: stage.renderer,
    scene: stage.scene,
    rig: stage.rig,
    store,
    targets: createPointerTargets(),
    hands,
    picker: () => picker,
    aims: { left: createPointerAim(), right: createPointerAim() },
    tasks: { left: 'none', right: 'none' },
    placeHook: null,
  };
  const hints = createHintPanel();
  hints.object.visible = true;

  // Order matters within the input phase: aims first, then what uses them.
  const cleanups: Array<() => void> = [];
  cleanups.push(setupPointerAims(ctx, loop));
  const placement = setupSessionPlacement(ctx, loop, stage.camera);
  const grab = setupGrab(ctx, loop);
  cleanups.push(setupTriggers(ctx, loop, grab.control));
  cleanups.push(grab.dispose);
  cleanups.push(setupLocomotion(ctx, loop, stage.camera));
  cleanups.push(
    setupStickActions(ctx, loop, {
      toggleHints: () => (hints.object.visible = !hints.object.visible),
      pickUp: () => placement.pickUp(),
    }),
  );
  cleanups.push(
    loop.add('input', (frame) => {
      if (!frame.xrFrame) return;
      // The card rides on the left hand's grip (or the left hand); it says what the hands can do now.
      const left = hands.get('left');
      const parent = left ? (left.isHand ? left.ray : left.grip) : null;
      if (parent && hints.object.parent !== parent) parent.add(hints.object);
      hints.setMode(placement.placing ? 'ar-placing' : left?.isHand ? 'hands' : 'controllers');
      hands.consume();
    }),
  );
  // Presses counted after the last XR frame of a session belong to no frame: drop them.
  cleanups.push(store.subscribe((state, previous) => state.session !== previous.session && hands.consume()));
  cleanups.push(setupRayVisuals(ctx, loop));
  const mouse = setupDesktopPointer(
    {
      camera: stage.camera,
      element: stage.canvas,
      scene: stage.scene,
      store,
      targets: ctx.targets,
      picker: () => picker,
      isPresenting: () => stage.renderer.xr.isPresenting,
      controls: options.controls,
    },
    loop,
  );
  cleanups.push(mouse.dispose);
  cleanups.push(setupKeyboard(store));
  cleanups.push(setupDesktopCameraKeeper(stage, store));

  const handSnapshot = (hand: Handedness): HandSnapshot => {
    const handle = hands.get(hand);
    const aim = ctx.aims[hand];
    return {
      connected: handle !== null,
      hand: handle?.isHand ?? false,
      modelUrl: handle?.modelUrl ?? null,
      aim: aim.active ? aim.kind : 'none',
      aimKind: aim.active && aim.kind === 'network' ? aim.hit.kind : null,
      layerId: aim.active && aim.kind === 'network' && aim.hit.layerId >= 0 ? aim.hit.layerId : null,
      distance: aim.active && Number.isFinite(aim.distance) ? aim.distance : null,
      task: ctx.tasks[hand],
    };
  };

  const mouseSnapshot = (): MouseSnapshot => {
    const { aim } = mouse;
    const onNetwork = aim.active && aim.kind === 'network';
    return {
      aim: aim.active ? aim.kind : 'none',
      aimKind: onNetwork ? aim.hit.kind : null,
      layerId: onNetwork && aim.hit.layerId >= 0 ? aim.hit.layerId : null,
      channel: onNetwork ? aim.hit.channel : null,
      row: onNetwork && aim.hit.kind === 'cell' ? aim.hit.row : null,
      col: onNetwork && aim.hit.kind === 'cell' ? aim.hit.col : null,
    };
  };

  return {
    addTarget: (target) => ctx.targets.add(target),
    setPicker(next) {
      picker = next;
    },
    snapshot: () => ({
      left: handSnapshot('left'),
      right: handSnapshot('right'),
      mouse: mouseSnapshot(),
      reticle: {
        ...placement.reticle,
        position: [...placement.reticle.position],
        normal: [...placement.reticle.normal],
      },
      placing: placement.placing,
      drawables: countDrawables(stage),
      rig: {
        position: stage.rig.position.toArray() as [number, number, number],
        quaternion: stage.rig.quaternion.toArray() as [number, number, number, number],
      },
    }),
    dispose() {
      for (const cleanup of cleanups.reverse()) cleanup();
      placement.dispose();
      hints.object.removeFromParent();
      hints.dispose();
      hands.dispose();
    },
  };
}

/** Visible renderables under the rig (controllers, hands, rays, card) and the input's own scene helpers. */
function countDrawables(stage: Stage): number {
  let count = 0;
  const visit = (object: Object3D) => {
    if ((object as Mesh).isMesh || (object as Line).isLine) count++;
  };
  stage.rig.traverseVisible(visit);
  for (const name of ['ar-reticle', 'teleport-arc', 'teleport-marker', 'cell-outline']) {
    stage.scene.children.forEach((child) => {
      if (child.name === name && child.visible) count++;
    });
  }
  return count;
}
