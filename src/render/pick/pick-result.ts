/** What a ray hit in the network (network space). */
export type PickTarget = 'map' | 'node' | 'block' | 'layer';

export interface PickResult {
  layerId: number;
  /** Channel of the map hit (-1: the collapsed slab or a block/layer box), or the unit of a node. */
  channel: number;
  /** Cell of the map hit, in the layer's real output cells; null for nodes, blocks and layer boxes. */
  cell: { row: number; col: number } | null;
  /** Hit point, network space. */
  point: [number, number, number];
  /** Ray parameter of the hit (distance when the direction is a unit vector). */
  distance: number;
  /** 'layer': the ray only crossed the layer's bounding box, between its maps or nodes. */
  target: PickTarget;
  /** Storage `cell` points to when set, reused so picking every frame does not allocate. */
  readonly cellStorage: { row: number; col: number };
}

export function createPickResult(): PickResult {
  return { layerId: -1, channel: -1, cell: null, point: [0, 0, 0], distance: Infinity, target: 'layer', cellStorage: { row: 0, col: 0 } };
}
