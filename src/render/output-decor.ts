/**
 * Where the output layer's probability bars and class labels go, from its node positions (pure).
 * A row of nodes (wider than tall) gets bars growing up and labels below; a column gets bars
 * growing right (+x) and right-aligned labels on the left.
 */
import type { LayerLayout } from '../layout/types';

export type LabelAlign = 'left' | 'center' | 'right';

export interface OutputDecor {
  /** capacity * 3: where each bar starts. */
  readonly barBases: Float32Array;
  /** Full-length bar vector (probability 1), shared by all bars. */
  readonly barDirection: [number, number, number];
  barWidth: number;
  /** capacity * 3 label anchors. */
  readonly labelAnchors: Float32Array;
  labelAlign: LabelAlign;
}

export function createOutputDecor(capacity: number): OutputDecor {
  return {
    barBases: new Float32Array(capacity * 3),
    barDirection: [0, 0, 0],
    barWidth: 0,
    labelAnchors: new Float32Array(capacity * 3),
    labelAlign: 'center',
  };
}

/** Fills `out` (capacity at least layer.nodeCount) without allocating: this runs every frame while a layout animates. */
export function computeOutputDecor(layer: LayerLayout, labelSize: number, out: OutputDecor): OutputDecor {
  const { barBases, labelAnchors } = out;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  const c = layer.nodeCenters;
  for (let i = 0; i < layer.nodeCount; i++) {
    minX = Math.min(minX, c[i * 3]!);
    maxX = Math.max(maxX, c[i * 3]!);
    minY = Math.min(minY, c[i * 3 + 1]!);
    maxY = Math.max(maxY, c[i * 3 + 1]!);
  }
  const r = layer.nodeRadius;
  const row = layer.nodeCount <= 1 || maxX - minX >= maxY - minY;
  const gap = r * 1.5;
  const length = Math.max(r * 8, labelSize * 4);
  for (let i = 0; i < layer.nodeCount; i++) {
    const x = c[i * 3]!;
    const y = c[i * 3 + 1]!;
    const z = c[i * 3 + 2]!;
    barBases[i * 3] = row ? x : x + gap;
    barBases[i * 3 + 1] = row ? y + gap : y;
    barBases[i * 3 + 2] = z;
    labelAnchors[i * 3] = row ? x : x - gap - labelSize * 0.3;
    labelAnchors[i * 3 + 1] = row ? y - gap - labelSize * 0.6 : y;
    labelAnchors[i * 3 + 2] = z;
  }
  out.barDirection[0] = row ? 0 : length;
  out.barDirection[1] = row ? length : 0;
  out.barDirection[2] = 0;
  out.barWidth = r * 1.2;
  out.labelAlign = row ? 'center' : 'right';
  return out;
}
