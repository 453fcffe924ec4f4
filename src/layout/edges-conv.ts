import type { LayerDescription, NetworkDescription } from '../domain/network';
import { computeShapeSize, computeSpatialShape } from '../domain/network';
import type { TensorData } from '../domain/recording';
import type { EdgeCandidates } from './edge-candidates';
import { computeWeightByRole } from './edge-candidates';
import { LayoutError } from './layout-error';

/**
 * Channel edges into a convolution: one per (input channel, output channel) kernel slice, strength
 * = ||K[:, :, i, o]||_2 signed by the slice's sum (a mostly negative kernel reads as inhibitory).
 * Depthwise: input channel i feeds outputs i*m .. i*m+m-1 only. Separable: the depthwise slice norm
 * times the pointwise weight, summed over the multiplier.
 */
export function computeConvCandidates(layer: LayerDescription, input: LayerDescription, tensors: readonly TensorData[] | undefined): EdgeCandidates | null {
  const cin = computeSpatialShape(input.outputShape).channels;
  const cout = computeSpatialShape(layer.outputShape).channels;
  const values = new Float32Array(cin * cout);
  if (layer.kind === 'conv2d') {
    const kernel = requireKernel(layer, tensors, 'kernel', cin, cout);
    if (!kernel) return null;
    const taps = kernel.data.length / (cin * cout);
    for (let i = 0; i < cin; i++) for (let o = 0; o < cout; o++) values[i * cout + o] = signedNorm(kernel.data, taps, i * cout + o, cin * cout);
  } else if (layer.kind === 'depthwise-conv2d') {
    const multiplier = cout / cin;
    const kernel = requireKernel(layer, tensors, 'depthwise_kernel', cin, multiplier);
    if (!kernel) return null;
    const taps = kernel.data.length / cout;
    for (let i = 0; i < cin; i++) {
      for (let m = 0; m < multiplier; m++) values[i * cout + i * multiplier + m] = signedNorm(kernel.data, taps, i * multiplier + m, cout);
    }
  } else if (layer.kind === 'separable-conv2d') {
    const depthwise = computeWeightByRole(layer.weights, tensors, 'depthwise_kernel');
    const pointwise = computeWeightByRole(layer.weights, tensors, 'pointwise_kernel');
    if (!depthwise || !pointwise) return null;
    const mid = pointwise.data.length / cout;
    const multiplier = mid / cin;
    if (!Number.isInteger(multiplier) || depthwise.data.length % mid !== 0) {
      throw new LayoutError(`separable layer "${layer.name}": kernels do not match ${cin} -> ${cout} channels`);
    }
    const taps = depthwise.data.length / mid;
    for (let i = 0; i < cin; i++) {
      for (let m = 0; m < multiplier; m++) {
        const norm = Math.abs(signedNorm(depthwise.data, taps, i * multiplier + m, mid));
        for (let o = 0; o < cout; o++) values[i * cout + o]! += norm * pointwise.data[(i * multiplier + m) * cout + o]!;
      }
    }
  } else {
    return null;
  }
  return { sourceLayer: input.id, targetLayer: layer.id, positions: 'channels', sourceCount: cin, targetCount: cout, values, targetOffset: 0 };
}

/**
 * One-to-one channel (or unit) edges for layers that keep channels apart: pooling, padding,
 * batch-norm, activation, global pooling (channel -> node) and add/concatenate (input k's channel c
 * -> channel offset_k + c).
 */
export function computeOneToOneCandidates(network: NetworkDescription, layer: LayerDescription, inputSlot: number): EdgeCandidates | null {
  const input = network.layers[layer.inputs[inputSlot]!]!;
  let offset = 0;
  if (layer.kind === 'concatenate') {
    for (let k = 0; k < inputSlot; k++) offset += computeSpatialShape(network.layers[layer.inputs[k]!]!.outputShape).channels;
  }
  const image = input.outputShape.length === 3;
  const count = image ? computeSpatialShape(input.outputShape).channels : computeShapeSize(input.outputShape);
  return {
    sourceLayer: input.id,
    targetLayer: layer.id,
    positions: image ? 'channels' : 'units',
    sourceCount: count,
    targetCount: count + offset,
    values: null,
    targetOffset: offset,
  };
}

function requireKernel(layer: LayerDescription, tensors: readonly TensorData[] | undefined, role: string, cin: number, cout: number): TensorData | null {
  const kernel = computeWeightByRole(layer.weights, tensors, role);
  if (!kernel) return null;
  if (!Number.isInteger(cout) || kernel.data.length % (cin * cout) !== 0) {
    throw new LayoutError(`layer "${layer.name}": ${role} of ${kernel.data.length} values does not fit ${cin} x ${cout} channels`);
  }
  return kernel;
}

/**
 * L2 norm, signed by the sum, of the kernel slice at `offset` of a [taps, stride] array (the HWIO
 * kernel viewed as taps = kh*kw rows of stride = in*out columns).
 */
function signedNorm(data: Float32Array, taps: number, offset: number, stride: number): number {
  let sum = 0;
  let squares = 0;
  for (let t = 0; t < taps; t++) {
    const v = data[t * stride + offset]!;
    sum += v;
    squares += v * v;
  }
  const norm = Math.sqrt(squares);
  return sum < 0 ? -norm : norm;
}
