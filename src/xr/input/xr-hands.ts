import type * as THREE from 'three';
import { XRControllerModelFactory } from 'three/examples/jsm/webxr/XRControllerModelFactory.js';
import type { XRControllerModel } from 'three/examples/jsm/webxr/XRControllerModelFactory.js';
import { XRHandModelFactory } from 'three/examples/jsm/webxr/XRHandModelFactory.js';

/**
 * The two XR input slots (three's controller 0 and 1), each following whichever input source is
 * connected to it: a controller (target-ray group for the ray, grip group with the device's model)
 * or a tracked hand (hand group with the hand mesh). All are children of the rig, so teleport and
 * snap turn carry them along. Buttons are counted from the session's events (select = trigger or
 * pinch, squeeze = grip), so a press and release between two frames is never lost; the thumbstick and
 * face buttons are read from the gamepad.
 */

export type Handedness = 'left' | 'right';

export interface XrHandle {
  readonly index: number;
  handedness: Handedness | null;
  source: XRInputSource | null;
  /** True for a tracked hand (pinch is its only button). */
  isHand: boolean;
  /** Target ray space: origin and -Z of its world matrix are the pointing ray. */
  readonly ray: THREE.Group;
  /** Grip space: where the controller model sits. */
  readonly grip: THREE.Group;
  readonly hand: THREE.XRHandSpace;
  /** Whether select / squeeze are held, and presses/releases since the last frame's consume(). */
  selectHeld: boolean;
  squeezeHeld: boolean;
  selectDowns: number;
  selectUps: number;
  squeezeDowns: number;
  squeezeUps: number;
  /** URL of the controller model once its glTF has loaded (tests check it is local), else null. */
  modelUrl: string | null;
}

export interface XrHands {
  readonly handles: readonly [XrHandle, XrHandle];
  /** The handle for a hand, when connected. */
  get(handedness: Handedness): XrHandle | null;
  /** Clears the press counters after a frame's input was processed. */
  consume(): void;
  dispose(): void;
}

export const PROFILES_PATH = '/generated/profiles';
export const HAND_PROFILE_PATH = '/generated/profiles/generic-hand/';

export function createXrHands(renderer: THREE.WebGLRenderer, rig: THREE.Group): XrHands {
  // Never the CDN: the profiles ship with the app (assets/generated/profiles, see prepare-assets).
  const controllerModels = new XRControllerModelFactory(undefined, undefined).setPath(PROFILES_PATH);
  const handModels = new XRHandModelFactory(undefined, undefined).setPath(HAND_PROFILE_PATH);
  const cleanups: Array<() => void> = [];
  const models: XRControllerModel[] = [];

  const handles = [0, 1].map((index) => {
    const ray = renderer.xr.getController(index);
    const grip = renderer.xr.getControllerGrip(index);
    const hand = renderer.xr.getHand(index);
    const handle: XrHandle = {
      index,
      handedness: null,
      source: null,
      isHand: false,
      ray,
      grip,
      hand,
      selectHeld: false,
      squeezeHeld: false,
      selectDowns: 0,
      selectUps: 0,
      squeezeDowns: 0,
      squeezeUps: 0,
      modelUrl: null,
    };
    const model = controllerModels.createControllerModel(grip);
    grip.add(model);
    hand.add(handModels.createHandModel(hand, 'mesh'));
    rig.add(ray, grip, hand);
    models.push(model);

    const listeners: Record<string, (event: { data?: XRInputSource }) => void> = {
      connected: (event) => {
        const source = event.data ?? null;
        handle.source = source;
        handle.handedness = source?.handedness === 'left' || source?.handedness === 'right' ? source.handedness : null;
        handle.isHand = Boolean(source?.hand);
        handle.selectHeld = handle.squeezeHeld = false;
      },
      disconnected: () => {
        // A lost controller lets go of whatever it held.
        if (handle.selectHeld) handle.selectUps++;
        if (handle.squeezeHeld) handle.squeezeUps++;
        handle.selectHeld = handle.squeezeHeld = false;
        handle.source = null;
        handle.handedness = null;
        handle.isHand = false;
        handle.modelUrl = null;
      },
      selectstart: () => {
        handle.selectHeld = true;
        handle.selectDowns++;
      },
      selectend: () => {
        handle.selectHeld = false;
        handle.selectUps++;
      },
      squeezestart: () => {
        handle.squeezeHeld = true;
        handle.squeezeDowns++;
      },
      squeezeend: () => {
        handle.squeezeHeld = false;
        handle.squeezeUps++;
      },
    };
    for (const [type, listener] of Object.entries(listeners)) {
      ray.addEventListener(type as 'connected', listener as never);
      cleanups.push(() => ray.removeEventListener(type as 'connected', listener as never));
    }
    cleanups.push(() => rig.remove(ray, grip, hand));
    return handle;
  }) as [XrHandle, XrHandle];

  return {
    handles,
    get(handedness) {
      for (const handle of handles) if (handle.source && handle.handedness === handedness) return handle;
      return null;
    },
    consume() {
      for (const handle of handles) {
        handle.selectDowns = handle.selectUps = handle.squeezeDowns = handle.squeezeUps = 0;
        // The model factory has no "loaded" event per controller: its glTF scene appears as a child.
        const model = models[handle.index]!;
        if (!handle.modelUrl && handle.source && !handle.isHand && model.children.length > 0) {
          handle.modelUrl = (model.motionController as { assetUrl?: string } | null)?.assetUrl ?? null;
        }
      }
    },
    dispose() {
      for (const cleanup of cleanups) cleanup();
    },
  };
}
