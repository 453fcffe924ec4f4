import type { NetworkDescription } from '../domain/network';
import type { TensorData } from '../domain/recording';
import type { EdgeSettings } from '../domain/view-settings';
import type { EdgeCandidates } from './edge-candidates';
import { computeEdgeSelection } from './edge-filter';
import { computeConvCandidates, computeOneToOneCandidates } from './edges-conv';
import { computeDenseCandidates } from './edges-dense';
import { LayoutError } from './layout-error';
import type { EdgeSet, NetworkLayout } from './types';
import { computePlacedEdges } from './place-edges';

/**
 * Candidate edges into a layer from its input in `inputSlot`, or null when nothing is drawn there
 * (blocks, missing weights, dense on images).
 */
export function computeEdgeCandidates(
  network: NetworkDescription,
  layerId: number,
  inputSlot: number,
  weights: readonly (readonly TensorData[])[],
): EdgeCandidates | null {
  const layer = network.layers[layerId]!;
  const input = network.layers[layer.inputs[inputSlot] ?? -1];
  if (!input) return null;
  switch (layer.kind) {
    case 'dense':
      return computeDenseCandidates(layer, input, weights[layerId]);
    case 'conv2d':
    case 'depthwise-conv2d':
    case 'separable-conv2d':
      return computeConvCandidates(layer, input, weights[layerId]);
    case 'max-pool2d':
    case 'avg-pool2d':
    case 'global-avg-pool2d':
    case 'global-max-pool2d':
    case 'zero-padding2d':
    case 'batch-norm':
    case 'activation':
    case 'add':
    case 'concatenate':
      return computeOneToOneCandidates(network, layer, inputSlot);
    default:
      return null;
  }
}

/**
 * Straight edges (2 points each) for every drawn layer pair: dense/flatten->dense from the kernel,
 * conv channel edges from kernel slices, one-to-one through pooling and merges. Filtered by
 * settings.threshold (fraction of the pair's largest |strength|) then settings.topK. Endpoints sit on
 * the layout's current maps/nodes, so they follow arrangements, collapse and user offsets.
 *
 * `selectionWeights` (optional, e.g. the last epoch's): choose which edges to draw from these
 * weights but colour them by `weights`. The same edges then stay in place across epochs, so their
 * bundles (keyed by geometry, computeBundleKey) are computed once and reused.
 */
export function computeEdges(
  network: NetworkDescription,
  layout: NetworkLayout,
  weights: readonly (readonly TensorData[])[],
  settings: Pick<EdgeSettings, 'topK' | 'threshold'>,
  selectionWeights?: readonly (readonly TensorData[])[],
): EdgeSet[] {
  if (layout.layers.length !== network.layers.length) {
    throw new LayoutError(`layout has ${layout.layers.length} layers, network ${network.layers.length}`);
  }
  const sets: EdgeSet[] = [];
  for (const layer of network.layers) {
    for (let slot = 0; slot < layer.inputs.length; slot++) {
      const candidates = computeEdgeCandidates(network, layer.id, slot, weights);
      if (!candidates) continue;
      const selection = selectionWeights && selectionWeights !== weights ? computeEdgeCandidates(network, layer.id, slot, selectionWeights) : null;
      sets.push(computeEdgeSet(network, layout, candidates, settings, selection ?? undefined));
    }
  }
  return sets;
}

/**
 * Filters candidates (by `selection`'s values when given, which must be candidates of the same
 * layer pair) and places the survivors between their source and target positions; strengths come
 * from `candidates`.
 */
export function computeEdgeSet(
  network: NetworkDescription,
  layout: NetworkLayout,
  candidates: EdgeCandidates,
  settings: Pick<EdgeSettings, 'topK' | 'threshold'>,
  selection?: EdgeCandidates,
): EdgeSet {
  let indices: Int32Array;
  let maxAbs = 1;
  if (candidates.values) {
    const chooseBy = selection?.values && selection.values.length === candidates.values.length ? selection.values : candidates.values;
    ({ indices, maxAbs } = computeEdgeSelection(chooseBy, settings.topK, settings.threshold));
    if (chooseBy !== candidates.values) maxAbs = computeMaxAbs(candidates.values);
  } else {
    // One-to-one: all strengths equal, so top-k keeps the lowest channels.
    const k = Math.max(0, Math.min(Math.floor(settings.topK), candidates.sourceCount));
    indices = new Int32Array(k);
    for (let c = 0; c < k; c++) indices[c] = c * candidates.targetCount + c + candidates.targetOffset;
  }
  const values = candidates.values;
  const pair = { ...candidates, connection: values ? ('weighted' as const) : ('one-to-one' as const) };
  return computePlacedEdges(network, layout, pair, indices, (_, index) => (values ? values[index]! / (maxAbs || 1) : 1));
}

/**
 * New strengths for the same edges from another epoch's weights (same normalisation as
 * computeEdges): lets the app keep one edge selection, and so one bundle, across epochs and only
 * recolour. Returns a new strength array in the set's edge order.
 */
export function computeEdgeStrengths(network: NetworkDescription, edges: EdgeSet, weights: readonly (readonly TensorData[])[]): Float32Array {
  const layer = network.layers[edges.targetLayer]!;
  const slot = layer.inputs.indexOf(edges.sourceLayer);
  const candidates = computeEdgeCandidates(network, edges.targetLayer, slot, weights);
  const strength = new Float32Array(edges.count);
  if (!candidates) return strength;
  if (!candidates.values) return strength.fill(1);
  const maxAbs = computeMaxAbs(candidates.values);
  if (maxAbs === 0) return strength;
  for (let e = 0; e < edges.count; e++) {
    strength[e] = candidates.values[edges.sourceIndex[e]! * candidates.targetCount + edges.targetIndex[e]!]! / maxAbs;
  }
  return strength;
}

function computeMaxAbs(values: Float32Array): number {
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]!);
    if (a > maxAbs) maxAbs = a;
  }
  return maxAbs;
}

/**
 * The same edge sets (geometry, indices, bundled points included) with strengths from `weights`:
 * an epoch switch keeps the selection and its bundles and only recolours. `strengthsFrom` (optional,
 * parallel to `sets`) supplies strengths already computed (e.g. recoloured straight sets applied to
 * their bundled versions) instead of reading the weights again.
 */
export function computeRecolouredEdges(
  network: NetworkDescription,
  sets: readonly EdgeSet[],
  weights: readonly (readonly TensorData[])[] | null,
  strengthsFrom?: readonly EdgeSet[],
): EdgeSet[] {
  return sets.map((set, i) => {
    const from = strengthsFrom?.[i];
    if (strengthsFrom && (!from || from.count !== set.count)) throw new LayoutError(`edge set ${i} has no matching strengths to recolour with`);
    const strength = from ? from.strength : weights ? computeEdgeStrengths(network, set, weights) : set.strength;
    return strength === set.strength ? set : { ...set, strength };
  });
}
