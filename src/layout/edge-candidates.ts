import type { TensorData } from '../domain/recording';

/**
 * Every possible edge between two layers with its signed strength, before filtering.
 * `values[source * targetCount + target]`; `null` means one-to-one (source c -> target c + offset,
 * strength 1: pooling, padding, concatenation, global pooling), which needs no matrix.
 * `positions` says whether sources/targets are units (cells/nodes) or channels (map centres).
 */
export interface EdgeCandidates {
  readonly sourceLayer: number;
  readonly targetLayer: number;
  readonly positions: 'units' | 'channels';
  readonly sourceCount: number;
  readonly targetCount: number;
  readonly values: Float32Array | null;
  readonly targetOffset: number;
}

/** The weight tensor with `role` of a layer, or null when the layer or tensor is absent. */
export function computeWeightByRole(
  roles: readonly { readonly role: string }[],
  tensors: readonly TensorData[] | undefined,
  role: string,
): TensorData | null {
  const index = roles.findIndex((w) => w.role === role);
  return index >= 0 ? (tensors?.[index] ?? null) : null;
}
