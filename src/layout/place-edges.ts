import type { NetworkDescription } from '../domain/network';
import type { EdgeSet, NetworkLayout } from './types';
import { computeChannelPositions, computeUnitPositions } from './unit-positions';

/** The layer pair an edge selection belongs to: enough to place its edges on a layout. */
export interface EdgePair {
  readonly sourceLayer: number;
  readonly targetLayer: number;
  /** Edges join units (dense, flatten) or channels (maps). */
  readonly positions: 'units' | 'channels';
  /** Edge index = source * targetCount + target. */
  readonly targetCount: number;
  readonly connection: 'weighted' | 'one-to-one';
}

/**
 * Straight 2-point edges for the chosen edge indices of a layer pair, on the layout's current
 * positions. Channels that are not drawn (capped layers) have NaN positions: their edges are dropped.
 * `strengthOf(k, index)` gives the signed strength of the k-th chosen edge.
 */
export function computePlacedEdges(
  network: NetworkDescription,
  layout: NetworkLayout,
  pair: EdgePair,
  indices: ArrayLike<number>,
  strengthOf: (k: number, index: number) => number,
): EdgeSet {
  const positionsOf = pair.positions === 'units' ? computeUnitPositions : computeChannelPositions;
  const from = positionsOf(network, layout, pair.sourceLayer);
  const to = positionsOf(network, layout, pair.targetLayer);
  const keep: number[] = [];
  for (let k = 0; k < indices.length; k++) {
    const index = indices[k]!;
    const s = Math.floor(index / pair.targetCount);
    const t = index % pair.targetCount;
    if (Number.isFinite(from[s * 3]!) && Number.isFinite(to[t * 3]!)) keep.push(k);
  }
  const count = keep.length;
  const points = new Float32Array(count * 6);
  const strength = new Float32Array(count);
  const sourceIndex = new Int32Array(count);
  const targetIndex = new Int32Array(count);
  keep.forEach((k, e) => {
    const index = indices[k]!;
    const s = Math.floor(index / pair.targetCount);
    const t = index % pair.targetCount;
    for (let a = 0; a < 3; a++) {
      points[e * 6 + a] = from[s * 3 + a]!;
      points[e * 6 + 3 + a] = to[t * 3 + a]!;
    }
    strength[e] = strengthOf(k, index);
    sourceIndex[e] = s;
    targetIndex[e] = t;
  });
  return { sourceLayer: pair.sourceLayer, targetLayer: pair.targetLayer, count, pointsPerEdge: 2, points, strength, sourceIndex, targetIndex, connection: pair.connection };
}
