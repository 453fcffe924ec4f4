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

/**
 * The same kernel-density bundling as bundle-kde.ts, written the obvious way to check it: the
 * density at a sample is the exact sum of Gaussians over every sample of its own and the two
 * neighbouring slices (weights [1, 2, 1]/4), and its move is the exact mean-shift vector
 *   m = sum_j w_j G(q_j - p) (q_j - p) / sum_j w_j G(q_j - p)   (= sigma^2 grad(rho) / rho),
 * scaled by the sample's mobility. O(edges^2 * P) per iteration: for small inputs only.
 */
export function computeReferenceBundle(endpoints: Float32Array, count: number, options: Partial<BundleOptions> = {}): Float32Array {
  const o = computeBundleOptions(options);
  const P = o.pointsPerEdge;
  checkEndpoints(endpoints, count);
  if (count === 0) return new Float32Array(0);
  const frame = computeBundleFrame(endpoints, count);
  const straight = computeStraightLateral(endpoints, count, P, frame);
  const u = straight.u.slice();
  const v = straight.v.slice();
  const extent = computeLateralBounds(u, v).extent;
  const mobility = computeMobility(o);
  const moveU = new Float64Array(count * P);
  const moveV = new Float64Array(count * P);
  for (let it = 0; it < o.iterations; it++) {
    const sigma = computeKernelFraction(o, it) * extent;
    const twoSigma2 = 2 * sigma * sigma;
    for (let e = 0; e < count; e++) {
      for (let k = 1; k < P - 1; k++) {
        const pu = u[k * count + e]!;
        const pv = v[k * count + e]!;
        let rho = 0;
        let mu = 0;
        let mv = 0;
        for (let s = 0; s < 3; s++) {
          const slice = k - 1 + s;
          for (let f = 0; f < count; f++) {
            const du = u[slice * count + f]! - pu;
            const dv = v[slice * count + f]! - pv;
            const w = SLICE_WEIGHTS[s]! * Math.exp(-(du * du + dv * dv) / twoSigma2);
            rho += w;
            mu += w * du;
            mv += w * dv;
          }
        }
        moveU[k * count + e] = rho > 0 ? (mobility[k]! * mu) / rho : 0;
        moveV[k * count + e] = rho > 0 ? (mobility[k]! * mv) / rho : 0;
      }
    }
    for (let i = 0; i < count * P; i++) {
      u[i] = u[i]! + moveU[i]!;
      v[i] = v[i]! + moveV[i]!;
    }
    updateSmoothing(u, v, count, P, o.smoothingPasses, o.smoothing);
  }
  updateSmoothing(u, v, count, P, o.finalSmoothingPasses, 0.5);
  return computeBundlePoints(endpoints, count, P, frame, u, v, straight);
}
