import { describe, expect, it } from 'vitest';
import type { EdgeSet } from '../../../src/layout/types';
import {
  EDGE_TRIANGLE_BUDGET,
  MAX_RIBBON_SEGMENTS,
  computeCapacity,
  computeEdgePacking,
  computeEdgeTotals,
  computeRibbonSegments,
} from '../../../src/render/edge-packing';

function set(sourceLayer: number, count: number, pointsPerEdge: number, seed: number): EdgeSet {
  const points = new Float32Array(count * pointsPerEdge * 3).map((_, i) => seed + i * 0.5);
  const strength = new Float32Array(count).map((_, i) => (i % 2 ? -1 : 1) * ((i + 1) / count) * 1.5);
  return {
    sourceLayer,
    targetLayer: sourceLayer + 1,
    count,
    pointsPerEdge,
    points,
    strength,
    sourceIndex: new Int32Array(count),
    targetIndex: new Int32Array(count),
  };
}

describe('edge packing', () => {
  it('lays control points of all sets end to end and records where each edge starts', () => {
    const sets = [set(0, 3, 2, 0), set(4, 2, 5, 100)];
    const totals = computeEdgeTotals(sets);
    expect(totals).toEqual({ edges: 5, points: 16, maxPointsPerEdge: 5 });
    const points = new Float32Array(totals.points * 4);
    const info = new Float32Array(totals.edges * 4);
    const layers = new Float32Array(totals.edges * 2);
    expect(computeEdgePacking(sets, points, info, layers)).toBe(5);
    // Edge 4 = second edge of set 1: starts after 3*2 + 5 points, 5 points long.
    expect([info[16], info[17]]).toEqual([11, 5]);
    expect([layers[8], layers[9]]).toEqual([4, 5]);
    // Its third control point is set 1's points[(1 * 5 + 2) * 3 ..].
    const k = 11 + 2;
    expect([points[k * 4], points[k * 4 + 1], points[k * 4 + 2], points[k * 4 + 3]]).toEqual([
      100 + 21 * 0.5,
      100 + 22 * 0.5,
      100 + 23 * 0.5,
      1,
    ]);
    // Strengths are clamped to -1..1 with their sign kept.
    for (let e = 0; e < 5; e++) expect(Math.abs(info[e * 4 + 2]!)).toBeLessThanOrEqual(1);
    expect(info[2]).toBeGreaterThan(0);
    expect(info[6]).toBeLessThan(0);
  });

  it('draws straight edges with one segment and curves with more, within the triangle budget', () => {
    expect(computeRibbonSegments(2, 1000)).toBe(1);
    expect(computeRibbonSegments(16, 1000)).toBe(MAX_RIBBON_SEGMENTS);
    expect(computeRibbonSegments(4, 10)).toBe(9);
    for (const edges of [1000, 20_000, 100_000, 1_000_000]) {
      const s = computeRibbonSegments(16, edges);
      expect(s).toBeGreaterThanOrEqual(1);
      if (s > 1) expect(s * 2 * edges).toBeLessThanOrEqual(EDGE_TRIANGLE_BUDGET);
    }
  });

  it('grows capacities by doubling', () => {
    expect(computeCapacity(0)).toBe(64);
    expect(computeCapacity(65)).toBe(128);
    expect(computeCapacity(5000, 2048)).toBe(8192);
  });
});
