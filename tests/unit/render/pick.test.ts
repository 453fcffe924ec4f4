import { describe, expect, it } from 'vitest';
import { computeNetworkLayout } from '../../../src/layout/network-layout';
import type { NetworkLayout } from '../../../src/layout/types';
import { DEFAULT_LAYER_VIEW } from '../../../src/domain/view-settings';
import type { LayerViewSettings, MapArrangement } from '../../../src/domain/view-settings';
import { computePick } from '../../../src/render/pick/pick-network';
import { computeRayBoxEntry, computeRaySphere } from '../../../src/render/pick/ray-tests';
import { computeWorldPoint } from '../../../src/render/pick/world-point';
import { createMnistNetwork } from './fixtures';

const network = createMnistNetwork();

function layoutWith(arrangement: MapArrangement, collapsed = false): NetworkLayout {
  const views: LayerViewSettings[] = network.layers.map(() => ({ ...DEFAULT_LAYER_VIEW, arrangement, collapsed }));
  return computeNetworkLayout(network, views);
}

/** A ray from just in front (+z) of a point, looking down -z. */
function pickAt(layout: NetworkLayout, p: readonly number[]) {
  return computePick(layout, [p[0]!, p[1]!, p[2]! + 0.005], [0, 0, -1]);
}

describe('ray tests', () => {
  it('box: entry parameter, inside origin, miss', () => {
    expect(computeRayBoxEntry(0, 0, 5, 0, 0, -1, 0, 0, 0, 1, 1, 1)).toBeCloseTo(4);
    expect(computeRayBoxEntry(0, 0, 0, 0, 0, -1, 0, 0, 0, 1, 1, 1)).toBe(0);
    expect(computeRayBoxEntry(3, 0, 5, 0, 0, -1, 0, 0, 0, 1, 1, 1)).toBe(Infinity);
    expect(computeRayBoxEntry(0, 0, -5, 0, 0, -1, 0, 0, 0, 1, 1, 1)).toBe(Infinity);
  });

  it('sphere: nearest hit, behind, miss', () => {
    expect(computeRaySphere(0, 0, 5, 0, 0, -1, 0, 0, 0, 1)).toBeCloseTo(4);
    expect(computeRaySphere(0, 0, -5, 0, 0, -1, 0, 0, 0, 1)).toBe(Infinity);
    expect(computeRaySphere(2, 0, 5, 0, 0, -1, 0, 0, 0, 1)).toBe(Infinity);
  });
});

describe('computePick round trips with computeWorldPoint', () => {
  for (const arrangement of ['line', 'grid', 'circle'] as const) {
    it(`returns the cell aimed at, for every map layer and several cells (${arrangement})`, () => {
      const layout = layoutWith(arrangement);
      let checked = 0;
      for (const layer of layout.layers) {
        if (layer.style !== 'maps') continue;
        const [rows, cols] = layer.geometryCells ?? layer.mapCells;
        for (let m = 0; m < layer.mapCount; m++) {
          const channel = layer.mapChannels[m]!;
          for (const [row, col] of [[0, 0], [rows - 1, cols - 1], [Math.floor(rows / 2), 1]] as const) {
            const p = computeWorldPoint(layout, { layerId: layer.layerId, channel, cell: { row, col } })!;
            const hit = pickAt(layout, p);
            expect(hit, `layer ${layer.layerId} map ${channel} cell ${row},${col}`).not.toBeNull();
            expect(hit!.target).toBe('map');
            expect([hit!.layerId, hit!.channel, hit!.cell!.row, hit!.cell!.col]).toEqual([layer.layerId, channel, row, col]);
            for (let a = 0; a < 3; a++) expect(Math.abs(hit!.point[a]! - p[a]!)).toBeLessThan(1e-5);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(100);
    });
  }

  it('picks the collapsed slab as channel -1 with the cell', () => {
    const layout = layoutWith('grid', true);
    const p = computeWorldPoint(layout, { layerId: 1, channel: -1, cell: { row: 3, col: 20 } })!;
    const hit = pickAt(layout, p)!;
    expect([hit.layerId, hit.channel, hit.cell!.row, hit.cell!.col]).toEqual([1, -1, 3, 20]);
  });

  it('picks dense nodes by unit, and blocks as the whole layer', () => {
    const layout = layoutWith('grid');
    for (const unit of [0, 31, 63]) {
      const p = computeWorldPoint(layout, { layerId: 6, channel: unit })!;
      const hit = pickAt(layout, p)!;
      expect([hit.target, hit.layerId, hit.channel, hit.cell]).toEqual(['node', 6, unit, null]);
    }
    const flatten = layout.layers[5]!;
    expect(flatten.style).toBe('block');
    const hit = pickAt(layout, flatten.center)!;
    expect([hit.target, hit.layerId]).toEqual(['block', 5]);
  });

  it('misses empty space, and reports a layer box crossed between its maps as the layer', () => {
    const layout = layoutWith('grid');
    expect(computePick(layout, [100, 100, 100], [0, 0, -1])).toBeNull();
    const conv2 = layout.layers[3]!;
    // Straight up through the box, parallel to the map planes: it can only cross the box.
    const origin = [conv2.center[0], conv2.center[1] - conv2.halfSize[1] - 1, conv2.center[2]];
    const hit = computePick(layout, origin, [0, 1, 0])!;
    expect([hit.target, hit.layerId, hit.cell]).toEqual(['layer', 3, null]);
    expect(hit.distance).toBeCloseTo(1, 3);
  });

  it('worldPoint: the layer centre, a map centre, and null for what is not drawn', () => {
    const layout = layoutWith('grid');
    expect(computeWorldPoint(layout, { layerId: 1 })).toEqual([...layout.layers[1]!.center]);
    const m = computeWorldPoint(layout, { layerId: 1, channel: 2 })!;
    expect(m).toEqual([...layout.layers[1]!.mapCenters.subarray(6, 9)]);
    expect(computeWorldPoint(layout, { layerId: 1, channel: 8 })).toBeNull();
    expect(computeWorldPoint(layout, { layerId: 1, channel: 0, cell: { row: 26, col: 0 } })).toBeNull();
    expect(computeWorldPoint(layout, { layerId: 99 })).toBeNull();
  });

  it('reuses the out object (no allocation per pick)', () => {
    const layout = layoutWith('grid');
    const first = pickAt(layout, computeWorldPoint(layout, { layerId: 1, channel: 0, cell: { row: 1, col: 1 } })!)!;
    const p = computeWorldPoint(layout, { layerId: 3, channel: 4, cell: { row: 2, col: 5 } })!;
    const again = computePick(layout, [p[0], p[1], p[2] + 0.005], [0, 0, -1], first)!;
    expect(again).toBe(first);
    expect([again.layerId, again.channel, again.cell!.row, again.cell!.col]).toEqual([3, 4, 2, 5]);
  });
});
