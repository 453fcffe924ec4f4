import type { ArrangementLimits, PlacedMaps } from './map-size';
import { ROOM_LIMITS, computeFitFactor } from './map-size';
import { ROOM } from './room-scale';

/** Maps side by side in one horizontal row, left to right by channel, shrunk to fit the width limit. */
export function computeLineArrangement(count: number, natural: readonly [number, number], limits: ArrangementLimits = ROOM_LIMITS): PlacedMaps {
  const gap = ROOM.mapGapRatio * Math.max(natural[0], natural[1]);
  const width = count * natural[0] + Math.max(0, count - 1) * gap;
  const f = computeFitFactor(width, natural[1], limits);
  const w = natural[0] * f;
  const step = (natural[0] + gap) * f;
  const centers = new Float32Array(count * 3);
  const left = -(width * f) / 2 + w / 2;
  for (let i = 0; i < count; i++) centers[i * 3] = left + i * step;
  return { count, centers, size: [w, natural[1] * f], halfWidth: (width * f) / 2, halfHeight: (natural[1] * f) / 2 };
}
