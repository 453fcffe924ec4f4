import { describe, expect, it } from 'vitest';
import type { LayerViewSettings, MapArrangement } from '../../../src/domain/view-settings';
import { DEFAULT_LAYER_VIEW } from '../../../src/domain/view-settings';
import { LayoutError } from '../../../src/layout/layout-error';
import { computeNetworkLayout } from '../../../src/layout/network-layout';
import { computeTableTopScale } from '../../../src/layout/room-scale';
import type { LayerLayout } from '../../../src/layout/types';
import { contentsInsideBox, findOverlappingLayers, findOverlappingMaps } from './layout-checks';
import { buildNetwork, conv, createBranchedNetwork, createLargeNetwork, createMnistNetwork, createWideNetwork, pool } from './networks';

const views = (n: number, patch: Partial<LayerViewSettings> = {}): LayerViewSettings[] => Array.from({ length: n }, () => ({ ...DEFAULT_LAYER_VIEW, ...patch }));

describe('computeNetworkLayout: the default MNIST network at room scale', () => {
  const network = createMnistNetwork();
  const layout = computeNetworkLayout(network, views(network.layers.length));

  it('is a walkable path a few metres long along -z from z = 0, centred on x = 0, at comfortable heights', () => {
    expect(layout.max[2]).toBeCloseTo(0, 6);
    expect(-layout.min[2]).toBeGreaterThan(2.5);
    expect(-layout.min[2]).toBeLessThan(8);
    expect(layout.min[0] + layout.max[0]).toBeCloseTo(0, 6);
    expect(layout.min[1]).toBeGreaterThanOrEqual(0.5);
    expect(layout.max[1]).toBeLessThanOrEqual(2.2);
    for (const layer of layout.layers) {
      expect(layer.center[1]).toBeGreaterThan(1.3);
      expect(layer.center[1]).toBeLessThan(1.5);
    }
    // Layers come one after another along -z in network order.
    for (let i = 1; i < layout.layers.length; i++) expect(layout.layers[i]!.center[2]).toBeLessThan(layout.layers[i - 1]!.center[2]);
  });

  it('draws image layers as maps, flatten as a thin block, dense layers as nodes', () => {
    expect(layout.layers.map((l) => l.style)).toEqual(['maps', 'maps', 'maps', 'maps', 'maps', 'block', 'nodes', 'nodes']);
    expect(layout.layers.map((l) => l.mapCount)).toEqual([1, 8, 8, 16, 16, 0, 0, 0]);
    expect(layout.layers.map((l) => l.nodeCount)).toEqual([0, 0, 0, 0, 0, 0, 64, 10]);
    expect(layout.layers[1]!.mapCells).toEqual([26, 26]);
    expect(layout.layers[5]!.halfSize[0]).toBeLessThan(0.05);
    // Bigger maps are drawn bigger: 28x28 input > 13x13 pool > 5x5 pool, which is still visible.
    expect(layout.layers[0]!.mapSize[0]).toBeGreaterThan(layout.layers[2]!.mapSize[0]);
    expect(layout.layers[2]!.mapSize[0]).toBeGreaterThan(layout.layers[4]!.mapSize[0]);
    expect(layout.layers[4]!.mapSize[0]).toBeGreaterThanOrEqual(0.05);
  });

  it('gives the output layer a column of nodes with label and bar anchors inside its box', () => {
    const output = layout.layers[7]!;
    expect(output.output).toBeDefined();
    const anchors = output.output!;
    expect(anchors.labelAnchors.length).toBe(30);
    for (let i = 0; i < 10; i++) {
      const y = output.nodeCenters[i * 3 + 1]!;
      expect(anchors.labelAnchors[i * 3 + 1]).toBeCloseTo(y, 6);
      expect(anchors.labelAnchors[i * 3]!).toBeLessThan(output.nodeCenters[i * 3]! - output.nodeRadius);
      expect(anchors.barOrigins[i * 3]!).toBeGreaterThan(output.nodeCenters[i * 3]! + output.nodeRadius);
      expect(anchors.barOrigins[i * 3]! + anchors.barMaxLength).toBeLessThanOrEqual(output.center[0] + output.halfSize[0] + 1e-6);
      if (i > 0) expect(y).toBeLessThan(output.nodeCenters[(i - 1) * 3 + 1]!);
    }
    expect(layout.layers[6]!.output).toBeUndefined();
  });
});

