import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYER_VIEW } from '../../../src/domain/view-settings';
import { LayoutError } from '../../../src/layout/layout-error';
import { computeNetworkLayout } from '../../../src/layout/network-layout';
import { computeReceptiveField } from '../../../src/layout/receptive-field';
import { computeCellPosition } from '../../../src/layout/unit-positions';
import { buildNetwork, conv, createBranchedNetwork, createMnistNetwork } from './networks';

const network = createMnistNetwork();
const layout = computeNetworkLayout(network, []);

describe('computeReceptiveField', () => {
  it('a conv cell depends on the k x k patch below it, in every input map, traced back to the input', () => {
    const field = computeReceptiveField(network, layout, { layerId: 3, channel: 5, row: 4, col: 7 });
    // conv2 (3x3) -> pool1 rows 4..6, cols 7..9, all 8 maps.
    expect(field.steps[0]).toEqual({ layerId: 2, rowStart: 4, rowEnd: 6, colStart: 7, colEnd: 9, channel: -1 });
    // pool1 (2x2, stride 2) -> conv1 rows 8..13; conv1 (3x3) -> input rows 8..15 (an 8x8 patch).
    expect(field.steps[1]).toEqual({ layerId: 1, rowStart: 8, rowEnd: 13, colStart: 14, colEnd: 19, channel: -1 });
    expect(field.steps[2]).toEqual({ layerId: 0, rowStart: 8, rowEnd: 15, colStart: 14, colEnd: 21, channel: -1 });
    expect(field.steps).toHaveLength(3);
    // One patch per map of each step: 8 + 8 + 1.
    expect(Array.from(field.patchSteps)).toEqual([...new Array(8).fill(0), ...new Array(8).fill(1), 2]);
    // Segments: from the cell to the 4 corners of each of the 8 patches on pool1.
    expect(field.segments.length).toBe(8 * 4 * 6);
    const cell = new Float32Array(3);
    computeCellPosition(layout.layers[3]!, 5, 4, 7, cell, 0);
    expect(Array.from(field.cell)).toEqual(Array.from(cell));
    expect(Array.from(field.segments.subarray(0, 3))).toEqual(Array.from(cell));
  });

  it('patch corners are the outer corners of the first and last patch cells', () => {
    const field = computeReceptiveField(network, layout, { layerId: 1, channel: 0, row: 0, col: 0 });
    expect(field.steps).toEqual([{ layerId: 0, rowStart: 0, rowEnd: 2, colStart: 0, colEnd: 2, channel: -1 }]);
    const input = layout.layers[0]!;
    const cellWidth = input.mapSize[0] / 28;
    const first = new Float32Array(3);
    computeCellPosition(input, 0, 0, 0, first, 0);
    // Top-left corner: half a cell up and left of cell (0, 0); bottom-right: half a cell past cell (2, 2).
    expect(field.patchCorners[0]).toBeCloseTo(first[0]! - cellWidth / 2, 5);
    expect(field.patchCorners[1]).toBeCloseTo(first[1]! + cellWidth / 2, 5);
    expect(field.patchCorners[6]).toBeCloseTo(first[0]! + 2.5 * cellWidth, 5);
    expect(field.patchCorners[7]).toBeCloseTo(first[1]! - 2.5 * cellWidth, 5);
    expect(field.patchCorners[6]! - field.patchCorners[0]!).toBeCloseTo(3 * cellWidth, 5);
  });

  it('a pool cell covers its own channel only', () => {
    const field = computeReceptiveField(network, layout, { layerId: 4, channel: 11, row: 2, col: 3 });
    expect(field.steps[0]).toEqual({ layerId: 3, rowStart: 4, rowEnd: 5, colStart: 6, colEnd: 7, channel: 11 });
    expect(field.segments.length).toBe(4 * 6);
  });

  it("'same' padding centres the patch and clips it at the border; strides and dilation widen it", () => {
    const net = buildNetwork('same', [
      { name: 'input', kind: 'input', outputShape: [10, 10, 1] },
      conv('c', 5, 5, 2, 1, 3, { padding: 'same', strides: [2, 2] }),
      conv('d', 5, 5, 2, 2, 3, { padding: 'same', dilation: [2, 2] }),
    ]);
    const l = computeNetworkLayout(net, []);
    // 'same', stride 2, in 10 out 5: total pad = max(4*2 + 3 - 10, 0) = 1, top 0: rows 2r .. 2r+2.
    expect(computeReceptiveField(net, l, { layerId: 1, channel: 0, row: 4, col: 0 }).steps[0]).toMatchObject({ rowStart: 8, rowEnd: 9, colStart: 0, colEnd: 2 });
    // dilation 2, 'same': pad total 4, top 2: rows r-2 .. r+2 clipped.
    expect(computeReceptiveField(net, l, { layerId: 2, channel: 1, row: 0, col: 2 }).steps[0]).toMatchObject({ rowStart: 0, rowEnd: 2, colStart: 0, colEnd: 4 });
  });

  it('follows the branch holding the channel through a concatenation', () => {
    const branched = createBranchedNetwork();
    const l = computeNetworkLayout(branched, []);
    const field = computeReceptiveField(branched, l, { layerId: 4, channel: 12, row: 10, col: 10 });
    expect(field.steps.map((s) => s.layerId)).toEqual([3, 2, 0]);
    expect(field.steps[0]).toMatchObject({ channel: 4, rowStart: 10, rowEnd: 10 });
    expect(field.steps[2]).toMatchObject({ rowStart: 7, rowEnd: 13 });
  });

  it('draws patches on the slab of a collapsed layer', () => {
    const views = network.layers.map(() => ({ ...DEFAULT_LAYER_VIEW }));
    views[2] = { ...views[2]!, collapsed: true };
    const field = computeReceptiveField(network, computeNetworkLayout(network, views), { layerId: 3, channel: 0, row: 0, col: 0 });
    expect(Array.from(field.patchSteps).filter((s) => s === 0)).toHaveLength(1);
  });

  it('rejects cells outside the layer and layers without maps', () => {
    expect(() => computeReceptiveField(network, layout, { layerId: 3, channel: 16, row: 0, col: 0 })).toThrow(LayoutError);
    expect(() => computeReceptiveField(network, layout, { layerId: 3, channel: 0, row: 11, col: 0 })).toThrow(/outside layer "conv2"/);
    expect(() => computeReceptiveField(network, layout, { layerId: 6, channel: 0, row: 0, col: 0 })).toThrow(/no feature maps/);
  });
});
