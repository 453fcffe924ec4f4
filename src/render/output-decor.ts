/**
 * Where the output layer's probability bars and class labels go when the layout gives no
 * OutputAnchors (pure): bars grow along +x to the right of each node, class labels are
 * right-aligned on the left of it. Also converts the layout's OutputAnchors to the same form.
 */
import type { LayerLayout } from '../layout/types';

export interface OutputDecor {
  /** capacity * 3: where each bar starts. */
  readonly barBases: Float32Array;
  /** Full-length bar vector (probability 1), shared by all bars. */
  readonly barDirection: [number, number, number];
  barWidth: number;
  /** capacity * 3 label anchors. */
  readonly labelAnchors: Float32Array;
}

export function createOutputDecor(capacity: number): OutputDecor {
  return {
    barBases: new Float32Array(capacity * 3),
    barDirection: [0, 0, 0],
    barWidth: 0,
    labelAnchors: new Float32Array(capacity * 3),
  };
}

/** Fills `out` (capacity at least layer.nodeCount) without allocating: this runs every frame while a layout animates. */
export function computeOutputDecor(layer: LayerLayout, labelSize: number, out: OutputDecor): OutputDecor {
  const { barBases, labelAnchors } = out;
  const c = layer.nodeCenters;
  const r = layer.nodeRadius;
  const gap = r * 1.5;
  const length = Math.max(r * 8, labelSize * 4);
  for (let i = 0; i < layer.nodeCount; i++) {
    const x = c[i * 3]!;
    const y = c[i * 3 + 1]!;
    const z = c[i * 3 + 2]!;
    barBases[i * 3] = x + gap;
    barBases[i * 3 + 1] = y;
    barBases[i * 3 + 2] = z;
    labelAnchors[i * 3] = x - gap;
    labelAnchors[i * 3 + 1] = y;
    labelAnchors[i * 3 + 2] = z;
  }
  const anchors = layer.output;
  if (anchors) {
    const n = Math.min(layer.nodeCount, anchors.barOrigins.length / 3);
    for (let i = 0; i < n * 3; i++) {
      barBases[i] = anchors.barOrigins[i]!;
      labelAnchors[i] = anchors.labelAnchors[i]!;
    }
    for (let k = 0; k < 3; k++) out.barDirection[k] = anchors.barDirection[k]! * anchors.barMaxLength;
    out.barWidth = anchors.barHeight;
    return out;
  }
  out.barDirection[0] = length;
  out.barDirection[1] = 0;
  out.barDirection[2] = 0;
  out.barWidth = r * 1.2;
  return out;
}