describe('computeNetworkLayout: nothing overlaps in any arrangement', () => {
  const arrangements: MapArrangement[] = ['line', 'grid', 'circle'];
  const networks = [createMnistNetwork(), createWideNetwork(), createBranchedNetwork()];
  for (const network of networks) {
    for (const arrangement of arrangements) {
      it(`${network.name}, ${arrangement}`, () => {
        const layout = computeNetworkLayout(network, views(network.layers.length, { arrangement }));
        expect(findOverlappingLayers(layout)).toEqual([]);
        for (const layer of layout.layers) {
          expect(findOverlappingMaps(layer)).toEqual([]);
          expect(contentsInsideBox(layer)).toBe(true);
          // Room scale: every layer stays at comfortable heights.
          expect(layer.center[1] - layer.halfSize[1]).toBeGreaterThanOrEqual(0.5);
          expect(layer.center[1] + layer.halfSize[1]).toBeLessThanOrEqual(2.2);
        }
      });
    }
  }

  it('wide layers (64 and 128 maps) shrink their maps to fit instead of growing past the limits', () => {
    const network = createWideNetwork();
    for (const arrangement of arrangements) {
      const layout = computeNetworkLayout(network, views(network.layers.length, { arrangement }));
      const conv2 = layout.layers[3]!;
      expect(conv2.mapCount).toBe(128);
      expect(conv2.halfSize[1] * 2).toBeLessThanOrEqual(1.5 + 1e-6);
      expect(conv2.halfSize[0] * 2).toBeLessThanOrEqual(6 + 1e-6);
    }
  });

  it('the large benchmark network (12 x 256 maps, dense 4096) has no overlaps either', () => {
    const network = createLargeNetwork();
    const layout = computeNetworkLayout(network, views(network.layers.length));
    expect(findOverlappingLayers(layout)).toEqual([]);
    expect(findOverlappingMaps(layout.layers[1]!)).toEqual([]);
    expect(layout.layers[14]!.nodeCount).toBe(4096);
    expect(contentsInsideBox(layout.layers[14]!)).toBe(true);
  });
});

describe('computeNetworkLayout: view settings', () => {
  const network = createMnistNetwork();

  it('a collapsed layer is one slab showing the aggregate (channel -1) at the layer centre', () => {
    const v = views(network.layers.length);
    v[3] = { ...v[3]!, collapsed: true };
    const layout = computeNetworkLayout(network, v);
    const conv2 = layout.layers[3]!;
    expect(conv2.mapCount).toBe(1);
    expect(Array.from(conv2.mapChannels)).toEqual([-1]);
    expect(Array.from(conv2.mapCenters)).toEqual(Array.from(new Float32Array(conv2.center)));
    expect(conv2.mapSize[0]).toBeGreaterThan(0.05);
    expect(layout.layers[1]!.mapCount).toBe(8);
  });

  it('a user offset moves the layer, its maps and the bounding box', () => {
    const base = computeNetworkLayout(network, views(network.layers.length));
    const v = views(network.layers.length);
    v[1] = { ...v[1]!, offset: [0.5, -0.2, 0.1] };
    const moved = computeNetworkLayout(network, v);
    const a = base.layers[1]!;
    const b = moved.layers[1]!;
    expect(b.center[0] - a.center[0]).toBeCloseTo(0.5, 6);
    expect(b.center[1] - a.center[1]).toBeCloseTo(-0.2, 6);
    for (let i = 0; i < a.mapCount; i++) expect(b.mapCenters[i * 3]! - a.mapCenters[i * 3]!).toBeCloseTo(0.5, 5);
    expect(moved.max[0]).toBeGreaterThan(base.max[0]);
    expect(moved.layers[2]).toEqual(base.layers[2]);
  });

  it('is deterministic: the same input gives identical arrays', () => {
    const v = views(network.layers.length, { arrangement: 'circle' });
    expect(computeNetworkLayout(network, v)).toEqual(computeNetworkLayout(network, v));
    const wide = createWideNetwork();
    expect(computeNetworkLayout(wide, [])).toEqual(computeNetworkLayout(wide, views(wide.layers.length)));
  });

  it('rejects views for a different network and layers out of order with a LayoutError', () => {
    expect(() => computeNetworkLayout(network, views(network.layers.length + 1))).toThrow(LayoutError);
    const bad = { ...network, layers: network.layers.map((l, i) => (i === 2 ? { ...l, inputs: [5] } : l)) };
    expect(() => computeNetworkLayout(bad, [])).toThrow(/does not come before it/);
  });

  it('table-top scale maps the longest extent to the target length', () => {
    const layout = computeNetworkLayout(network, []);
    const scale = computeTableTopScale(layout.min, layout.max, 0.5);
    expect(scale * (layout.max[2] - layout.min[2])).toBeCloseTo(0.5, 6);
  });
});

