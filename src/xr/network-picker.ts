import { Vector3 } from 'three';

/**
 * What the input code needs from the drawn network: ray picking in world space and the network's
 * bounds. main.ts builds one from the render view (see create-view-picker.ts); input never touches
 * the network's scene graph.
 */

export type NetworkHitKind =
  /** A cell of an expanded feature map: the trigger selects it. */
  | 'cell'
  /** Any other part of a layer (collapsed slab, nodes, block, the layer's frame): the trigger toggles it. */
  | 'layer'
  /** The network's base: grabs the whole network. */
  | 'base';

export interface NetworkHit {
  kind: NetworkHitKind;
  /** -1 for the base. */
  layerId: number;
  /** Map channel or node index; -1 when none (slab, frame, base). */
  channel: number;
  /** Cell of a map; -1 unless kind is 'cell'. */
  row: number;
  col: number;
  /** World metres along the ray. */
  distance: number;
  /** World point of the hit. */
  readonly point: Vector3;
}

export function createNetworkHit(): NetworkHit {
  return { kind: 'layer', layerId: -1, channel: -1, row: -1, col: -1, distance: Infinity, point: new Vector3() };
}

export function copyNetworkHit(from: NetworkHit, to: NetworkHit): NetworkHit {
  to.kind = from.kind;
  to.layerId = from.layerId;
  to.channel = from.channel;
  to.row = from.row;
  to.col = from.col;
  to.distance = from.distance;
  to.point.copy(from.point);
  return to;
}

export interface CellRect {
  /** World centre of the cell and half-extent vectors along its columns and rows. */
  readonly center: Vector3;
  readonly halfRight: Vector3;
  readonly halfUp: Vector3;
}

export interface NetworkPicker {
  /** Nearest hit of a world ray (unit direction) on the network, written into `out`; false when none. No allocation. */
  pick(origin: Vector3, direction: Vector3, out: NetworkHit): boolean;
  /** The network's bounding box in network space; false while no network is shown. */
  bounds(min: Vector3, max: Vector3): boolean;
  /** World rectangle of one cell, for the hover outline; false when it does not exist. */
  cellRect(layerId: number, channel: number, row: number, col: number, out: CellRect): boolean;
}

/** Until a network is drawn: nothing to hit. */
export const EMPTY_PICKER: NetworkPicker = {
  pick: () => false,
  bounds: () => false,
  cellRect: () => false,
};
