import type { BundleOptions } from './bundle-frame';
import {
  SLICE_WEIGHTS,
  checkEndpoints,
  computeBundleFrame,
  computeBundleOptions,
  computeBundlePoints,
  computeKernelFraction,
  computeLateralBounds,
  computeMobility,
  computeStraightLateral,
  updateSmoothing,
} from './bundle-frame';

/** Largest lateral grid side; the kernel is widened in cells rather than exceed it. */
const MAX_GRID_SIDE = 384;

/**
 * Kernel-density edge bundling (in the spirit of KDEEB, Hurter et al. 2012, and CUBu, van der Zwan
 * et al. 2016), fast version. Per iteration, with kernel sigma shrinking geometrically:
 *   1. splat every sample (bilinear) into a density grid per slice (see bundle-frame.ts);
 *   2. blur each slice with a separable Gaussian of sigma, then mix neighbouring slices [1, 2, 1]/4;
 *   3. move every interior sample by the mean-shift vector sigma^2 * grad(rho) / rho (the step to the
 *      kernel-weighted mean of nearby samples), scaled by its mobility (0 at the endpoints);
 *   4. smooth each edge along its length.
 * Cost per iteration O(samples + grid cells * kernel taps), linear in the edge count; the grid has
 * ~cellsPerKernel cells per sigma, so coarse early iterations are cheap. Deterministic: a fixed
 * order of floating-point operations, no randomness.
 *
 * endpoints: count * 6 (source xyz, target xyz). Returns the fully bundled drawing, count * P * 3;
 * blend with the straight one for strengths below 1 (bundle-edges.ts).
 */
export function computeKdeBundle(endpoints: Float32Array, count: number, options: Partial<BundleOptions> = {}): Float32Array {
  const o = computeBundleOptions(options);
  const P = o.pointsPerEdge;
  checkEndpoints(endpoints, count);
  if (count === 0) return new Float32Array(0);
  const frame = computeBundleFrame(endpoints, count);
  const straight = computeStraightLateral(endpoints, count, P, frame);
  const u = straight.u.slice();
  const v = straight.v.slice();
  const bounds = computeLateralBounds(u, v);
  const mobility = computeMobility(o);
  const grids = createGrids(P);
  for (let it = 0; it < o.iterations; it++) {
    const sigma = computeKernelFraction(o, it) * bounds.extent;
    const g = prepareGrid(grids, bounds, sigma, o.cellsPerKernel, P);
    splat(g, u, v, count, P);
    blurSlices(g, sigma);
    mixSlicesAndGradient(g);
    advect(g, u, v, count, P, mobility, sigma * sigma);
    updateSmoothing(u, v, count, P, o.smoothingPasses, o.smoothing);
  }
  updateSmoothing(u, v, count, P, o.finalSmoothingPasses, 0.5);
  return computeBundlePoints(endpoints, count, P, frame, u, v, straight);
}

/** Work arrays, grown as needed and reused across iterations. */
interface Grids {
  density: Float32Array;
  scratch: Float32Array;
  /** Interleaved (rho, d rho/du, d rho/dv) per cell of the mixed slices: one cache line per corner pair. */
  field: Float32Array;
  slices: number;
  gu: number;
  gv: number;
  /** World (lateral) coordinate of cell 0 and the cell size. */
  u0: number;
  v0: number;
  h: number;
}

function createGrids(slices: number): Grids {
  const empty = new Float32Array(0);
  return { density: empty, scratch: empty, field: empty, slices, gu: 0, gv: 0, u0: 0, v0: 0, h: 1 };
}

function prepareGrid(g: Grids, b: ReturnType<typeof computeLateralBounds>, sigma: number, cellsPerKernel: number, slices: number): Grids {
  let h = sigma / cellsPerKernel;
  h = Math.max(h, b.extent / MAX_GRID_SIDE);
  const margin = Math.ceil((3 * sigma) / h) + 1;
  g.h = h;
  g.gu = Math.ceil((b.maxU - b.minU) / h) + 1 + 2 * margin;
  g.gv = Math.ceil((b.maxV - b.minV) / h) + 1 + 2 * margin;
  g.u0 = b.minU - margin * h;
  g.v0 = b.minV - margin * h;
  const size = g.gu * g.gv * slices;
  if (g.density.length < size) {
    g.density = new Float32Array(size);
    g.scratch = new Float32Array(size);
    g.field = new Float32Array(size * 3);
  } else {
    g.density.fill(0, 0, size);
  }
  return g;
}

/** Bilinear splat of every sample into its slice, a slice at a time (one plane hot in cache). */
function splat(g: Grids, u: Float32Array, v: Float32Array, count: number, P: number): void {
  const { density, gu, gv, u0, v0 } = g;
  const inv = 1 / g.h;
  const plane = gu * gv;
  const maxX = gu - 1.001;
  const maxY = gv - 1.001;
  for (let k = 0; k < P; k++) {
    const row = k * count;
    const base = k * plane;
    for (let e = 0; e < count; e++) {
      let x = (u[row + e]! - u0) * inv;
      let y = (v[row + e]! - v0) * inv;
      x = x < 0 ? 0 : x > maxX ? maxX : x;
      y = y < 0 ? 0 : y > maxY ? maxY : y;
      const ix = x | 0;
      const iy = y | 0;
      const fx = x - ix;
      const fy = y - iy;
      const c = base + iy * gu + ix;
      density[c]! += (1 - fx) * (1 - fy);
      density[c + 1]! += fx * (1 - fy);
      density[c + gu]! += (1 - fx) * fy;
      density[c + gu + 1]! += fx * fy;
    }
  }
}

