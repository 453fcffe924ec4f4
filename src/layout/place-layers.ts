import type { NetworkDescription } from '../domain/network';
import { ROOM } from './room-scale';
import type { Vec3 } from './types';

/**
 * Where each layer's centre goes (before user offsets), given every layer's half size.
 *
 * Depth: a layer's slot is 1 + the deepest slot among its inputs (longest path), so a merge layer
 * comes after all its branches. Slots run from z = 0 towards -z; the gap after a slot grows with the
 * widest layer on either side, so big layers get room and edges between them are not too steep.
 *
 * Lanes (x): layers of one slot want to sit at the mean x of their inputs (a chain keeps its lane,
 * a merge sits between its branches). Layers sharing a slot are packed side by side without overlap:
 * sorted by wanted x, then neighbouring groups that would overlap are merged and each group's box is
 * centred on the mean wanted x of its members (1-D cluster packing), so branches forking from one
 * layer sit symmetrically about it.
 */
export function computeLayerPlacement(network: NetworkDescription, halfSizes: readonly Vec3[], centerHeight: number): Float64Array {
  const n = network.layers.length;
  const slot = new Int32Array(n);
  let slotCount = 0;
  for (const layer of network.layers) {
    let s = 0;
    for (const input of layer.inputs) s = Math.max(s, (slot[input] ?? -1) + 1);
    slot[layer.id] = s;
    slotCount = Math.max(slotCount, s + 1);
  }
  const bySlot: number[][] = Array.from({ length: slotCount }, () => []);
  for (const layer of network.layers) bySlot[slot[layer.id]!]!.push(layer.id);

  const centers = new Float64Array(n * 3);
  let z = 0;
  let previousHalfWidth = 0;
  for (let s = 0; s < slotCount; s++) {
    const ids = bySlot[s]!;
    let halfDepth = 0;
    let halfWidth = 0;
    for (const id of ids) {
      halfDepth = Math.max(halfDepth, halfSizes[id]![2]);
      halfWidth = Math.max(halfWidth, halfSizes[id]![0]);
    }
    if (s > 0) z -= ROOM.layerGap + ROOM.layerGapPerHalfWidth * Math.max(halfWidth, previousHalfWidth);
    z -= halfDepth;
    packSlot(network, ids, halfSizes, centers);
    for (const id of ids) {
      centers[id * 3 + 1] = centerHeight;
      centers[id * 3 + 2] = z;
    }
    z -= halfDepth;
    previousHalfWidth = halfWidth;
  }
  return centers;
}

function packSlot(network: NetworkDescription, ids: readonly number[], halfSizes: readonly Vec3[], centers: Float64Array): void {
  const wanted = ids.map((id) => {
    const inputs = network.layers[id]!.inputs;
    let sum = 0;
    for (const input of inputs) sum += centers[input * 3]!;
    return inputs.length > 0 ? sum / inputs.length : 0;
  });
  const order = ids.map((_, i) => i).sort((a, b) => wanted[a]! - wanted[b]! || ids[a]! - ids[b]!);
  // Groups of consecutive layers (in `order`) packed edge to edge, each group's box centred on its
  // members' mean wish; a group that would overlap the one before merges with it (and may cascade).
  interface Group { first: number; last: number; width: number; wishSum: number; left: number }
  const groups: Group[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const w = 2 * halfSizes[ids[i]!]![0];
    let g: Group = { first: k, last: k, width: w, wishSum: wanted[i]!, left: wanted[i]! - w / 2 };
    for (;;) {
      const prev = groups[groups.length - 1];
      if (!prev || prev.left + prev.width + ROOM.branchGap <= g.left) break;
      groups.pop();
      const width = prev.width + ROOM.branchGap + g.width;
      const wishSum = prev.wishSum + g.wishSum;
      g = { first: prev.first, last: g.last, width, wishSum, left: wishSum / (g.last - prev.first + 1) - width / 2 };
    }
    groups.push(g);
  }
  for (const g of groups) {
    let x = g.left;
    for (let k = g.first; k <= g.last; k++) {
      const id = ids[order[k]!]!;
      const half = halfSizes[id]![0];
      centers[id * 3] = x + half;
      x += 2 * half + ROOM.branchGap;
    }
  }
}
