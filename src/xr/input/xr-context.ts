import type * as THREE from 'three';
import type { AppStore } from '../../app/store';
import type { NetworkPicker } from '../network-picker';
import type { PointerAim } from './pointer-aim';
import type { PointerTargets } from './pointer-targets';
import type { Handedness, XrHands } from './xr-hands';

/**
 * What the XR input concerns share: the stage, the store, the picker, the two hands, and each
 * hand's aim (computed first every frame) and current occupation, so that one gesture does not
 * start another (a hand dragging a layer does not teleport with its stick).
 */

export type HandTask = 'none' | 'grab-network' | 'grab-layer' | 'teleport';

export interface XrContext {
  readonly renderer: THREE.WebGLRenderer;
  readonly scene: THREE.Scene;
  readonly rig: THREE.Group;
  readonly store: AppStore;
  readonly targets: PointerTargets;
  readonly hands: XrHands;
  /** The picker of the network now drawn (main.ts swaps it when the network changes). */
  readonly picker: () => NetworkPicker;
  readonly aims: Record<Handedness, PointerAim>;
  readonly tasks: Record<Handedness, HandTask>;
  /**
   * AR placement takes the trigger while it waits for the user to put the network down; returns true
   * when it used the press.
   */
  placeHook: ((hand: Handedness) => boolean) | null;
}

export const HANDEDNESSES: readonly Handedness[] = ['right', 'left'];

/** Reads a gamepad button's value (0 when absent). xr-standard: 0 trigger, 1 squeeze, 3 stick press, 4 A/X, 5 B/Y. */
export function readButton(source: XRInputSource | null, index: number): number {
  return source?.gamepad?.buttons[index]?.value ?? 0;
}

/** Thumbstick axes (xr-standard: axes 2 and 3; touchpad-only devices put them at 0 and 1). */
export function readStick(source: XRInputSource | null, out: { x: number; y: number }): { x: number; y: number } {
  const axes = source?.gamepad?.axes;
  if (!axes || axes.length < 2) {
    out.x = out.y = 0;
    return out;
  }
  const base = axes.length >= 4 ? 2 : 0;
  out.x = axes[base] ?? 0;
  out.y = axes[base + 1] ?? 0;
  return out;
}
