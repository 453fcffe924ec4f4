import type { BundleOptions } from './bundle-frame';
import { computeBundleOptions } from './bundle-frame';
import { computeKdeBundle } from './bundle-kde';
import type { EdgeSet } from './types';

/** The endpoints of every edge of a set, count * 6 (source xyz, target xyz): the bundler's input. */
export function computeEdgeEndpoints(edges: EdgeSet): Float32Array {
  const out = new Float32Array(edges.count * 6);
  const P = edges.pointsPerEdge;
  for (let e = 0; e < edges.count; e++) {
    const first = e * P * 3;
    const last = (e * P + P - 1) * 3;
    for (let a = 0; a < 3; a++) {
      out[e * 6 + a] = edges.points[first + a]!;
      out[e * 6 + 3 + a] = edges.points[last + a]!;
    }
  }
  return out;
}

/** Fully bundled control points (count * P * 3) of an edge set (synchronous; see bundling-client.ts for the worker). */
export function computeBundle(edges: EdgeSet, options: Partial<BundleOptions> = {}): Float32Array {
  return computeKdeBundle(computeEdgeEndpoints(edges), edges.count, options);
}

/**
 * Blend of straight (strength 0) and fully bundled (strength 1) curves, written into `out`
 * (count * P * 3, no allocation): p = straight + strength * (bundled - straight), where the straight
 * curve is sampled at the same parameters k / (P - 1). Strength 0 reproduces the straight lines
 * exactly; the endpoints never move. Cheap enough to run per frame while a slider moves.
 */
export function updateBundleStrength(endpoints: Float32Array, bundled: Float32Array, count: number, pointsPerEdge: number, strength: number, out: Float32Array): void {
  const P = pointsPerEdge;
  const t = Math.min(1, Math.max(0, strength));
  for (let e = 0; e < count; e++) {
    const o = e * 6;
    for (let k = 0; k < P; k++) {
      const s = k / (P - 1);
      const p = (e * P + k) * 3;
      for (let a = 0; a < 3; a++) {
        const straight = endpoints[o + a]! + (endpoints[o + 3 + a]! - endpoints[o + a]!) * s;
        out[p + a] = straight + (bundled[p + a]! - straight) * t;
      }
    }
  }
}

/** A new EdgeSet: `edges` drawn through `bundled` (from computeBundle / the client) at `strength`. */
export function computeBundledEdgeSet(edges: EdgeSet, bundled: Float32Array, pointsPerEdge: number, strength: number): EdgeSet {
  const points = new Float32Array(edges.count * pointsPerEdge * 3);
  updateBundleStrength(computeEdgeEndpoints(edges), bundled, edges.count, pointsPerEdge, strength, points);
  return { ...edges, pointsPerEdge, points };
}

/**
 * Cache key of a bundle. Bundling depends only on geometry: the edges' endpoints in order and the
 * bundling options, never on weights, colours or the strength slider (applied afterwards by
 * updateBundleStrength). So the key is count + two independent 32-bit FNV-1a hashes of the endpoint
 * float bits + the resolved options. Across epochs the key is unchanged as long as the same edges
 * are drawn at the same places; note that top-k selection by weight can pick different edges per
 * epoch; pass fixed selectionWeights to computeEdges (or recolour one selection with
 * computeEdgeStrengths) to reuse the bundle.
 */
export function computeBundleKey(endpoints: Float32Array, count: number, options: Partial<BundleOptions> = {}): string {
  const bits = new Uint32Array(endpoints.buffer, endpoints.byteOffset, count * 6);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < bits.length; i++) {
    const x = bits[i]!;
    h1 = Math.imul(h1 ^ x, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ ((x >>> 16) | (x << 16)), 0x01000193) >>> 0;
  }
  const o = computeBundleOptions(options);
  const opts = [o.pointsPerEdge, o.iterations, o.kernelStart, o.kernelEnd, o.smoothingPasses, o.smoothing, o.finalSmoothingPasses, o.cellsPerKernel, o.step, o.mobilityExponent].join(',');
  return `${count}:${h1.toString(16)}${h2.toString(16)}:${opts}`;
}
