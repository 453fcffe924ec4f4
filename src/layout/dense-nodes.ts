import type { ArrangementLimits } from './map-size';
import { ROOM_LIMITS } from './map-size';
import { ROOM } from './room-scale';

/** Output layers up to this many classes get a labelled column; bigger ones a plain grid. */
export const MAX_LABELLED_OUTPUTS = 32;

/** Nodes of a vector layer relative to the layer centre (z = 0), plus output anchors when labelled. */
export interface PlacedNodes {
  readonly count: number;
  readonly centers: Float32Array;
  readonly radius: number;
  readonly halfWidth: number;
  readonly halfHeight: number;
  readonly output?: {
    readonly labelAnchors: Float32Array;
    readonly barOrigins: Float32Array;
    readonly barMaxLength: number;
    readonly barHeight: number;
  };
}

/**
 * Small layers (<= lineNodeLimit) are a horizontal line, bigger ones a near-square grid (row-major
 * from the top left); the pitch shrinks so the layer fits the limits. A labelled output layer is a
 * vertical column, class 0 at the top, labels to its left and probability bars growing to its right;
 * the column is shifted so the whole (labels + nodes + bars) box is centred.
 */
export function computeNodeArrangement(count: number, isOutput: boolean, limits: ArrangementLimits = ROOM_LIMITS): PlacedNodes {
  const centers = new Float32Array(count * 3);
  if (isOutput && count <= MAX_LABELLED_OUTPUTS) {
    const pitch = Math.min(ROOM.outputPitch, limits.maxHeight / Math.max(1, count));
    const radius = Math.min(pitch * ROOM.nodeRadiusRatio, 0.03);
    const margin = radius + 0.02;
    const left = margin + ROOM.outputLabelWidth;
    const right = margin + ROOM.outputBarLength;
    const shift = (left - right) / 2;
    const labelAnchors = new Float32Array(count * 3);
    const barOrigins = new Float32Array(count * 3);
    for (let i = 0; i < count; i++) {
      const y = ((count - 1) / 2 - i) * pitch;
      centers[i * 3] = shift;
      centers[i * 3 + 1] = y;
      labelAnchors[i * 3] = shift - margin;
      labelAnchors[i * 3 + 1] = y;
      barOrigins[i * 3] = shift + margin;
      barOrigins[i * 3 + 1] = y;
    }
    const halfWidth = (left + right) / 2;
    const halfHeight = (count * pitch) / 2;
    return { count, centers, radius, halfWidth, halfHeight, output: { labelAnchors, barOrigins, barMaxLength: ROOM.outputBarLength, barHeight: pitch * 0.6 } };
  }
  const cols = count <= ROOM.lineNodeLimit ? Math.max(1, count) : Math.ceil(Math.sqrt(count));
  const rows = Math.max(1, Math.ceil(count / cols));
  const pitch = Math.min(ROOM.nodePitch, limits.maxWidth / cols, limits.maxHeight / rows);
  for (let i = 0; i < count; i++) {
    const row = Math.floor(i / cols);
    const col = i % cols;
    centers[i * 3] = (col - (cols - 1) / 2) * pitch;
    centers[i * 3 + 1] = ((rows - 1) / 2 - row) * pitch;
  }
  return { count, centers, radius: pitch * ROOM.nodeRadiusRatio, halfWidth: (cols * pitch) / 2, halfHeight: (rows * pitch) / 2 };
}
