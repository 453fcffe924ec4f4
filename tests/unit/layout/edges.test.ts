import { describe, expect, it } from 'vitest';
import type { TensorData } from '../../../src/domain/recording';
import { DEFAULT_EDGE_SETTINGS, DEFAULT_LAYER_VIEW } from '../../../src/domain/view-settings';
import { computeEdgeSelection } from '../../../src/layout/edge-filter';
import { computeEdgeStrengths, computeEdges } from '../../../src/layout/edges';
import { computeNetworkLayout } from '../../../src/layout/network-layout';
import type { EdgeSet } from '../../../src/layout/types';
import { computeCellPosition } from '../../../src/layout/unit-positions';
import { createBranchedNetwork, createMnistNetwork, createWeights } from './networks';

const network = createMnistNetwork();
const weights = createWeights(network, 7);
const all = { topK: 1e9, threshold: 0 };
const find = (sets: EdgeSet[], target: number) => sets.find((s) => s.targetLayer === target)!;
const point = (s: EdgeSet, e: number, end: 0 | 1) => Array.from(s.points.subarray((e * s.pointsPerEdge + end * (s.pointsPerEdge - 1)) * 3, (e * s.pointsPerEdge + end * (s.pointsPerEdge - 1)) * 3 + 3));

describe('computeEdgeSelection', () => {
  it('keeps the top-k by |value| above the threshold, in index order, ties to the lower index', () => {
    const values = new Float32Array([0.1, -0.9, 0.5, 0.5, -0.05, 0.8]);
    expect(Array.from(computeEdgeSelection(values, 3, 0).indices)).toEqual([1, 2, 5]);
    expect(Array.from(computeEdgeSelection(values, 10, 0.5).indices)).toEqual([1, 2, 3, 5]);
    expect(computeEdgeSelection(values, 10, 0).maxAbs).toBeCloseTo(0.9, 6);
    expect(computeEdgeSelection(values, 0, 0).indices.length).toBe(0);
  });
});