describe('computeNetworkLayout: branched models', () => {
  const network = createBranchedNetwork();
  const layout = computeNetworkLayout(network, []);
  const [input, a1, b1, b2, concat] = [0, 1, 2, 3, 4].map((i) => layout.layers[i]!) as [LayerLayout, LayerLayout, LayerLayout, LayerLayout, LayerLayout];

  it('lays parallel branches side by side in x and keeps a chain in its lane', () => {
    expect(a1.center[2]).toBeCloseTo(b1.center[2], 6);
    expect(Math.abs(a1.center[0] - b1.center[0])).toBeGreaterThanOrEqual(a1.halfSize[0] + b1.halfSize[0]);
    expect(a1.center[0] + b1.center[0]).toBeCloseTo(2 * input.center[0], 6);
    expect(b2.center[0]).toBeCloseTo(b1.center[0], 6);
    expect(b2.center[2]).toBeLessThan(b1.center[2]);
  });

  it('rejoins at the merge layer, after the longest branch, between the branches', () => {
    expect(concat.center[2]).toBeLessThan(b2.center[2]);
    expect(concat.center[0]).toBeCloseTo((a1.center[0] + b2.center[0]) / 2, 6);
    expect(concat.mapCount).toBe(16);
  });
});

describe('computeNetworkLayout: more graph shapes', () => {
  it('packs four parallel branches without overlap, symmetric about their common input', () => {
    const network = buildNetwork('inception', [
      { name: 'input', kind: 'input', outputShape: [14, 14, 4] },
      conv('b1', 14, 14, 4, 4, 1, { inputs: [0], padding: 'same' }),
      conv('b2', 14, 14, 8, 4, 3, { inputs: [0], padding: 'same' }),
      conv('b3', 14, 14, 2, 4, 5, { inputs: [0], padding: 'same' }),
      pool('b4', 14, 14, 4, { inputs: [0], strides: [1, 1], padding: 'same' }),
      { name: 'concat', kind: 'concatenate', outputShape: [14, 14, 18], inputs: [1, 2, 3, 4] },
    ]);
    const layout = computeNetworkLayout(network, []);
    expect(findOverlappingLayers(layout)).toEqual([]);
    const branches = [1, 2, 3, 4].map((i) => layout.layers[i]!);
    for (const b of branches) expect(b.center[2]).toBeCloseTo(branches[0]!.center[2], 6);
    const xs = branches.map((b) => b.center[0]);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    const left = branches[0]!.center[0] - branches[0]!.halfSize[0];
    const right = branches[3]!.center[0] + branches[3]!.halfSize[0];
    expect(left + right).toBeCloseTo(0, 6);
    expect(layout.layers[5]!.center[0]).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / 4, 6);
  });

  it('places two inputs side by side and a residual merge after its longest path', () => {
    const network = buildNetwork('two-inputs', [
      { name: 'image', kind: 'input', outputShape: [8, 8, 1] },
      { name: 'extra', kind: 'input', outputShape: [16], inputs: [] },
      conv('c1', 8, 8, 4, 1, 3, { inputs: [0], padding: 'same' }),
      conv('c2', 8, 8, 4, 4, 3, { inputs: [2], padding: 'same' }),
      { name: 'add', kind: 'add', outputShape: [8, 8, 4], inputs: [2, 3] },
      { name: 'gap', kind: 'global-avg-pool2d', outputShape: [4], inputs: [4] },
      { name: 'join', kind: 'concatenate', outputShape: [20], inputs: [5, 1] },
    ]);
    const layout = computeNetworkLayout(network, []);
    expect(findOverlappingLayers(layout)).toEqual([]);
    expect(layout.layers[0]!.center[2]).toBeCloseTo(layout.layers[1]!.center[2], 6);
    expect(layout.layers[0]!.center[0]).not.toBeCloseTo(layout.layers[1]!.center[0], 3);
    expect(layout.layers[4]!.center[2]).toBeLessThan(layout.layers[3]!.center[2]);
    expect(layout.layers[1]!.style).toBe('nodes');
    expect(layout.layers[6]!.output).toBeDefined();
  });
});
