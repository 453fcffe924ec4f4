/**
 * Shared geometry of both bundling implementations (bundle-kde and bundle-reference).
 *
 * Edges between two layers are resampled at fixed parameters s_k = k / (P - 1) along the straight
 * segment. Bundling only moves a point sideways, in the plane perpendicular to the pair's main axis
 * (mean target - mean source), so sample k of every edge stays in the "slice" of parameter s_k:
 * bundling is a 2-D problem per slice (the lateral coordinates u, v along e1, e2), coupled between
 * neighbouring slices. For two parallel layers this is exact: each slice is a plane between them.
 */

export interface BundleOptions {
  /** Points per bundled edge, endpoints included (>= 3). */
  readonly pointsPerEdge: number;
  /** Advection iterations; the kernel shrinks geometrically from kernelStart to kernelEnd. */
  readonly iterations: number;
  /** Kernel (Gaussian sigma) of the first and last iteration, as fractions of the lateral extent. */
  readonly kernelStart: number;
  readonly kernelEnd: number;
  /** Laplacian smoothing along each edge after every advection: passes and blend (0..1). */
  readonly smoothingPasses: number;
  readonly smoothing: number;
  /** Extra smoothing passes (blend 0.5) after the last iteration: rounds off kinks near the endpoints. */
  readonly finalSmoothingPasses: number;
  /** Grid cells per kernel sigma in the fast implementation (accuracy vs speed). */
  readonly cellsPerKernel: number;
  /** Multiple of the mean-shift vector a sample moves by each iteration (1: to the local mean). */
  readonly step: number;
  /** Mobility of a sample at parameter s is (4 s (1 - s))^mobilityExponent: 0 keeps ends straight longer. */
  readonly mobilityExponent: number;
}

export const DEFAULT_BUNDLE_OPTIONS: BundleOptions = {
  pointsPerEdge: 16,
  iterations: 12,
  kernelStart: 0.15,
  kernelEnd: 0.03,
  smoothingPasses: 1,
  smoothing: 0.3,
  finalSmoothingPasses: 0,
  cellsPerKernel: 2,
  step: 2,
  mobilityExponent: 0.3,
};

/** Weight of a slice in the density: a point sees its own slice and the two neighbours ([1, 2, 1] / 4). */
export const SLICE_WEIGHTS: readonly [number, number, number] = [0.25, 0.5, 0.25];

export interface BundleFrame {
  readonly origin: readonly [number, number, number];
  readonly e1: readonly [number, number, number];
  readonly e2: readonly [number, number, number];
}

/** Checks the bundler's input: count * 6 finite endpoint coordinates. */
export function checkEndpoints(endpoints: Float32Array, count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`edge count must be a non-negative integer, got ${count}`);
  if (endpoints.length < count * 6) throw new RangeError(`${count} edges need ${count * 6} endpoint coordinates, got ${endpoints.length}`);
  for (let i = 0; i < count * 6; i++) {
    if (!Number.isFinite(endpoints[i]!)) throw new RangeError(`edge ${Math.floor(i / 6)} has a non-finite endpoint coordinate`);
  }
}

/** Resolves options, checking what a caller can get wrong. */
export function computeBundleOptions(options: Partial<BundleOptions> = {}): BundleOptions {
  const o = { ...DEFAULT_BUNDLE_OPTIONS, ...options };
  if (!Number.isInteger(o.pointsPerEdge) || o.pointsPerEdge < 3) throw new RangeError(`pointsPerEdge must be an integer >= 3, got ${o.pointsPerEdge}`);
  if (!Number.isInteger(o.iterations) || o.iterations < 0) throw new RangeError(`iterations must be a non-negative integer, got ${o.iterations}`);
  if (!(o.kernelStart > 0 && o.kernelEnd > 0)) throw new RangeError('kernel sizes must be positive');
  return o;
}

/** Sigma of iteration i as a fraction of the lateral extent: geometric from kernelStart to kernelEnd. */
export function computeKernelFraction(options: BundleOptions, i: number): number {
  if (options.iterations <= 1) return options.kernelStart;
  return options.kernelStart * Math.pow(options.kernelEnd / options.kernelStart, i / (options.iterations - 1));
}

