import { Quaternion, Vector3 } from 'three';

/**
 * Both grips held: the network scales with the distance between the hands and turns with the
 * line between them, about the midpoint of the hands.
 * Rotation is about the vertical only (yaw of the hand-to-hand line): tilting a network is never
 * what a user wants and would make the floor-standing layout lean.
 *   ratio    = clamp(s0 * d / d0, min, max) / s0
 *   R        = rotation about +y by (yaw - yaw0)
 *   position = m + R * (p0 - m0) * ratio,  quaternion = R * q0,  scale = s0 * ratio
 */

export interface TwoHandStart {
  readonly midpoint: Vector3;
  distance: number;
  yaw: number;
  readonly position: Vector3;
  readonly quaternion: Quaternion;
  scale: number;
}

export interface ScaleLimits {
  readonly min: number;
  readonly max: number;
}

export const DEFAULT_SCALE_LIMITS: ScaleLimits = { min: 0.02, max: 5 };

/** Hands closer than this give no usable distance ratio; the start is clamped to it. */
const MIN_HAND_DISTANCE = 0.02;

export function createTwoHandStart(): TwoHandStart {
  return { midpoint: new Vector3(), distance: 1, yaw: 0, position: new Vector3(), quaternion: new Quaternion(), scale: 1 };
}

/** Yaw of the horizontal line from a to b (radians about +y). */
export function computeLineYaw(a: Vector3, b: Vector3): number {
  return Math.atan2(-(b.z - a.z), b.x - a.x);
}

export function computeTwoHandStart(
  left: Vector3,
  right: Vector3,
  position: Vector3,
  quaternion: Quaternion,
  scale: number,
  out: TwoHandStart,
): TwoHandStart {
  out.midpoint.addVectors(left, right).multiplyScalar(0.5);
  out.distance = Math.max(MIN_HAND_DISTANCE, left.distanceTo(right));
  out.yaw = computeLineYaw(left, right);
  out.position.copy(position);
  out.quaternion.copy(quaternion);
  out.scale = scale;
  return out;
}

const up = new Vector3(0, 1, 0);
const rotation = new Quaternion();
const midpoint = new Vector3();

export interface TwoHandPose {
  readonly position: Vector3;
  readonly quaternion: Quaternion;
  scale: number;
}

export function computeTwoHandPlacement(
  start: TwoHandStart,
  left: Vector3,
  right: Vector3,
  limits: ScaleLimits,
  out: TwoHandPose,
): TwoHandPose {
  const distance = Math.max(MIN_HAND_DISTANCE, left.distanceTo(right));
  const scale = Math.min(limits.max, Math.max(limits.min, (start.scale * distance) / start.distance));
  const ratio = scale / start.scale;
  rotation.setFromAxisAngle(up, computeLineYaw(left, right) - start.yaw);
  midpoint.addVectors(left, right).multiplyScalar(0.5);
  out.position.copy(start.position).sub(start.midpoint).multiplyScalar(ratio).applyQuaternion(rotation).add(midpoint);
  out.quaternion.multiplyQuaternions(rotation, start.quaternion);
  out.scale = scale;
  return out;
}
