import type { ArrangementLimits, PlacedMaps } from './map-size';
import { ROOM_LIMITS, computeFitFactor } from './map-size';
import { ROOM } from './room-scale';

/**
 * Maps in a near-square grid, row-major from the top left (cols = ceil(sqrt(n))); a partial last
 * row is centred. Shrunk uniformly to fit the layer's width and height limits.
 */
export function computeGridArrangement(count: number, natural: readonly [number, number], limits: ArrangementLimits = ROOM_LIMITS): PlacedMaps {
  const cols = Math.max(1, Math.ceil(Math.sqrt(count)));
  const rows = Math.max(1, Math.ceil(count / cols));
  const gap = ROOM.mapGapRatio * Math.max(natural[0], natural[1]);
  const width = cols * natural[0] + (cols - 1) * gap;
  const height = rows * natural[1] + (rows - 1) * gap;
  const f = computeFitFactor(width, height, limits);
  const stepX = (natural[0] + gap) * f;
  const stepY = (natural[1] + gap) * f;
  const centers = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) {
    const row = Math.floor(i / cols);
    const inRow = row === rows - 1 ? count - row * cols : cols;
    const col = (i % cols) + (cols - inRow) / 2;
    centers[i * 3] = (col - (cols - 1) / 2) * stepX;
    centers[i * 3 + 1] = ((rows - 1) / 2 - row) * stepY;
  }
  return { count, centers, size: [natural[0] * f, natural[1] * f], halfWidth: (width * f) / 2, halfHeight: (height * f) / 2 };
}
