import { ROOM } from './room-scale';

/**
 * Natural size [width, height] of one map: `pitch` metres per cell, then scaled uniformly so the
 * longer side lies in [minMapSide, maxMapSide] (tiny maps stay visible, huge ones fit). Arrangements
 * may shrink it further to fit the layer's height/width limits.
 */
export function computeMapNaturalSize(rows: number, cols: number, pitch: number = ROOM.cellPitch): [number, number] {
  const width = Math.max(1, cols) * pitch;
  const height = Math.max(1, rows) * pitch;
  const longer = Math.max(width, height);
  const clamped = Math.min(ROOM.maxMapSide, Math.max(ROOM.minMapSide, longer));
  const s = clamped / longer;
  return [width * s, height * s];
}

/** Limits an arrangement must fit in (full width and height of the layer), metres. */
export interface ArrangementLimits {
  readonly maxWidth: number;
  readonly maxHeight: number;
}

export const ROOM_LIMITS: ArrangementLimits = { maxWidth: ROOM.maxLayerWidth, maxHeight: ROOM.maxLayerHeight };

/**
 * Maps placed relative to the layer centre: `centers` is count * 3 (z = 0, all in the layer's plane),
 * every map is `size` = [width, height]; halfWidth/halfHeight bound all rectangles.
 */
export interface PlacedMaps {
  readonly count: number;
  readonly centers: Float32Array;
  readonly size: [number, number];
  readonly halfWidth: number;
  readonly halfHeight: number;
}

/** Largest uniform factor <= 1 that scales a width x height arrangement into the limits. */
export function computeFitFactor(width: number, height: number, limits: ArrangementLimits): number {
  return Math.min(1, limits.maxWidth / width, limits.maxHeight / height);
}
