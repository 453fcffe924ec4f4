import { describe, expect, it } from 'vitest';
import { Group, Vector3 } from 'three';
import type { LayerLayout, NetworkLayout } from '../../../src/layout/types';
import { computePick } from '../../../src/render/pick/pick-network';
import { createViewPicker } from '../../../src/xr/create-view-picker';
import { createNetworkHit } from '../../../src/xr/network-picker';

/** One maps layer at z = -1: two 0.2 m maps of 4x4 cells side by side (x = -0.15 and 0.15), centre height 1.4. */
function layout(collapsed = false): NetworkLayout {
  const layer: LayerLayout = {
    layerId: 0,
    style: 'maps',
    center: [0, 1.4, -1],
    halfSize: [0.25, 0.1, 0.005],
    mapCount: collapsed ? 1 : 2,
    mapCenters: collapsed ? new Float32Array([0, 1.4, -1]) : new Float32Array([-0.15, 1.4, -1, 0.15, 1.4, -1]),
    mapChannels: collapsed ? new Int32Array([-1]) : new Int32Array([0, 1]),
    mapSize: [0.2, 0.2],
    mapCells: [4, 4],
    nodeCount: 0,
    nodeCenters: new Float32Array(0),
    nodeRadius: 0,
  };
  return { layers: [layer], min: [-0.25, 1.3, -1.005], max: [0.25, 1.5, -0.995] };
}

function setup(collapsed = false, position = new Vector3(), scale = 1) {
  const placement = new Group();
  placement.position.copy(position);
  placement.scale.setScalar(scale);
  placement.updateMatrixWorld(true);
  const current = layout(collapsed);
  const picker = createViewPicker({ pick: (o, d, out) => computePick(current, o, d, out) }, placement, () => current);
  return picker;
}

describe('view picker (render pick in world space)', () => {
  it('a ray on a map cell is a cell hit, with world distance and point', () => {
    const picker = setup();
    const hit = createNetworkHit();
    // Cell (0, 3) of map 1: x = 0.15 + (3.5/4 - 0.5) * 0.2 = 0.225, y = 1.4 + (0.5 - 0.5/4) * 0.2 = 1.475.
    expect(picker.pick(new Vector3(0.225, 1.475, 0), new Vector3(0, 0, -1), hit)).toBe(true);
    expect(hit).toMatchObject({ kind: 'cell', layerId: 0, channel: 1, row: 0, col: 3 });
    expect(hit.distance).toBeCloseTo(1, 6);
  });

  it('between the maps and on a collapsed slab it is the layer', () => {
    const hit = createNetworkHit();
    expect(setup().pick(new Vector3(0, 1.4, 0), new Vector3(0, 0, -1), hit)).toBe(true);
    expect(hit.kind).toBe('layer');
    expect(setup(true).pick(new Vector3(0.05, 1.4, 0), new Vector3(0, 0, -1), hit)).toBe(true);
    expect(hit).toMatchObject({ kind: 'layer', channel: -1 });
    expect(setup().pick(new Vector3(2, 1.4, 0), new Vector3(0, 0, -1), hit)).toBe(false);
  });

  it('a nearer layer seen through its gap wins over a map of a farther layer behind it', () => {
    const near = layout().layers[0]!;
    const far: LayerLayout = { ...near, layerId: 1, center: [0, 1.4, -2], mapCenters: new Float32Array([0, 1.4, -2, 0.3, 1.4, -2]) };
    const both: NetworkLayout = { layers: [near, far], min: [-0.25, 1.3, -2.005], max: [0.4, 1.5, -0.995] };
    const placement = new Group();
    placement.updateMatrixWorld(true);
    const picker = createViewPicker({ pick: (o, d, out) => computePick(both, o, d, out) }, placement, () => both);
    const hit = createNetworkHit();
    expect(picker.pick(new Vector3(0, 1.4, 0), new Vector3(0, 0, -1), hit)).toBe(true);
    expect(hit).toMatchObject({ kind: 'layer', layerId: 0, channel: -1 });
    expect(hit.distance).toBeCloseTo(0.995, 6);
    expect(hit.point.z).toBeCloseTo(-0.995, 6);
    // From inside the near layer's box, the far layer's map is what the ray points at.
    expect(picker.pick(new Vector3(0, 1.4, -1), new Vector3(0, 0, -1), hit)).toBe(true);
    expect(hit).toMatchObject({ kind: 'cell', layerId: 1, channel: 0 });
  });

  it('follows the placement: moved and scaled network, distances in world metres', () => {
    const picker = setup(false, new Vector3(1, 0, 0), 0.5);
    const hit = createNetworkHit();
    // Map 1 centre (0.15, 1.4, -1) -> world (1.075, 0.7, -0.5).
    expect(picker.pick(new Vector3(1.075, 0.7, 0.5), new Vector3(0, 0, -1), hit)).toBe(true);
    expect(hit.channel).toBe(1);
    expect(hit.distance).toBeCloseTo(1, 6);
    expect(hit.point.z).toBeCloseTo(-0.5, 6);
    const rect = { center: new Vector3(), halfRight: new Vector3(), halfUp: new Vector3() };
    expect(picker.cellRect(0, 1, 0, 3, rect)).toBe(true);
    expect(rect.center.x).toBeCloseTo(1 + 0.225 * 0.5, 6);
    expect(rect.halfRight.x).toBeCloseTo(0.025 * 0.5, 6);
    expect(rect.halfUp.y).toBeCloseTo(0.025 * 0.5, 6);
    const min = new Vector3();
    const max = new Vector3();
    expect(picker.bounds(min, max)).toBe(true);
    expect(max.y).toBeCloseTo(1.5, 6);
  });
});
