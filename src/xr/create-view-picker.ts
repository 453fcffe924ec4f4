import * as THREE from 'three';
import type { NetworkLayout } from '../layout/types';
import { computeCellPosition } from '../layout/unit-positions';
import type { PickResult } from '../render/pick/pick-result';
import { createPickResult } from '../render/pick/pick-result';
import { computeRayBoxEntry } from '../render/pick/ray-tests';
import type { CellRect, NetworkHit, NetworkPicker } from './network-picker';

/**
 * The input's NetworkPicker on top of the render view's analytic pick (network space): world rays
 * go through the inverse of the placement group's world matrix, hits come back to world space.
 * What the view calls a map hit with a real channel is a 'cell'; a collapsed slab (channel -1),
 * nodes, blocks and the layer's box between its maps are the 'layer' (see trigger-rules.ts).
 * A nearer layer's box wins over a map of a farther layer seen through its gaps: the ray crosses
 * that layer's frame first, which is also what the hover frame shows.
 */

export interface PickView {
  pick(origin: ArrayLike<number>, direction: ArrayLike<number>, out?: PickResult): PickResult | null;
}

export function createViewPicker(view: PickView, placement: THREE.Object3D, layout: () => NetworkLayout | null): NetworkPicker {
  const inverse = new THREE.Matrix4();
  const o = new THREE.Vector3();
  const d = new THREE.Vector3();
  const origin = [0, 0, 0];
  const direction = [0, 0, 0];
  const result = createPickResult();
  const cell = new Float32Array(3);
  const corner = new THREE.Vector3();

  let boxEntry = Infinity;
  /** The layer whose box the ray enters first, if that is nearer than `limit`; -1 otherwise. */
  const computeNearestBox = (current: NetworkLayout | null, o: number[], d: number[], limit: number): number => {
    boxEntry = Infinity;
    let nearest = -1;
    if (!current) return -1;
    for (const layer of current.layers) {
      const [cx, cy, cz] = layer.center;
      const [hx, hy, hz] = layer.halfSize;
      const t = computeRayBoxEntry(o[0]!, o[1]!, o[2]!, d[0]!, d[1]!, d[2]!, cx, cy, cz, hx, hy, hz);
      // A box the pointer is inside (entry 0) does not hide what it points at.
      if (t > 0 && t < boxEntry && t < limit) {
        boxEntry = t;
        nearest = layer.layerId;
      }
    }
    return nearest;
  };

  return {
    pick(worldOrigin, worldDirection, out: NetworkHit) {
      inverse.copy(placement.matrixWorld).invert();
      o.copy(worldOrigin).applyMatrix4(inverse);
      // Direction: a second point along the ray, so the placement's scale is handled exactly.
      d.copy(worldDirection).add(worldOrigin).applyMatrix4(inverse).sub(o).normalize();
      o.toArray(origin);
      d.toArray(direction);
      const hit = view.pick(origin, direction, result);
      if (!hit) return false;
      const boxLayer = computeNearestBox(layout(), origin, direction, hit.distance);
      if (boxLayer >= 0 && boxLayer !== hit.layerId) {
        hit.layerId = boxLayer;
        hit.channel = -1;
        hit.cell = null;
        hit.target = 'layer';
        hit.distance = boxEntry;
        for (let i = 0; i < 3; i++) hit.point[i] = origin[i]! + direction[i]! * boxEntry;
      }
      out.point.fromArray(hit.point).applyMatrix4(placement.matrixWorld);
      out.distance = out.point.distanceTo(worldOrigin);
      out.layerId = hit.layerId;
      out.channel = hit.channel;
      const isCell = hit.target === 'map' && hit.channel >= 0 && hit.cell !== null;
      out.kind = isCell ? 'cell' : 'layer';
      out.row = isCell ? hit.cell!.row : -1;
      out.col = isCell ? hit.cell!.col : -1;
      return true;
    },
    bounds(min, max) {
      const current = layout();
      if (!current || current.layers.length === 0) return false;
      min.fromArray(current.min);
      max.fromArray(current.max);
      return true;
    },
    cellRect(layerId, channel, row, col, out: CellRect) {
      const layer = layout()?.layers[layerId];
      if (!layer || layer.style !== 'maps') return false;
      computeCellPosition(layer, channel, row, col, cell, 0);
      if (Number.isNaN(cell[0]!)) return false;
      const [rows, cols] = layer.geometryCells ?? layer.mapCells;
      const halfWidth = layer.mapSize[0] / cols / 2;
      const halfHeight = layer.mapSize[1] / rows / 2;
      out.center.fromArray(cell).applyMatrix4(placement.matrixWorld);
      corner.set(cell[0]! + halfWidth, cell[1]!, cell[2]!).applyMatrix4(placement.matrixWorld);
      out.halfRight.subVectors(corner, out.center);
      corner.set(cell[0]!, cell[1]! + halfHeight, cell[2]!).applyMatrix4(placement.matrixWorld);
      out.halfUp.subVectors(corner, out.center);
      return true;
    },
  };
}
