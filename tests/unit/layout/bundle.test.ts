import { describe, expect, it } from 'vitest';
import { computeBundle, computeBundleKey, computeBundledEdgeSet, computeEdgeEndpoints, updateBundleStrength } from '../../../src/layout/bundle-edges';
import { computeKdeBundle } from '../../../src/layout/bundle-kde';
import { computeReferenceBundle } from '../../../src/layout/bundle-reference';
import { createBundlingClient } from '../../../src/layout/bundling-client';
import { computeEdges } from '../../../src/layout/edges';
import { computeInk, computeInkBounds, computeInkRatio } from '../../../src/layout/ink';
import { computeNetworkLayout } from '../../../src/layout/network-layout';
import { createMnistNetwork, createRandom, createWeights } from './networks';

const P = 16;

/** Random bipartite edges between two rows of `nodes` nodes 1 m apart (the FDEB benchmark picture). */
function bipartite(count: number, nodes: number, seed: number): Float32Array {
  const random = createRandom(seed);
  const endpoints = new Float32Array(count * 6);
  for (let e = 0; e < count; e++) {
    endpoints.set([Math.floor(random() * nodes) / (nodes - 1) - 0.5, 1.4, 0, Math.floor(random() * nodes) / (nodes - 1) - 0.5, 1.4, -1], e * 6);
  }
  return endpoints;
}

function straight(endpoints: Float32Array, count: number): Float32Array {
  const out = new Float32Array(count * P * 3);
  updateBundleStrength(endpoints, new Float32Array(count * P * 3), count, P, 0, out);
  return out;
}

describe('kernel-density edge bundling', () => {
  const count = 1500;
  const endpoints = bipartite(count, 100, 3);
  const bundled = computeKdeBundle(endpoints, count);

  it('strength 0 is exactly the straight lines and endpoints never move', () => {
    const out = new Float32Array(count * P * 3);
    updateBundleStrength(endpoints, bundled, count, P, 0, out);
    const expected = new Float32Array(count * P * 3);
    for (let e = 0; e < count; e++) {
      for (let k = 0; k < P; k++) {
        for (let a = 0; a < 3; a++) {
          expected[(e * P + k) * 3 + a] = endpoints[e * 6 + a]! + (endpoints[e * 6 + 3 + a]! - endpoints[e * 6 + a]!) * (k / (P - 1));
        }
      }
    }
    expect(out).toEqual(expected);
    for (const strength of [0.5, 1]) {
      updateBundleStrength(endpoints, bundled, count, P, strength, out);
      for (let e = 0; e < count; e += 37) {
        expect(Array.from(out.subarray(e * P * 3, e * P * 3 + 3))).toEqual(Array.from(endpoints.subarray(e * 6, e * 6 + 3)));
        expect(Array.from(out.subarray((e * P + P - 1) * 3, (e * P + P) * 3))).toEqual(Array.from(endpoints.subarray(e * 6 + 3, e * 6 + 6)));
      }
    }
  });

  it('actually bundles: ink decreases with strength, to well under half of the straight drawing', () => {
    const base = straight(endpoints, count);
    const bounds = computeInkBounds(base);
    const inks = [0, 0.25, 0.5, 0.75, 1].map((strength) => {
      const out = new Float32Array(count * P * 3);
      updateBundleStrength(endpoints, bundled, count, P, strength, out);
      return computeInk(out, P, count, 256, bounds);
    });
    for (let i = 1; i < inks.length; i++) expect(inks[i]).toBeLessThan(inks[i - 1]!);
    expect(inks[4]! / inks[0]!).toBeLessThan(0.35);
    expect(computeInkRatio(endpoints, 2, bundled, P, count, 256)).toBeCloseTo(inks[4]! / inks[0]!, 2);
  });

  it('moves samples only sideways: sample k stays in the plane of parameter k / (P - 1)', () => {
    for (let e = 0; e < count; e += 101) {
      for (let k = 0; k < P; k++) expect(bundled[(e * P + k) * 3 + 2]).toBeCloseTo(-k / (P - 1), 5);
    }
  });

  it('is deterministic', () => {
    expect(computeKdeBundle(endpoints, count)).toEqual(bundled);
  });

  it('agrees with the straightforward reference implementation', () => {
    const n = 120;
    const small = bipartite(n, 40, 11);
    const fast = computeKdeBundle(small, n);
    const reference = computeReferenceBundle(small, n);
    const base = straight(small, n);
    let distance = 0;
    let moved = 0;
    for (let i = 0; i < fast.length; i += 3) {
      distance += Math.hypot(fast[i]! - reference[i]!, fast[i + 1]! - reference[i + 1]!, fast[i + 2]! - reference[i + 2]!);
      moved += Math.hypot(reference[i]! - base[i]!, reference[i + 1]! - base[i + 1]!);
    }
    // The drawing is 1 m wide: results agree to about a centimetre while samples move ~10-20 cm.
    expect(distance / (fast.length / 3)).toBeLessThan(0.01);
    expect(moved / (fast.length / 3)).toBeGreaterThan(0.05);
  });

  it('rejects bad options and bad endpoints, handles no edges and a lone edge', () => {
    expect(() => computeKdeBundle(endpoints, count, { pointsPerEdge: 2 })).toThrow(RangeError);
    expect(() => computeKdeBundle(endpoints, count + 1)).toThrow(/endpoint coordinates/);
    expect(() => computeKdeBundle(new Float32Array([0, 0, 0, NaN, 0, -1]), 1)).toThrow(/non-finite/);
    expect(computeKdeBundle(new Float32Array(0), 0)).toEqual(new Float32Array(0));
    // Nothing to bundle with: a lone edge stays (nearly) straight.
    const lone = new Float32Array([0, 1, 0, 1, 1, -1]);
    const out = computeKdeBundle(lone, 1, { pointsPerEdge: 4 });
    const line = straight(lone, 1);
    for (let k = 0; k < 4; k++) expect(Math.abs(out[k * 3]! - line[k * 5 * 3]!)).toBeLessThan(0.002);
  });
});

