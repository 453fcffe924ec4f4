/**
 * Pure packing of edge sets for the ribbon shader: control points of all edges one after another
 * in an RGBA32F texture (EDGE_TEXTURE_WIDTH texels a row), and the number of ribbon segments that
 * keeps all edges under a triangle budget.
 */
import type { EdgeSet } from '../layout/types';

export const EDGE_TEXTURE_WIDTH = 2048;
export const MAX_RIBBON_SEGMENTS = 24;
/** Triangles all edges together may use (of the 500k a frame per eye). */
export const EDGE_TRIANGLE_BUDGET = 250_000;

export interface EdgeTotals {
  readonly edges: number;
  readonly points: number;
  readonly maxPointsPerEdge: number;
}

export function computeEdgeTotals(edgeSets: readonly EdgeSet[]): EdgeTotals {
  let edges = 0;
  let points = 0;
  let maxPointsPerEdge = 2;
  for (const set of edgeSets) {
    edges += set.count;
    points += set.count * set.pointsPerEdge;
    maxPointsPerEdge = Math.max(maxPointsPerEdge, set.pointsPerEdge);
  }
  return { edges, points, maxPointsPerEdge };
}

/**
 * Segments per ribbon: straight edges (2 points) need 1; curves about 3 per control-point span,
 * at most MAX_RIBBON_SEGMENTS, and fewer when edges * segments * 2 would exceed the budget.
 */
export function computeRibbonSegments(maxPointsPerEdge: number, edgeCount: number, budget = EDGE_TRIANGLE_BUDGET): number {
  if (maxPointsPerEdge <= 2) return 1;
  const wanted = Math.min(MAX_RIBBON_SEGMENTS, (maxPointsPerEdge - 1) * 3);
  const affordable = edgeCount > 0 ? Math.floor(budget / (2 * edgeCount)) : wanted;
  return Math.max(1, Math.min(wanted, affordable));
}

/** Smallest power of two >= n (at least `minimum`): capacities grow by doubling so resizes are rare. */
export function computeCapacity(n: number, minimum = 64): number {
  let c = minimum;
  while (c < n) c *= 2;
  return c;
}

/**
 * Writes control points (xyz + 1) into `points` and per-edge (first point, count, strength, 0) into
 * `edgeInfo` and (source layer, target layer) into `edgeLayers`. Returns the edges written.
 */
export function computeEdgePacking(
  edgeSets: readonly EdgeSet[],
  points: Float32Array,
  edgeInfo: Float32Array,
  edgeLayers: Float32Array,
): number {
  let edge = 0;
  let point = 0;
  for (const set of edgeSets) {
    const p = set.pointsPerEdge;
    for (let e = 0; e < set.count; e++) {
      edgeInfo[edge * 4] = point;
      edgeInfo[edge * 4 + 1] = p;
      edgeInfo[edge * 4 + 2] = Math.max(-1, Math.min(1, set.strength[e] ?? 0));
      edgeInfo[edge * 4 + 3] = 0;
      edgeLayers[edge * 2] = set.sourceLayer;
      edgeLayers[edge * 2 + 1] = set.targetLayer;
      const src = e * p * 3;
      for (let k = 0; k < p; k++) {
        points[point * 4] = set.points[src + k * 3]!;
        points[point * 4 + 1] = set.points[src + k * 3 + 1]!;
        points[point * 4 + 2] = set.points[src + k * 3 + 2]!;
        points[point * 4 + 3] = 1;
        point++;
      }
      edge++;
    }
  }
  return edge;
}