/**
 * Lateral frame: origin at the mean source, e1/e2 orthonormal and perpendicular to the main axis.
 * Layers are planes of constant z (types.ts), so when the pair runs mostly along z the axis is
 * exactly ±z: then every slice is a plane parallel to the layers (sample k of every edge lies in it)
 * and e1 = -x, e2 = +y for a pair along -z. Otherwise (a layer dragged beside another) the axis is
 * the mean edge direction.
 */
export function computeBundleFrame(endpoints: Float32Array, count: number): BundleFrame {
  const mean = [0, 0, 0, 0, 0, 0];
  for (let e = 0; e < count; e++) for (let a = 0; a < 6; a++) mean[a]! += endpoints[e * 6 + a]!;
  for (let a = 0; a < 6; a++) mean[a]! /= Math.max(1, count);
  let ax = mean[3]! - mean[0]!;
  let ay = mean[4]! - mean[1]!;
  let az = mean[5]! - mean[2]!;
  const len = Math.hypot(ax, ay, az);
  if (len < 1e-9) [ax, ay, az] = [0, 0, -1];
  else if (Math.abs(az) >= 0.5 * len) [ax, ay, az] = [0, 0, Math.sign(az)];
  else [ax, ay, az] = [ax / len, ay / len, az / len];
  // Reference direction least aligned with the axis, then e1 = ref x axis, e2 = axis x e1.
  const [rx, ry, rz] = Math.abs(ay) < 0.9 ? [0, 1, 0] : [1, 0, 0];
  let e1x = ry * az - rz * ay;
  let e1y = rz * ax - rx * az;
  let e1z = rx * ay - ry * ax;
  const l1 = Math.hypot(e1x, e1y, e1z);
  [e1x, e1y, e1z] = [e1x / l1, e1y / l1, e1z / l1];
  const e2: [number, number, number] = [ay * e1z - az * e1y, az * e1x - ax * e1z, ax * e1y - ay * e1x];
  return { origin: [mean[0]!, mean[1]!, mean[2]!], e1: [e1x, e1y, e1z], e2 };
}

/**
 * Lateral coordinates (u, v) of the straight resampled edges, count * P each, stored slice-major:
 * sample k of edge e is at [k * count + e], so one slice is contiguous (cache-friendly grids).
 */
export function computeStraightLateral(endpoints: Float32Array, count: number, pointsPerEdge: number, frame: BundleFrame): { u: Float32Array; v: Float32Array } {
  const u = new Float32Array(count * pointsPerEdge);
  const v = new Float32Array(count * pointsPerEdge);
  const [ox, oy, oz] = frame.origin;
  const [ax, ay, az] = frame.e1;
  const [bx, by, bz] = frame.e2;
  for (let e = 0; e < count; e++) {
    const o = e * 6;
    const ua = (endpoints[o]! - ox) * ax + (endpoints[o + 1]! - oy) * ay + (endpoints[o + 2]! - oz) * az;
    const va = (endpoints[o]! - ox) * bx + (endpoints[o + 1]! - oy) * by + (endpoints[o + 2]! - oz) * bz;
    const ub = (endpoints[o + 3]! - ox) * ax + (endpoints[o + 4]! - oy) * ay + (endpoints[o + 5]! - oz) * az;
    const vb = (endpoints[o + 3]! - ox) * bx + (endpoints[o + 4]! - oy) * by + (endpoints[o + 5]! - oz) * bz;
    for (let k = 0; k < pointsPerEdge; k++) {
      const s = k / (pointsPerEdge - 1);
      u[k * count + e] = ua + (ub - ua) * s;
      v[k * count + e] = va + (vb - va) * s;
    }
  }
  return { u, v };
}

/**
 * How far each sample may move (times the step), by its parameter s: 0 at the endpoints (they are
 * fixed), rising as (4 s (1 - s))^exponent so edges leave their nodes smoothly but bundle over most
 * of their length.
 */
