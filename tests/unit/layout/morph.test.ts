import { describe, expect, it } from 'vitest';
import type { LayerViewSettings } from '../../../src/domain/view-settings';
import { DEFAULT_LAYER_VIEW } from '../../../src/domain/view-settings';
import { computeArrangementMorph, computeLayoutMorph, updateMorphedMapCenters } from '../../../src/layout/morph';
import { computeNetworkLayout } from '../../../src/layout/network-layout';
import { findOverlappingLayers } from './layout-checks';
import { createMnistNetwork } from './networks';

const network = createMnistNetwork();
const layoutWith = (patch: Partial<LayerViewSettings>) =>
  computeNetworkLayout(
    network,
    network.layers.map(() => ({ ...DEFAULT_LAYER_VIEW, ...patch })),
  );

describe('computeArrangementMorph', () => {
  const line = layoutWith({ arrangement: 'line' }).layers[3]!;
  const grid = layoutWith({ arrangement: 'grid' }).layers[3]!;
  const circle = layoutWith({ arrangement: 'circle' }).layers[3]!;
  const collapsed = layoutWith({ collapsed: true }).layers[3]!;

  it('has endpoints exactly equal to the arrangements', () => {
    for (const [from, to] of [
      [line, grid],
      [grid, circle],
      [circle, line],
      [grid, collapsed],
      [collapsed, circle],
    ] as const) {
      expect(computeArrangementMorph(from, to, 0)).toEqual(from);
      expect(computeArrangementMorph(from, to, 1)).toEqual(to);
    }
  });

  it('moves every map continuously: halfway is the midpoint, small steps move little', () => {
    const half = computeArrangementMorph(line, circle, 0.5);
    expect(half.mapCount).toBe(16);
    for (let i = 0; i < 16 * 3; i++) expect(half.mapCenters[i]).toBeCloseTo((line.mapCenters[i]! + circle.mapCenters[i]!) / 2, 5);
    expect(half.mapSize[0]).toBeCloseTo((line.mapSize[0] + circle.mapSize[0]) / 2, 6);
    let previous = computeArrangementMorph(line, circle, 0.001);
    for (let t = 0.01; t < 1; t += 0.01) {
      const next = computeArrangementMorph(line, circle, t);
      let largest = 0;
      for (let i = 0; i < next.mapCenters.length; i++) largest = Math.max(largest, Math.abs(next.mapCenters[i]! - previous.mapCenters[i]!));
      expect(largest).toBeLessThan(0.1);
      previous = next;
    }
  });

  it('collapses by sliding every map onto the slab and expands the other way', () => {
    const almost = computeArrangementMorph(grid, collapsed, 0.999);
    expect(almost.mapCount).toBe(16);
    for (let i = 0; i < 16; i++) {
      expect(almost.mapCenters[i * 3]).toBeCloseTo(collapsed.mapCenters[0]!, 2);
      expect(almost.mapCenters[i * 3 + 1]).toBeCloseTo(collapsed.mapCenters[1]!, 2);
    }
    expect(Array.from(almost.mapChannels)).toEqual(Array.from(grid.mapChannels));
    const opening = computeArrangementMorph(collapsed, grid, 0.5);
    expect(opening.mapCount).toBe(16);
    expect(opening.mapCenters[0]).toBeCloseTo((collapsed.mapCenters[0]! + grid.mapCenters[0]!) / 2, 5);
  });

  it('updateMorphedMapCenters writes the same centres into a reused buffer', () => {
    const out = new Float32Array(64 * 3);
    expect(updateMorphedMapCenters(grid, collapsed, 0.3, out)).toBe(16);
    expect(Array.from(out.subarray(0, 48))).toEqual(Array.from(computeArrangementMorph(grid, collapsed, 0.3).mapCenters));
    expect(() => updateMorphedMapCenters(grid, line, 0.3, new Float32Array(3))).toThrow(/needs 16/);
  });
});

describe('computeLayoutMorph', () => {
  it('morphs the whole network and recomputes its bounding box; endpoints are exact', () => {
    const a = layoutWith({ arrangement: 'line' });
    const b = layoutWith({ arrangement: 'circle' });
    expect(computeLayoutMorph(a, b, 0)).toBe(a);
    expect(computeLayoutMorph(a, b, 1)).toBe(b);
    const mid = computeLayoutMorph(a, b, 0.5);
    expect(mid.layers).toHaveLength(a.layers.length);
    expect(findOverlappingLayers(mid)).toEqual([]);
    expect(mid.max[0]).toBeLessThanOrEqual(Math.max(a.max[0], b.max[0]) + 1e-6);
  });
});