describe('computeEdges', () => {
  const layout = computeNetworkLayout(network, []);
  const sets = computeEdges(network, layout, weights, all);

  it('makes a set for every drawn layer pair', () => {
    expect(sets.map((s) => [s.sourceLayer, s.targetLayer])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [5, 6],
      [6, 7],
    ]);
    expect(sets.map((s) => s.count)).toEqual([8, 8, 128, 16, 400 * 64, 640]);
  });

  it('dense edges: strength = kernel[i, j] / max |kernel|, from input node i to output node j', () => {
    const s = find(sets, 7);
    const kernel = weights[7]![0]!.data;
    const maxAbs = kernel.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    for (const e of [0, 17, 639]) {
      const i = s.sourceIndex[e]!;
      const j = s.targetIndex[e]!;
      expect(s.strength[e]).toBeCloseTo(kernel[i * 10 + j]! / maxAbs, 6);
      expect(point(s, e, 0)).toEqual(Array.from(layout.layers[6]!.nodeCenters.subarray(i * 3, i * 3 + 3)));
      expect(point(s, e, 1)).toEqual(Array.from(layout.layers[7]!.nodeCenters.subarray(j * 3, j * 3 + 3)));
    }
  });

  it('flatten -> dense edges start at the pooled cell the flattened unit comes from (HWC order)', () => {
    const s = find(sets, 6);
    const e = s.sourceIndex.indexOf(3 * 5 * 16 + 2 * 16 + 9); // row 3, col 2, channel 9
    const expected = new Float32Array(3);
    computeCellPosition(layout.layers[4]!, 9, 3, 2, expected, 0);
    expect(point(s, e, 0)).toEqual(Array.from(expected));
  });

  it('conv channel edges: one per kernel slice, strength = signed L2 norm / max, between map centres', () => {
    const s = find(sets, 3);
    const kernel = weights[3]![0]!.data; // [3, 3, 8, 16]
    const norms = new Float32Array(128);
    for (let i = 0; i < 8; i++) {
      for (let o = 0; o < 16; o++) {
        let sum = 0;
        let sq = 0;
        for (let t = 0; t < 9; t++) {
          const v = kernel[t * 128 + i * 16 + o]!;
          sum += v;
          sq += v * v;
        }
        norms[i * 16 + o] = Math.sign(sum) * Math.sqrt(sq);
      }
    }
    const maxAbs = norms.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    for (let e = 0; e < s.count; e++) {
      const i = s.sourceIndex[e]!;
      const o = s.targetIndex[e]!;
      expect(s.strength[e]).toBeCloseTo(norms[i * 16 + o]! / maxAbs, 5);
      expect(point(s, e, 0)).toEqual(Array.from(layout.layers[2]!.mapCenters.subarray(i * 3, i * 3 + 3)));
      expect(point(s, e, 1)).toEqual(Array.from(layout.layers[3]!.mapCenters.subarray(o * 3, o * 3 + 3)));
    }
  });

  it('pooling connects each map one-to-one to the same map of the conv before it', () => {
    const s = find(sets, 2);
    expect(Array.from(s.sourceIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Array.from(s.targetIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Array.from(s.strength)).toEqual(new Array(8).fill(1));
    expect(s.connection).toBe('one-to-one');
    expect(find(sets, 3).connection).toBe('weighted');
  });

  it('filters by the default settings to a readable number of edges', () => {
    const filtered = computeEdges(network, layout, weights, DEFAULT_EDGE_SETTINGS);
    const dense = find(filtered, 6);
    expect(dense.count).toBeLessThanOrEqual(DEFAULT_EDGE_SETTINGS.topK);
    const floor = Math.min(...Array.from(dense.strength, Math.abs));
    expect(floor).toBeGreaterThanOrEqual(DEFAULT_EDGE_SETTINGS.threshold);
    // The kept edges are the strongest: nothing dropped is stronger than the weakest kept.
    const kernel = weights[6]![0]!.data;
    const maxAbs = kernel.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const stronger = kernel.filter((v) => Math.abs(v) / maxAbs > floor + 1e-6).length;
    expect(stronger).toBeLessThanOrEqual(dense.count);
  });

  it('edge endpoints follow user offsets, arrangements and collapse', () => {
    const views = network.layers.map(() => ({ ...DEFAULT_LAYER_VIEW }));
    views[3] = { ...views[3]!, offset: [0.3, 0.1, -0.2], arrangement: 'circle' };
    views[2] = { ...views[2]!, collapsed: true };
    const moved = computeNetworkLayout(network, views);
    const conv = find(computeEdges(network, moved, weights, all), 3);
    for (let e = 0; e < conv.count; e++) {
      const o = conv.targetIndex[e]!;
      expect(point(conv, e, 1)).toEqual(Array.from(moved.layers[3]!.mapCenters.subarray(o * 3, o * 3 + 3)));
      expect(point(conv, e, 0)).toEqual(Array.from(moved.layers[2]!.mapCenters.subarray(0, 3)));
    }
    const base = find(sets, 3);
    expect(point(conv, 0, 1)[0]).not.toBeCloseTo(point(base, 0, 1)[0]!, 3);
  });

  it('computeEdgeStrengths recolours the same edges from another epoch\'s weights', () => {
    const other = createWeights(network, 99);
    const kept = find(computeEdges(network, layout, weights, DEFAULT_EDGE_SETTINGS), 6);
    const fresh = find(computeEdges(network, layout, other, all), 6);
    const strengths = computeEdgeStrengths(network, kept, other);
    for (let e = 0; e < kept.count; e++) {
      const index = kept.sourceIndex[e]! * 64 + kept.targetIndex[e]!;
      expect(strengths[e]).toBeCloseTo(fresh.strength[index]!, 6);
    }
  });

  it('selectionWeights keep the same edges across epochs, coloured by each epoch\'s weights', () => {
    const last = createWeights(network, 99);
    const chosen = computeEdges(network, layout, last, DEFAULT_EDGE_SETTINGS);
    const early = computeEdges(network, layout, weights, DEFAULT_EDGE_SETTINGS, last);
    expect(early.map((s) => s.count)).toEqual(chosen.map((s) => s.count));
    early.forEach((set, i) => {
      expect(set.sourceIndex).toEqual(chosen[i]!.sourceIndex);
      expect(set.targetIndex).toEqual(chosen[i]!.targetIndex);
      expect(set.points).toEqual(chosen[i]!.points);
      expect(set.strength).toEqual(computeEdgeStrengths(network, set, weights));
    });
    // Without it, the early weights pick other edges.
    const own = find(computeEdges(network, layout, weights, DEFAULT_EDGE_SETTINGS), 6);
    expect(own.sourceIndex).not.toEqual(find(early, 6).sourceIndex);
  });

  it('concatenate maps each branch into its own channel range', () => {
    const branched = createBranchedNetwork();
    const bl = computeNetworkLayout(branched, []);
    const bsets = computeEdges(branched, bl, createWeights(branched), all);
    const intoConcat = bsets.filter((s) => s.targetLayer === 4);
    expect(intoConcat.map((s) => s.sourceLayer)).toEqual([1, 3]);
    expect(Array.from(intoConcat[1]!.targetIndex)).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
  });

  it('ignores layers without weights and throws on a kernel of the wrong size', () => {
    const noWeights: TensorData[][] = network.layers.map(() => []);
    expect(computeEdges(network, layout, noWeights, all).map((s) => s.targetLayer)).toEqual([2, 4]);
    const bad = weights.map((w, i) => (i === 6 ? [{ shape: [3], data: new Float32Array(3) }] : w));
    expect(() => computeEdges(network, layout, bad, all)).toThrow(/dense layer "dense1"/);
  });
});

describe('computeEdges on capped layers', () => {
  it('drops edges to units and maps a display cap left out', () => {
    const base = createMnistNetwork();
    const network = {
      ...base,
      layers: base.layers.map((l) =>
        l.id === 6 ? { ...l, cap: { recordedShape: [32], note: 'first 32 of 64 units' } } : l.id === 3 ? { ...l, cap: { recordedShape: [11, 11, 12], note: 'first 12 of 16 maps' } } : l,
      ),
    };
    const layout = computeNetworkLayout(network, []);
    expect(layout.layers[6]!.nodeCount).toBe(32);
    expect(layout.layers[3]!.mapCount).toBe(12);
    const sets = computeEdges(network, layout, createWeights(network), all);
    const dense = find(sets, 6);
    expect(dense.count).toBe(400 * 32);
    expect(Math.max(...Array.from(dense.targetIndex))).toBe(31);
    expect(find(sets, 7).count).toBe(32 * 10);
    expect(find(sets, 3).count).toBe(8 * 12);
    expect(dense.points.every(Number.isFinite)).toBe(true);
  });
});
