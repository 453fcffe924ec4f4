import type { MapArrangement } from '../domain/view-settings';
import { computeCircleArrangement } from './arrange-circle';
import { computeGridArrangement } from './arrange-grid';
import { computeLineArrangement } from './arrange-line';
import type { ArrangementLimits, PlacedMaps } from './map-size';
import { ROOM_LIMITS } from './map-size';

/** Places `count` maps of natural size `natural` in the chosen arrangement, relative to the layer centre. */
export function computeArrangement(
  arrangement: MapArrangement,
  count: number,
  natural: readonly [number, number],
  limits: ArrangementLimits = ROOM_LIMITS,
): PlacedMaps {
  switch (arrangement) {
    case 'line':
      return computeLineArrangement(count, natural, limits);
    case 'grid':
      return computeGridArrangement(count, natural, limits);
    case 'circle':
      return computeCircleArrangement(count, natural, limits);
  }
}

/** A collapsed layer: one slab of the map's natural size at the layer centre. */
export function computeCollapsedSlab(natural: readonly [number, number]): PlacedMaps {
  return { count: 1, centers: new Float32Array(3), size: [natural[0], natural[1]], halfWidth: natural[0] / 2, halfHeight: natural[1] / 2 };
}
