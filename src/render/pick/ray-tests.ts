/** Analytic ray tests (pure math). A ray is origin + t * direction, t >= 0. */

/** Entry parameter of the ray into an axis-aligned box (centre, half extents), or Infinity on a miss; 0 when the origin is inside. */
export function computeRayBoxEntry(
  ox: number, oy: number, oz: number,
  dx: number, dy: number, dz: number,
  cx: number, cy: number, cz: number,
  hx: number, hy: number, hz: number,
): number {
  // Slab method: intersect the ray's parameter intervals inside each pair of parallel planes.
  slab.near = 0;
  slab.far = Infinity;
  if (!clipSlab(ox, dx, cx, hx) || !clipSlab(oy, dy, cy, hy) || !clipSlab(oz, dz, cz, hz)) return Infinity;
  return slab.near;
}

/** Module scratch: picking runs every frame for each controller, so it must not allocate. */
const slab = { near: 0, far: Infinity };

function clipSlab(o: number, d: number, c: number, h: number): boolean {
  if (Math.abs(d) < 1e-12) return o >= c - h && o <= c + h;
  const t0 = (c - h - o) / d;
  const t1 = (c + h - o) / d;
  slab.near = Math.max(slab.near, Math.min(t0, t1));
  slab.far = Math.min(slab.far, Math.max(t0, t1));
  return slab.near <= slab.far;
}

/** Parameter where the ray meets the plane z = planeZ, or Infinity (parallel or behind). */
export function computeRayPlaneZ(oz: number, dz: number, planeZ: number): number {
  if (Math.abs(dz) < 1e-12) return Infinity;
  const t = (planeZ - oz) / dz;
  return t >= 0 ? t : Infinity;
}

/** Nearest parameter where the ray meets a sphere, or Infinity; 0 when the origin is inside. */
export function computeRaySphere(
  ox: number, oy: number, oz: number,
  dx: number, dy: number, dz: number,
  cx: number, cy: number, cz: number,
  radius: number,
): number {
  // |o + t d - c|^2 = r^2  ->  a t^2 + 2 b t + c = 0
  const mx = ox - cx;
  const my = oy - cy;
  const mz = oz - cz;
  const a = dx * dx + dy * dy + dz * dz;
  const b = mx * dx + my * dy + mz * dz;
  const c = mx * mx + my * my + mz * mz - radius * radius;
  if (c <= 0) return 0;
  if (b > 0 || a === 0) return Infinity;
  const disc = b * b - a * c;
  if (disc < 0) return Infinity;
  return (-b - Math.sqrt(disc)) / a;
}
