import type { LayerDescription } from '../domain/network';
import { computeShapeSize } from '../domain/network';
import type { TensorData } from '../domain/recording';
import type { EdgeCandidates } from './edge-candidates';
import { computeWeightByRole } from './edge-candidates';
import { LayoutError } from './layout-error';

/**
 * Dense (and flatten -> dense) edges: unit i of the input to unit j of the layer, strength
 * kernel[i, j] (tfjs stores a dense kernel as [in, out], row-major, so the flat index is already
 * i * out + j: the kernel is used as the candidate matrix without a copy). Null for a dense layer on
 * an image-like input (Keras applies it per pixel; there is no unit-to-unit picture to draw).
 */
export function computeDenseCandidates(layer: LayerDescription, input: LayerDescription, tensors: readonly TensorData[] | undefined): EdgeCandidates | null {
  if (input.outputShape.length !== 1) return null;
  const kernel = computeWeightByRole(layer.weights, tensors, 'kernel');
  if (!kernel) return null;
  const inUnits = computeShapeSize(input.outputShape);
  const outUnits = computeShapeSize(layer.outputShape);
  if (kernel.data.length !== inUnits * outUnits) {
    throw new LayoutError(`dense layer "${layer.name}": kernel has ${kernel.data.length} values, expected ${inUnits} x ${outUnits}`);
  }
  return {
    sourceLayer: input.id,
    targetLayer: layer.id,
    positions: 'units',
    sourceCount: inUnits,
    targetCount: outUnits,
    values: kernel.data,
    targetOffset: 0,
  };
}
