/**
 * Where the panel dock goes: ahead of the viewer, a little below eye height, facing them, and never
 * inside the network's bounding box. Pure math on plain numbers; the follower applies it lazily.
 */
export type Vec3 = [number, number, number];

export interface Box {
  readonly min: readonly [number, number, number];
  readonly max: readonly [number, number, number];
}

export interface DockOptions {
  /** Horizontal distance from the viewer, metres. */
  readonly distance: number;
  /** How far below the eyes the dock centre sits, metres. */
  readonly drop: number;
  /** Clearance kept around the network box, metres. */
  readonly margin: number;
  /**
   * 'horizontal' (XR): ahead along the level heading, below the eyes in world y, upright.
   * 'view' (desktop): ahead along the view direction and down along the camera's up, parallel to
   * the screen, so the dock sits in the lower part of the view whatever the orbit pitch.
   */
  readonly frame: 'horizontal' | 'view';
}

export const XR_DOCK: DockOptions = { distance: 0.75, drop: 0.3, margin: 0.15, frame: 'horizontal' };
export const DESKTOP_DOCK: DockOptions = { distance: 1.5, drop: 0.5, margin: 0.15, frame: 'view' };

export function isInsideBox(point: readonly number[], box: Box, margin: number): boolean {
  for (let i = 0; i < 3; i++) if (point[i]! < box.min[i]! - margin || point[i]! > box.max[i]! + margin) return false;
  return true;
}

/**
 * Dock target for a viewer at `eye` looking along `forward` (only its horizontal part counts).
 * Pulled back toward the viewer while it would be inside the network; null when no spot between
 * the viewer and the target is free (the viewer stands inside the network): the dock then stays put.
 */
export function computeDockTarget(eye: readonly number[], forward: readonly number[], network: Box | null, options: DockOptions, up: readonly number[] = [0, 1, 0]): Vec3 | null {
  if (options.frame === 'view') {
    for (let step = 0; step <= 10; step++) {
      const d = options.distance * (1 - step * 0.07);
      const target: Vec3 = [0, 0, 0];
      for (let i = 0; i < 3; i++) target[i] = eye[i]! + forward[i]! * d - up[i]! * options.drop * (d / options.distance);
      if (!network || !isInsideBox(target, network, options.margin)) return target;
    }
    return null;
  }
  let fx = forward[0]!;
  let fz = forward[2]!;
  const length = Math.hypot(fx, fz);
  if (length < 1e-6) {
    fx = 0;
    fz = -1;
  } else {
    fx /= length;
    fz /= length;
  }
  const y = eye[1]! - options.drop;
  for (let step = 0; step <= 10; step++) {
    const d = options.distance * (1 - step * 0.07);
    const target: Vec3 = [eye[0]! + fx * d, y, eye[2]! + fz * d];
    if (!network || !isInsideBox(target, network, options.margin)) return target;
  }
  return null;
}

/** Yaw (radians about +y) that turns a panel's +z normal toward the viewer. */
export function computeFacingYaw(from: readonly number[], to: readonly number[]): number {
  return Math.atan2(to[0]! - from[0]!, to[2]! - from[2]!);
}

/** Smallest absolute difference of two angles, radians. */
export function computeAngleDifference(a: number, b: number): number {
  const d = (((a - b) % (2 * Math.PI)) + 3 * Math.PI) % (2 * Math.PI) - Math.PI;
  return Math.abs(d);
}

/**
 * Lazy follow: move only when the dock has drifted out of comfortable view (more than `maxAngle`
 * off the viewer's heading or `maxDistance` from its target), then glide until close.
 */
export function computeShouldFollow(dockToTarget: number, headingOffset: number, moving: boolean, maxDistance = 0.45, maxAngle = (40 * Math.PI) / 180): boolean {
  if (moving) return dockToTarget > 0.01;
  return dockToTarget > maxDistance || headingOffset > maxAngle;
}

/** Exponential smoothing factor for a frame: fraction of the remaining way to cover in dt. */
export function computeGlideFactor(dt: number, rate = 5): number {
  return 1 - Math.exp(-Math.max(0, dt) * rate);
}
