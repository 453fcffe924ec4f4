import type { Matrix4} from 'three';
import { Quaternion, Vector3 } from 'three';
import type { Placement } from '../../app/state';

/**
 * Placement (app state: network space -> world) <-> Matrix4, and the two placements a session
 * starts with: room scale in front of the user (VR) and table-top on a real surface (AR).
 */

const scratchPosition = new Vector3();
const scratchQuaternion = new Quaternion();
const scratchScale = new Vector3();

/** The matrix of a placement: translate * rotate * uniform scale. */
export function computePlacementMatrix(placement: Placement, out: Matrix4): Matrix4 {
  scratchPosition.set(...placement.position);
  scratchQuaternion.set(...placement.quaternion).normalize();
  scratchScale.setScalar(placement.scale);
  return out.compose(scratchPosition, scratchQuaternion, scratchScale);
}

/**
 * Back from a matrix (rigid motion times uniform scale) into a placement, written into `out`'s
 * arrays. The scale is the mean of the three axis scales, which are equal up to rounding.
 */
export function computePlacementFromMatrix(matrix: Matrix4, out: Placement): Placement {
  matrix.decompose(scratchPosition, scratchQuaternion, scratchScale);
  scratchPosition.toArray(out.position);
  scratchQuaternion.normalize();
  out.quaternion[0] = scratchQuaternion.x;
  out.quaternion[1] = scratchQuaternion.y;
  out.quaternion[2] = scratchQuaternion.z;
  out.quaternion[3] = scratchQuaternion.w;
  out.scale = (scratchScale.x + scratchScale.y + scratchScale.z) / 3;
  return out;
}

export function createPlacement(): Placement {
  return { position: [0, 0, 0], quaternion: [0, 0, 0, 1], scale: 1 };
}

/** Yaw (radians, about +y) of the horizontal part of a forward direction; 0 = looking down -z. */
export function computeYaw(forward: Vector3): number {
  return Math.atan2(-forward.x, -forward.z);
}

/**
 * Room scale in front of the user: network space keeps its metres and its heights (layers are
 * laid out at comfortable heights above the floor, y = 0 of local-floor), its input end (z = 0)
 * `distance` metres in front of the head, and it runs away from the user along their gaze.
 */
export function computeVrPlacement(head: Vector3, forward: Vector3, distance: number, out: Placement): Placement {
  const yaw = computeYaw(forward);
  const fx = -Math.sin(yaw);
  const fz = -Math.cos(yaw);
  out.position[0] = head.x + fx * distance;
  out.position[1] = 0;
  out.position[2] = head.z + fz * distance;
  scratchQuaternion.setFromAxisAngle(scratchScale.set(0, 1, 0), yaw);
  out.quaternion[0] = scratchQuaternion.x;
  out.quaternion[1] = scratchQuaternion.y;
  out.quaternion[2] = scratchQuaternion.z;
  out.quaternion[3] = scratchQuaternion.w;
  out.scale = 1;
  return out;
}

/**
 * Table-top placement on a real surface: the bottom centre of the network's bounding box sits on
 * `surface`, scaled by `scale`, turned so that its input end faces the viewer (network +z points
 * from the surface point towards the viewer, horizontally).
 */
export function computeSurfacePlacement(
  surface: Vector3,
  viewer: Vector3,
  boundsMin: Vector3,
  boundsMax: Vector3,
  scale: number,
  out: Placement,
): Placement {
  const dx = viewer.x - surface.x;
  const dz = viewer.z - surface.z;
  // Network +z towards the viewer: yaw such that R * (0,0,1) = (dx, 0, dz) / |.|.
  const yaw = Math.hypot(dx, dz) > 1e-6 ? Math.atan2(dx, dz) : 0;
  scratchQuaternion.setFromAxisAngle(scratchScale.set(0, 1, 0), yaw);
  // Bottom centre of the box in network space, scaled and rotated into the world.
  scratchPosition
    .set((boundsMin.x + boundsMax.x) / 2, boundsMin.y, (boundsMin.z + boundsMax.z) / 2)
    .multiplyScalar(scale)
    .applyQuaternion(scratchQuaternion);
  out.position[0] = surface.x - scratchPosition.x;
  out.position[1] = surface.y - scratchPosition.y;
  out.position[2] = surface.z - scratchPosition.z;
  out.quaternion[0] = scratchQuaternion.x;
  out.quaternion[1] = scratchQuaternion.y;
  out.quaternion[2] = scratchQuaternion.z;
  out.quaternion[3] = scratchQuaternion.w;
  out.scale = scale;
  return out;
}

/** True when two placements are the same within `epsilon` (metres / quaternion components / scale). */
export function computePlacementsEqual(a: Placement, b: Placement, epsilon = 1e-6): boolean {
  for (let i = 0; i < 3; i++) if (Math.abs(a.position[i]! - b.position[i]!) > epsilon) return false;
  // q and -q are the same rotation.
  const dot = a.quaternion[0] * b.quaternion[0] + a.quaternion[1] * b.quaternion[1] + a.quaternion[2] * b.quaternion[2] + a.quaternion[3] * b.quaternion[3];
  if (1 - Math.abs(dot) > epsilon) return false;
  return Math.abs(a.scale - b.scale) <= epsilon;
}
