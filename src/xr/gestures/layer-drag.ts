import type { Matrix4 } from 'three';
import { Vector3 } from 'three';

/**
 * Dragging one layer on the end of a ray: the grabbed point hangs `distance` metres along the ray
 * (the distance at which the ray hit it; the thumbstick pushes it away or pulls it in). The layer's
 * user offset (network space) moves by how far that point moved, measured in network space:
 *   anchor = placement0^-1 * hit                       (at grab start)
 *   offset = offset0 + placement^-1 * (o + d * t) - anchor
 * Using the current placement each frame keeps the layer on the ray even if the network is moved
 * by the other hand meanwhile.
 */

export interface LayerDrag {
  layerId: number;
  distance: number;
  readonly anchor: Vector3;
  readonly offset0: Vector3;
}

export const LAYER_DRAG_DISTANCE = { min: 0.1, max: 30 } as const;

export function createLayerDrag(): LayerDrag {
  return { layerId: -1, distance: 1, anchor: new Vector3(), offset0: new Vector3() };
}

export function computeLayerDragStart(
  layerId: number,
  hit: Vector3,
  distance: number,
  placementInverse: Matrix4,
  offset: readonly [number, number, number],
  out: LayerDrag,
): LayerDrag {
  out.layerId = layerId;
  out.distance = distance;
  out.anchor.copy(hit).applyMatrix4(placementInverse);
  out.offset0.set(offset[0], offset[1], offset[2]);
  return out;
}

const end = new Vector3();

export function computeLayerDragOffset(
  drag: LayerDrag,
  origin: Vector3,
  direction: Vector3,
  placementInverse: Matrix4,
  out: [number, number, number],
): [number, number, number] {
  end.copy(direction).multiplyScalar(drag.distance).add(origin).applyMatrix4(placementInverse).sub(drag.anchor).add(drag.offset0);
  out[0] = end.x;
  out[1] = end.y;
  out[2] = end.z;
  return out;
}

/** Thumbstick push/pull: metres per second at full deflection, proportional to the distance so far ones move faster. */
export function computeDragDistance(distance: number, stickY: number, dt: number): number {
  // Stick forward is y < 0 on xr-standard gamepads: push away.
  const speed = 1 + distance;
  const next = distance - stickY * speed * dt;
  return Math.min(LAYER_DRAG_DISTANCE.max, Math.max(LAYER_DRAG_DISTANCE.min, next));
}
