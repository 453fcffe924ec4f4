import { Vector3 } from 'three';
import type { PointerTarget } from '../../core/pointer-target';
import type { NetworkHit, NetworkPicker } from '../network-picker';
import { createNetworkHit } from '../network-picker';
import type { PanelHit, PointerTargets } from './pointer-targets';

/**
 * What one pointer (mouse ray, controller ray, hand ray) points at this frame: the nearest of the
 * panels and the network. A panel in front of the network takes the pointer; otherwise the network.
 */

export type AimKind = 'none' | 'panel' | 'network';

export interface PointerAim {
  /** False while the pointer has no pose (controller not tracked, mouse outside the canvas). */
  active: boolean;
  readonly origin: Vector3;
  /** Unit length. */
  readonly direction: Vector3;
  kind: AimKind;
  panel: PointerTarget | null;
  /** Distance to what it points at, metres; Infinity for nothing. */
  distance: number;
  /** The network hit when kind is 'network'. */
  readonly hit: NetworkHit;
}

export function createPointerAim(): PointerAim {
  return { active: false, origin: new Vector3(), direction: new Vector3(0, 0, -1), kind: 'none', panel: null, distance: Infinity, hit: createNetworkHit() };
}

const panelHit: PanelHit = { target: null, distance: Infinity };

/** Fills aim.kind / panel / distance / hit from its origin and direction. No allocation. */
export function computePointerAim(aim: PointerAim, targets: PointerTargets, picker: NetworkPicker): PointerAim {
  aim.kind = 'none';
  aim.panel = null;
  aim.distance = Infinity;
  if (!aim.active) return aim;
  targets.raycast(aim, panelHit);
  const onNetwork = picker.pick(aim.origin, aim.direction, aim.hit);
  if (panelHit.target && (!onNetwork || panelHit.distance <= aim.hit.distance)) {
    aim.kind = 'panel';
    aim.panel = panelHit.target;
    aim.distance = panelHit.distance;
  } else if (onNetwork) {
    aim.kind = 'network';
    aim.distance = aim.hit.distance;
  }
  return aim;
}

/** The layer a pointer is over (for the hover highlight), or null. */
export function computeAimLayer(aim: PointerAim): number | null {
  return aim.kind === 'network' && aim.hit.layerId >= 0 ? aim.hit.layerId : null;
}