export function computeMobility(options: BundleOptions): Float32Array {
  const P = options.pointsPerEdge;
  const w = new Float32Array(P);
  for (let k = 0; k < P; k++) {
    const s = k / (P - 1);
    w[k] = options.step * Math.pow(4 * s * (1 - s), options.mobilityExponent);
  }
  return w;
}

/**
 * Laplacian smoothing along every edge, in place, endpoints fixed (Jacobi: every sample moves
 * against its neighbours' old values): x_k += alpha * ((x_{k-1} + x_{k+1}) / 2 - x_k).
 * Works a slice at a time on the slice-major arrays.
 */
export function updateSmoothing(u: Float32Array, v: Float32Array, count: number, pointsPerEdge: number, passes: number, alpha: number): void {
  const previousU = new Float32Array(count);
  const previousV = new Float32Array(count);
  for (let pass = 0; pass < passes; pass++) {
    previousU.set(u.subarray(0, count));
    previousV.set(v.subarray(0, count));
    for (let k = 1; k < pointsPerEdge - 1; k++) {
      const row = k * count;
      const next = row + count;
      for (let e = 0; e < count; e++) {
        const cu = u[row + e]!;
        const cv = v[row + e]!;
        u[row + e] = cu + alpha * ((previousU[e]! + u[next + e]!) * 0.5 - cu);
        v[row + e] = cv + alpha * ((previousV[e]! + v[next + e]!) * 0.5 - cv);
        previousU[e] = cu;
        previousV[e] = cv;
      }
    }
  }
}

/** Lateral extent of the straight drawing: the larger side of the (u, v) bounding box, and the box. */
export function computeLateralBounds(u: Float32Array, v: Float32Array): { minU: number; maxU: number; minV: number; maxV: number; extent: number } {
  let minU = Infinity;
  let maxU = -Infinity;
  let minV = Infinity;
  let maxV = -Infinity;
  for (let i = 0; i < u.length; i++) {
    const a = u[i]!;
    const b = v[i]!;
    if (a < minU) minU = a;
    if (a > maxU) maxU = a;
    if (b < minV) minV = b;
    if (b > maxV) maxV = b;
  }
  const extent = Math.max(maxU - minU, maxV - minV, 1e-6);
  return { minU, maxU, minV, maxV, extent };
}

/** 3-D points (count * P * 3) from lateral coordinates: the straight sample moved by the lateral change. */
export function computeBundlePoints(endpoints: Float32Array, count: number, pointsPerEdge: number, frame: BundleFrame, u: Float32Array, v: Float32Array, straight: { u: Float32Array; v: Float32Array }): Float32Array {
  const out = new Float32Array(count * pointsPerEdge * 3);
  const [ax, ay, az] = frame.e1;
  const [bx, by, bz] = frame.e2;
  for (let e = 0; e < count; e++) {
    const o = e * 6;
    for (let k = 0; k < pointsPerEdge; k++) {
      const s = k / (pointsPerEdge - 1);
      const i = k * count + e;
      const du = u[i]! - straight.u[i]!;
      const dv = v[i]! - straight.v[i]!;
      const p = (e * pointsPerEdge + k) * 3;
      if (k === 0 || k === pointsPerEdge - 1) {
        // Endpoints exactly as given.
        const src = k === 0 ? o : o + 3;
        out[p] = endpoints[src]!;
        out[p + 1] = endpoints[src + 1]!;
        out[p + 2] = endpoints[src + 2]!;
        continue;
      }
      out[p] = endpoints[o]! + (endpoints[o + 3]! - endpoints[o]!) * s + du * ax + dv * bx;
      out[p + 1] = endpoints[o + 1]! + (endpoints[o + 4]! - endpoints[o + 1]!) * s + du * ay + dv * by;
      out[p + 2] = endpoints[o + 2]! + (endpoints[o + 5]! - endpoints[o + 2]!) * s + du * az + dv * bz;
    }
  }
  return out;
}
