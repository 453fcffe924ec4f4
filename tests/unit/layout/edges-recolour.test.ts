import { describe, expect, it } from 'vitest';
import { DEFAULT_EDGE_SETTINGS } from '../../../src/domain/view-settings';
import { computeBundledEdgeSet, computeEdgeEndpoints } from '../../../src/layout/bundle-edges';
import { computeEdges, computeRecolouredEdges } from '../../../src/layout/edges';
import { computeNetworkLayout } from '../../../src/layout/network-layout';
import { createMnistNetwork, createWeights } from './networks';

const network = createMnistNetwork();
const layout = computeNetworkLayout(network, []);
const newest = createWeights(network, 99);
const early = createWeights(network, 7);

describe('computeRecolouredEdges', () => {
  it('equals computeEdges with selectionWeights: same edges and points, strengths of the other epoch', () => {
    const chosen = computeEdges(network, layout, newest, DEFAULT_EDGE_SETTINGS);
    const expected = computeEdges(network, layout, early, DEFAULT_EDGE_SETTINGS, newest);
    const recoloured = computeRecolouredEdges(network, chosen, early);
    expect(recoloured.length).toBe(expected.length);
    recoloured.forEach((set, i) => {
      const want = expected[i]!;
      expect(set.points).toBe(chosen[i]!.points); // geometry shared, not copied
      expect(set.sourceIndex).toEqual(want.sourceIndex);
      expect(set.targetIndex).toEqual(want.targetIndex);
      for (let e = 0; e < set.count; e++) expect(set.strength[e]).toBeCloseTo(want.strength[e]!, 6);
    });
    // A weighted set really changes colour between the epochs.
    const weighted = recoloured.findIndex((s) => s.connection === 'weighted' && s.count > 0);
    expect(recoloured[weighted]!.strength).not.toEqual(chosen[weighted]!.strength);
  });

  it('applies strengths of straight sets to their bundled versions, keeping the bundled points', () => {
    const chosen = computeEdges(network, layout, newest, DEFAULT_EDGE_SETTINGS);
    const bundled = chosen.map((set) => {
      const ends = computeEdgeEndpoints(set);
      // A stand-in bundle with 4 points per edge (straight, subdivided): what matters is that it is kept.
      const points = new Float32Array(set.count * 4 * 3);
      for (let e = 0; e < set.count; e++) {
        for (let p = 0; p < 4; p++) for (let a = 0; a < 3; a++) points[(e * 4 + p) * 3 + a] = ends[e * 6 + a]! + ((ends[e * 6 + 3 + a]! - ends[e * 6 + a]!) * p) / 3;
      }
      return computeBundledEdgeSet(set, points, 4, 1);
    });
    const straight = computeRecolouredEdges(network, chosen, early);
    const result = computeRecolouredEdges(network, bundled, null, straight);
    result.forEach((set, i) => {
      expect(set.points).toBe(bundled[i]!.points);
      expect(set.pointsPerEdge).toBe(4);
      expect(set.strength).toBe(straight[i]!.strength);
    });
    expect(() => computeRecolouredEdges(network, bundled, null, straight.slice(1))).toThrow(/no matching strengths/);
  });

  it('returns the sets unchanged without weights', () => {
    const chosen = computeEdges(network, layout, newest, DEFAULT_EDGE_SETTINGS);
    const same = computeRecolouredEdges(network, chosen, null);
    same.forEach((set, i) => expect(set).toBe(chosen[i]));
  });
});