describe('bundling edge sets from the layout', () => {
  const network = createMnistNetwork();
  const layout = computeNetworkLayout(network, []);
  const edges = computeEdges(network, layout, createWeights(network), { topK: 400, threshold: 0 }).find((s) => s.targetLayer === 6)!;

  it('bundles a real layer pair (pooled cells -> dense nodes) and keeps the edge metadata', () => {
    const bundled = computeBundle(edges);
    const set = computeBundledEdgeSet(edges, bundled, P, 0.6);
    expect(set.count).toBe(400);
    expect(set.pointsPerEdge).toBe(P);
    expect(set.strength).toBe(edges.strength);
    expect(Array.from(set.points.subarray(0, 3))).toEqual(Array.from(edges.points.subarray(0, 3)));
    expect(computeInkRatio(edges.points, 2, set.points, P, set.count, 200)).toBeLessThan(1);
  });

  it('the cache key depends on geometry and options, not on weights', () => {
    const endpoints = computeEdgeEndpoints(edges);
    const key = computeBundleKey(endpoints, edges.count);
    const recoloured = computeEdges(network, layout, createWeights(network), { topK: 400, threshold: 0 }).find((s) => s.targetLayer === 6)!;
    expect(computeBundleKey(computeEdgeEndpoints(recoloured), recoloured.count)).toBe(key);
    const moved = endpoints.slice();
    moved[0]! += 0.001;
    expect(computeBundleKey(moved, edges.count)).not.toBe(key);
    expect(computeBundleKey(endpoints, edges.count, { iterations: 3 })).not.toBe(key);
  });

  it('the client falls back to in-thread bundling in node, same result, cached by key', async () => {
    const client = createBundlingClient();
    expect(client.inWorker).toBe(false);
    const endpoints = computeEdgeEndpoints(edges);
    const first = await client.bundle(endpoints, edges.count);
    expect(first).toEqual(computeKdeBundle(endpoints, edges.count));
    expect(await client.bundle(endpoints.slice(), edges.count)).toBe(first);
    await expect(client.bundle(endpoints, edges.count, { pointsPerEdge: 1 })).rejects.toThrow(RangeError);
    client.dispose();
  });
});
