import type { NetworkDescription } from '../domain/network';
import type { TensorData } from '../domain/recording';
import type { EdgeSettings } from '../domain/view-settings';
import { computeEdgeSelection } from './edge-filter';
import { computeEdgeCandidates } from './edges';
import { LayoutError } from './layout-error';
import type { EdgeSet, NetworkLayout } from './types';
import { computePlacedEdges } from './place-edges';

/**
 * The edges chosen between one layer pair, without geometry: which candidates survive
 * threshold/top-k (the expensive part, a pass over every weight) and their strengths.
 */
export interface EdgeChoice {
  readonly sourceLayer: number;
  readonly targetLayer: number;
  readonly positions: 'units' | 'channels';
  readonly targetCount: number;
  /** Flat candidate indices (source * targetCount + target), ascending. */
  readonly indices: Int32Array;
  /** Signed strength per chosen index: value / largest |value| of the pair (1 for one-to-one). */
  readonly strength: Float32Array;
  readonly connection: 'weighted' | 'one-to-one';
}

/**
 * computeEdges split in two: the choice depends on the weights and settings only, the geometry
 * (computeEdgeSetsFromChoices) on the layout only. So a layout change (a morph ending, a layer
 * dragged) places the same choice again instead of re-reading every weight. Same order and
 * filtering as computeEdges: computeEdgeSetsFromChoices(network, layout, computeEdgeChoices(network,
 * weights, settings)) equals computeEdges(network, layout, weights, settings).
 */
export function computeEdgeChoices(
  network: NetworkDescription,
  weights: readonly (readonly TensorData[])[],
  settings: Pick<EdgeSettings, 'topK' | 'threshold'>,
): EdgeChoice[] {
  const choices: EdgeChoice[] = [];
  for (const layer of network.layers) {
    for (let slot = 0; slot < layer.inputs.length; slot++) {
      const candidates = computeEdgeCandidates(network, layer.id, slot, weights);
      if (!candidates) continue;
      let indices: Int32Array;
      let strength: Float32Array;
      if (candidates.values) {
        const { indices: chosen, maxAbs } = computeEdgeSelection(candidates.values, settings.topK, settings.threshold);
        indices = chosen;
        strength = new Float32Array(indices.length);
        for (let e = 0; e < indices.length; e++) strength[e] = candidates.values[indices[e]!]! / (maxAbs || 1);
      } else {
        // One-to-one: all strengths equal, so top-k keeps the lowest channels.
        const k = Math.max(0, Math.min(Math.floor(settings.topK), candidates.sourceCount));
        indices = new Int32Array(k);
        for (let c = 0; c < k; c++) indices[c] = c * candidates.targetCount + c + candidates.targetOffset;
        strength = new Float32Array(k).fill(1);
      }
      choices.push({
        sourceLayer: candidates.sourceLayer,
        targetLayer: candidates.targetLayer,
        positions: candidates.positions,
        targetCount: candidates.targetCount,
        indices,
        strength,
        connection: candidates.values ? 'weighted' : 'one-to-one',
      });
    }
  }
  return choices;
}

/** Straight 2-point edge sets for `choices` on `layout`; edges of channels not shown (NaN positions, capped layers) are dropped. */
export function computeEdgeSetsFromChoices(network: NetworkDescription, layout: NetworkLayout, choices: readonly EdgeChoice[]): EdgeSet[] {
  if (layout.layers.length !== network.layers.length) {
    throw new LayoutError(`layout has ${layout.layers.length} layers, network ${network.layers.length}`);
  }
  return choices.map((choice) => computePlacedEdges(network, layout, choice, choice.indices, (k) => choice.strength[k]!));
}
