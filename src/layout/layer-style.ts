import type { LayerDescription, NetworkDescription } from '../domain/network';
import type { LayerStyle } from './types';

/**
 * How each layer kind is drawn:
 * - 'maps': any layer whose output is image-like (HWC): input, conv, pooling, padding, batch-norm,
 *   activation, add/concatenate and generic layers on images.
 * - 'nodes': vector outputs that carry their own values: dense, global pooling, a vector input,
 *   add/concatenate/generic on vectors.
 * - 'block': layers that only re-shape or pass values through: flatten (its 400 values are exactly
 *   the pooled maps before it, so a thin block avoids drawing them twice; dense edges start at the
 *   pooled cells), reshape and dropout (identity at inference).
 */
export function computeLayerStyle(layer: LayerDescription): LayerStyle {
  switch (layer.kind) {
    case 'flatten':
    case 'reshape':
    case 'dropout':
      return 'block';
    case 'dense':
    case 'global-avg-pool2d':
    case 'global-max-pool2d':
      return 'nodes';
    default:
      return layer.outputShape.length === 3 ? 'maps' : 'nodes';
  }
}

/** Ids of the layers that read each layer's output. */
export function computeConsumers(network: NetworkDescription): number[][] {
  const consumers: number[][] = network.layers.map(() => []);
  for (const layer of network.layers) for (const input of layer.inputs) consumers[input]?.push(layer.id);
  return consumers;
}

/** The output layer: a vector layer nobody consumes (the classifier's softmax), drawn with labels and bars. */
export function computeIsOutputLayer(layer: LayerDescription, consumers: readonly number[][]): boolean {
  return (consumers[layer.id]?.length ?? 0) === 0 && layer.outputShape.length === 1 && computeLayerStyle(layer) === 'nodes';
}
