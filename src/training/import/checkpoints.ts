import type { LayerDescription, NetworkDescription } from '../../domain/network';

/**
 * Several checkpoints of one architecture become the epochs of one recording. Order: natural sort of
 * their file paths, so 'epoch-2' comes before 'epoch-10' and 'ckpt_009' before 'ckpt_010'.
 */

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Indices of `paths` in checkpoint order. */
export function computeCheckpointOrder(paths: readonly string[]): number[] {
  return paths.map((_, i) => i).sort((a, b) => collator.compare(paths[a]!, paths[b]!) || a - b);
}

/** What a layer is, without its name (checkpoints saved in separate sessions get different auto names). */
function computeLayerSignature(layer: LayerDescription): string {
  const { id: _id, name: _name, cap: _cap, ...rest } = layer;
  return JSON.stringify(rest);
}

function computeLayerSummary(layer: LayerDescription): string {
  const weights = layer.weights.map((w) => `[${w.shape.join(',')}]`).join(' ');
  return `${layer.name} (${layer.className}) -> [${layer.outputShape.join(',')}]${weights ? ` weights ${weights}` : ''}`;
}

/** Null when both networks have one architecture; otherwise what differs first, for the user. */
export function computeArchitectureDifference(first: NetworkDescription, other: NetworkDescription): string | null {
  const count = Math.max(first.layers.length, other.layers.length);
  for (let i = 0; i < count; i++) {
    const a = first.layers[i];
    const b = other.layers[i];
    if (!a || !b) return `it has ${other.layers.length} layers, the first checkpoint ${first.layers.length}`;
    if (computeLayerSignature(a) !== computeLayerSignature(b)) {
      return `layer ${i} is ${computeLayerSummary(b)} where the first checkpoint has ${computeLayerSummary(a)}`;
    }
  }
  return null;
}
