/**
 * The framework-free description of a network: what every other module agrees on.
 * Shapes exclude the batch dimension and are NHWC for image-like tensors: [height, width, channels];
 * a vector is [units].
 */

export type LayerKind =
  | 'input'
  | 'conv2d'
  | 'depthwise-conv2d'
  | 'separable-conv2d'
  | 'max-pool2d'
  | 'avg-pool2d'
  | 'global-avg-pool2d'
  | 'global-max-pool2d'
  | 'zero-padding2d'
  | 'batch-norm'
  | 'activation'
  | 'dropout'
  | 'flatten'
  | 'reshape'
  | 'dense'
  | 'add'
  | 'concatenate'
  /** A layer LayerWalk cannot explain: drawn as a block with its output activations. */
  | 'generic';

export type Padding = 'valid' | 'same';

/** A named weight tensor of a layer, in the order the layer's weights are stored. */
export interface WeightSpec {
  /** Short role name: 'kernel', 'bias', 'depthwise_kernel', 'pointwise_kernel', 'gamma', 'beta', 'moving_mean', 'moving_variance'. */
  readonly role: string;
  readonly shape: readonly number[];
}

/**
 * Limits applied to what is recorded for display of a big layer (the model itself is untouched).
 * Recorded activations then have shape `recordedShape` instead of `outputShape`.
 */
export interface DisplayCap {
  /** Shape of what is stored: e.g. [32, 32, 64] for a [224, 224, 512] output. */
  readonly recordedShape: readonly number[];
  /** Human-readable reason, shown to the user: "maps downsampled 224→32, first 64 of 512 maps". */
  readonly note: string;
}

export interface LayerDescription {
  /** Index in NetworkDescription.layers; layers are in topological order. */
  readonly id: number;
  readonly name: string;
  readonly kind: LayerKind;
  /** The original Keras/tfjs class name, e.g. 'Conv2D', kept for messages and generic layers. */
  readonly className: string;
  /** Ids of the layers feeding this one (empty for inputs). Several for add/concatenate. */
  readonly inputs: readonly number[];
  readonly outputShape: readonly number[];
  readonly kernelSize?: readonly [number, number];
  readonly strides?: readonly [number, number];
  readonly padding?: Padding;
  readonly dilation?: readonly [number, number];
  /** For pooling layers. */
  readonly poolSize?: readonly [number, number];
  /** Activation applied after the layer's linear part: 'linear', 'relu', 'softmax', 'sigmoid', 'tanh', ... */
  readonly activation?: string;
  /** Dense units or conv filters. */
  readonly units?: number;
  /** ZeroPadding2D: [[top, bottom], [left, right]]. */
  readonly zeroPadding?: readonly [readonly [number, number], readonly [number, number]];
  readonly weights: readonly WeightSpec[];
  readonly cap?: DisplayCap;
}

export interface NetworkDescription {
  readonly name: string;
  readonly layers: readonly LayerDescription[];
  /** Names of the output classes, one per unit of the last layer (may be empty for non-classifiers). */
  readonly classNames: readonly string[];
}

/** Number of scalars in a shape. */
export function computeShapeSize(shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}

/** Height, width and channel count of an image-like shape; a vector is treated as 1 x 1 x units. */
export function computeSpatialShape(shape: readonly number[]): { height: number; width: number; channels: number } {
  if (shape.length === 3) return { height: shape[0]!, width: shape[1]!, channels: shape[2]! };
  if (shape.length === 2) return { height: shape[0]!, width: shape[1]!, channels: 1 };
  return { height: 1, width: 1, channels: computeShapeSize(shape) };
}

/** The shape whose activations are stored for a layer: the cap's when capped. */
export function computeRecordedShape(layer: LayerDescription): readonly number[] {
  return layer.cap?.recordedShape ?? layer.outputShape;
}
