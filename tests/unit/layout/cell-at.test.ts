import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYER_VIEW } from '../../../src/domain/view-settings';
import type { MapArrangement } from '../../../src/domain/view-settings';
import type { CellHit } from '../../../src/layout/cell-at';
import { updateCellAt } from '../../../src/layout/cell-at';
import { computeNetworkLayout } from '../../../src/layout/network-layout';
import { computeCellPosition } from '../../../src/layout/unit-positions';
import { createMnistNetwork } from './networks';

describe('updateCellAt', () => {
  const network = createMnistNetwork();
  for (const arrangement of ['line', 'grid', 'circle'] as MapArrangement[]) {
    it(`round-trips every cell centre of conv2 (${arrangement})`, () => {
      const layout = computeNetworkLayout(
        network,
        network.layers.map(() => ({ ...DEFAULT_LAYER_VIEW, arrangement })),
      );
      const layer = layout.layers[3]!;
      const p = new Float32Array(3);
      const hit: CellHit = { map: -1, channel: -1, row: -1, col: -1 };
      for (let c = 0; c < 16; c++) {
        for (let row = 0; row < 11; row += 2) {
          for (let col = 0; col < 11; col += 3) {
            computeCellPosition(layer, c, row, col, p, 0);
            expect(updateCellAt(layer, p[0]!, p[1]!, hit)).toBe(true);
            expect(hit).toEqual({ map: c, channel: c, row, col });
          }
        }
      }
      // Between maps and outside the layer nothing is hit.
      expect(updateCellAt(layer, layer.center[0] + layer.halfSize[0] + 0.01, layer.center[1], hit)).toBe(false);
    });
  }

  it('reports the aggregate slab of a collapsed layer as channel -1', () => {
    const views = network.layers.map(() => ({ ...DEFAULT_LAYER_VIEW }));
    views[1] = { ...views[1]!, collapsed: true };
    const layer = computeNetworkLayout(network, views).layers[1]!;
    const hit: CellHit = { map: -1, channel: -1, row: -1, col: -1 };
    // A quarter cell right of and below the centre (the centre itself is on a cell border of 26 x 26).
    const cell = layer.mapSize[0] / 26;
    expect(updateCellAt(layer, layer.center[0] + cell / 4, layer.center[1] - cell / 4, hit)).toBe(true);
    expect(hit).toEqual({ map: 0, channel: -1, row: 13, col: 13 });
  });
});
