import type { ArrangementLimits, PlacedMaps } from './map-size';
import { ROOM_LIMITS, computeFitFactor } from './map-size';
import { ROOM } from './room-scale';

/**
 * Maps on a circle in the layer's plane, channel 0 at the top, clockwise. Neighbouring centres are
 * one chord 2r·sin(π/n) apart; making that chord the map diagonal plus a gap guarantees no two
 * axis-aligned rectangles overlap (non-neighbours are farther apart). Shrunk to fit the limits.
 */
export function computeCircleArrangement(count: number, natural: readonly [number, number], limits: ArrangementLimits = ROOM_LIMITS): PlacedMaps {
  const [w, h] = natural;
  const gap = ROOM.mapGapRatio * Math.max(w, h);
  const radius = count < 2 ? 0 : (Math.hypot(w, h) + gap) / (2 * Math.sin(Math.PI / count));
  const f = computeFitFactor(2 * radius + w, 2 * radius + h, limits);
  const r = radius * f;
  const centers = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) {
    const angle = Math.PI / 2 - (2 * Math.PI * i) / Math.max(1, count);
    centers[i * 3] = r * Math.cos(angle);
    centers[i * 3 + 1] = r * Math.sin(angle);
  }
  return { count, centers, size: [w * f, h * f], halfWidth: r + (w * f) / 2, halfHeight: r + (h * f) / 2 };
}
