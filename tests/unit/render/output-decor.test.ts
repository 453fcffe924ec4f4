import { describe, expect, it } from 'vitest';
import type { LayerLayout } from '../../../src/layout/types';
import { computeOutputDecor, createOutputDecor } from '../../../src/render/output-decor';

function column(n: number, output?: LayerLayout['output']): LayerLayout {
  const nodeCenters = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) nodeCenters.set([1, 2 - i * 0.1, -4], i * 3);
  return {
    layerId: 7,
    style: 'nodes',
    center: [1, 1.55, -4],
    halfSize: [0.1, 0.5, 0.02],
    mapCount: 0,
    mapCenters: new Float32Array(0),
    mapChannels: new Int32Array(0),
    mapSize: [0, 0],
    mapCells: [0, 0],
    nodeCount: n,
    nodeCenters,
    nodeRadius: 0.02,
    ...(output ? { output } : {}),
  };
}

describe('computeOutputDecor', () => {
  it('without layout anchors: bars start right of each node and grow along +x, labels sit left of it', () => {
    const decor = computeOutputDecor(column(10), 0.04, createOutputDecor(10));
    expect(decor.barDirection[0]).toBeGreaterThan(0);
    expect([decor.barDirection[1], decor.barDirection[2]]).toEqual([0, 0]);
    for (let i = 0; i < 10; i++) {
      expect(decor.barBases[i * 3]).toBeGreaterThan(1);
      expect(decor.labelAnchors[i * 3]).toBeLessThan(1);
      expect(decor.barBases[i * 3 + 1]).toBeCloseTo(2 - i * 0.1, 5);
    }
  });

  it("uses the layout's OutputAnchors when present", () => {
    const labelAnchors = new Float32Array(30).fill(5);
    const barOrigins = new Float32Array(30).fill(6);
    const decor = computeOutputDecor(
      column(10, { labelAnchors, barOrigins, barDirection: [0, 1, 0], barMaxLength: 0.3, barHeight: 0.02 }),
      0.04,
      createOutputDecor(10),
    );
    expect([...decor.barBases]).toEqual([...barOrigins]);
    expect([...decor.labelAnchors]).toEqual([...labelAnchors]);
    expect(decor.barDirection).toEqual([0, 0.3, 0]);
    expect(decor.barWidth).toBe(0.02);
  });
});
