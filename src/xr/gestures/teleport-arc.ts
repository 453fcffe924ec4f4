import type { Vector3 } from 'three';

/**
 * The teleport arc: a projectile from the controller, p(t) = o + v d t + 1/2 g t^2 (g down), sampled
 * at equal time steps until it falls through the floor plane y = floorY. The landing point is the
 * exact crossing of the last segment with the plane. Points are written into `out` (x, y, z).
 */

export interface TeleportArcOptions {
  /** Launch speed, m/s: with 7 m/s and 9.8 m/s^2 a 45-degree aim lands about 5 m away at eye height. */
  readonly speed: number;
  readonly gravity: number;
  /** Seconds between samples. */
  readonly step: number;
  /** Farthest a user may teleport in one go (horizontal metres). */
  readonly maxDistance: number;
}

export const DEFAULT_TELEPORT_ARC: TeleportArcOptions = { speed: 7, gravity: 9.8, step: 0.03, maxDistance: 8 };

export interface TeleportArc {
  /** Points written (including the landing point when valid). */
  count: number;
  /** True when the arc meets the floor within maxDistance. */
  valid: boolean;
  readonly landing: Vector3;
}

export function computeTeleportArc(
  origin: Vector3,
  direction: Vector3,
  floorY: number,
  options: TeleportArcOptions,
  out: Float32Array,
  arc: TeleportArc,
): TeleportArc {
  const maxPoints = Math.floor(out.length / 3);
  const vx = direction.x * options.speed;
  const vy = direction.y * options.speed;
  const vz = direction.z * options.speed;
  let px = origin.x;
  let py = origin.y;
  let pz = origin.z;
  arc.count = 0;
  arc.valid = false;
  for (let i = 0; i < maxPoints; i++) {
    const t = i * options.step;
    const x = origin.x + vx * t;
    const y = origin.y + vy * t - 0.5 * options.gravity * t * t;
    const z = origin.z + vz * t;
    if (i > 0 && y <= floorY) {
      // Linear crossing of the segment (px,py,pz)-(x,y,z) with the plane.
      const f = (py - floorY) / (py - y);
      const lx = px + (x - px) * f;
      const lz = pz + (z - pz) * f;
      out[i * 3] = lx;
      out[i * 3 + 1] = floorY;
      out[i * 3 + 2] = lz;
      arc.count = i + 1;
      arc.landing.set(lx, floorY, lz);
      arc.valid = Math.hypot(lx - origin.x, lz - origin.z) <= options.maxDistance;
      return arc;
    }
    out[i * 3] = x;
    out[i * 3 + 1] = y;
    out[i * 3 + 2] = z;
    arc.count = i + 1;
    px = x;
    py = y;
    pz = z;
  }
  return arc;
}