/** Separable Gaussian blur of every slice, in place (via scratch). Taps to 3 sigma, weights unnormalised (mean shift divides them out). */
function blurSlices(g: Grids, sigma: number): void {
  const { density, scratch, gu, gv, slices } = g;
  const radius = Math.ceil((3 * sigma) / g.h);
  const weights = new Float32Array(radius + 1);
  for (let t = 0; t <= radius; t++) weights[t] = Math.exp(-((t * g.h) ** 2) / (2 * sigma * sigma));
  const plane = gu * gv;
  const size = plane * slices;
  scratch.fill(0, 0, size);
  // Along u: scratch[row, i] = sum_t w_t * density[row, i + t].
  for (let row = 0; row < gv * slices; row++) {
    const base = row * gu;
    for (let t = -radius; t <= radius; t++) {
      const w = weights[Math.abs(t)]!;
      const from = Math.max(0, -t);
      const to = Math.min(gu, gu - t);
      for (let i = from; i < to; i++) scratch[base + i]! += w * density[base + i + t]!;
    }
  }
  // Along v: density[k, j, :] = sum_t w_t * scratch[k, j + t, :], whole rows at a time.
  density.fill(0, 0, size);
  for (let k = 0; k < slices; k++) {
    const sliceBase = k * plane;
    for (let j = 0; j < gv; j++) {
      const dst = sliceBase + j * gu;
      const tFrom = Math.max(-radius, -j);
      const tTo = Math.min(radius, gv - 1 - j);
      for (let t = tFrom; t <= tTo; t++) {
        const w = weights[Math.abs(t)]!;
        const src = sliceBase + (j + t) * gu;
        for (let i = 0; i < gu; i++) density[dst + i]! += w * scratch[src + i]!;
      }
    }
  }
}

/**
 * For interior slices k: scratch[k] = [1, 2, 1]/4 mix of slices k-1..k+1 (endpoint slices never
 * move), then field[k] = interleaved (rho, central-difference gradient in density per cell).
 */
function mixSlicesAndGradient(g: Grids): void {
  const { density, scratch, field, gu, gv, slices } = g;
  const plane = gu * gv;
  const [w0, w1, w2] = SLICE_WEIGHTS;
  for (let k = 1; k < slices - 1; k++) {
    const b = k * plane;
    for (let c = 0; c < plane; c++) scratch[b + c] = w0 * density[b - plane + c]! + w1 * density[b + c]! + w2 * density[b + plane + c]!;
    for (let j = 0; j < gv; j++) {
      const row = b + j * gu;
      const up = j > 0 ? row - gu : row;
      const down = j < gv - 1 ? row + gu : row;
      const vScale = j > 0 && j < gv - 1 ? 0.5 : 1;
      for (let i = 0; i < gu; i++) {
        const left = i > 0 ? i - 1 : i;
        const right = i < gu - 1 ? i + 1 : i;
        const f = (row + i) * 3;
        field[f] = scratch[row + i]!;
        field[f + 1] = (scratch[row + right]! - scratch[row + left]!) / (right - left);
        field[f + 2] = (scratch[down + i]! - scratch[up + i]!) * vScale;
      }
    }
  }
}

/** Mean-shift step of every interior sample, bilinear in rho and grad(rho), a slice at a time. */
function advect(g: Grids, u: Float32Array, v: Float32Array, count: number, P: number, mobility: Float32Array, sigma2: number): void {
  const { field, gu, gv, u0, v0 } = g;
  const inv = 1 / g.h;
  const plane = gu * gv;
  const maxX = gu - 1.001;
  const maxY = gv - 1.001;
  const down = gu * 3;
  // grad is per cell: d rho / du = grad * inv, so the step sigma^2 * grad(rho) / rho = sigma^2 * inv * grad / rho.
  const scale = sigma2 * inv;
  for (let k = 1; k < P - 1; k++) {
    const row = k * count;
    const base = k * plane;
    const mk = mobility[k]! * scale;
    for (let e = 0; e < count; e++) {
      const i = row + e;
      let x = (u[i]! - u0) * inv;
      let y = (v[i]! - v0) * inv;
      x = x < 0 ? 0 : x > maxX ? maxX : x;
      y = y < 0 ? 0 : y > maxY ? maxY : y;
      const ix = x | 0;
      const iy = y | 0;
      const fx = x - ix;
      const fy = y - iy;
      const c = (base + iy * gu + ix) * 3;
      const w00 = (1 - fx) * (1 - fy);
      const w10 = fx * (1 - fy);
      const w01 = (1 - fx) * fy;
      const w11 = fx * fy;
      const rho = w00 * field[c]! + w10 * field[c + 3]! + w01 * field[c + down]! + w11 * field[c + down + 3]!;
      if (!(rho > 1e-12)) continue;
      const du = w00 * field[c + 1]! + w10 * field[c + 4]! + w01 * field[c + down + 1]! + w11 * field[c + down + 4]!;
      const dv = w00 * field[c + 2]! + w10 * field[c + 5]! + w01 * field[c + down + 2]! + w11 * field[c + down + 5]!;
      const m = mk / rho;
      u[i] = u[i]! + m * du;
      v[i] = v[i]! + m * dv;
    }
  }
}
