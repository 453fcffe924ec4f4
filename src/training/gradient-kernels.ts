/**
 * Our gradient kernels, registered into tfjs for a backend: computeConv2DFilterGrad as
 * Conv2DBackpropFilter, computeConv2DInputGrad as Conv2DBackpropInput and computeMaxPoolGrad as
 * MaxPoolGrad.
 *
 * tfjs-backend-wasm 4.22 ships no Conv2DBackpropFilter, so a conv net cannot train on it; the stock cpu
 * kernel exists but reads every element through TensorBuffer.get (over a hundred times slower than
 * this). The stock wasm MaxPoolGrad works but is slow. On wasm the kernels read their inputs straight
 * from the wasm heap and write into a heap-allocated output: no copies.
 */
import * as tf from '@tensorflow/tfjs';
import { computeConv2DFilterGrad, type Conv2DFilterGradGeometry } from './conv2d-backprop-filter';
import { computeConv2DInputGrad } from './conv2d-backprop-input';
import { computeMaxPoolGrad } from './max-pool-grad';

export class UnsupportedConvGradError extends Error {
  override name = 'UnsupportedConvGradError';
}

interface WasmLikeBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

function isWasmLike(backend: unknown): backend is WasmLikeBackend {
  const b = backend as Partial<WasmLikeBackend>;
  return typeof b.makeOutput === 'function' && typeof b.typedArrayFromHeap === 'function';
}

/** Geometry of the filter gradient from the kernel's inputs and attributes (NHWC only). */
export function computeFilterGradGeometry(
  xShape: readonly number[],
  attrs: tf.Conv2DBackpropFilterAttrs & { dilations?: number | [number, number] },
): Conv2DFilterGradGeometry {
  if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC') {
    throw new UnsupportedConvGradError(`Conv2DBackpropFilter: only NHWC is supported, got ${attrs.dataFormat}`);
  }
  if (xShape.length !== 4) throw new UnsupportedConvGradError(`Conv2DBackpropFilter: x must be rank 4, got [${xShape.join(', ')}]`);
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    dilationHeight: info.dilationHeight,
    dilationWidth: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

/** Runs `compute` on float32 views of the inputs and returns an output of `shape`, on wasm without copies. */
function runFloatKernel(
  backendArg: unknown,
  inputs: readonly tf.TensorInfo[],
  shape: number[],
  compute: (values: Float32Array[], out: Float32Array) => void,
): tf.TensorInfo {
  if (isWasmLike(backendArg)) {
    // Allocate first: growing the heap detaches earlier views of it.
    const out = backendArg.makeOutput(shape, 'float32');
    compute(inputs.map((input) => backendArg.typedArrayFromHeap(input)), backendArg.typedArrayFromHeap(out));
    return out;
  }
  const backend = backendArg as tf.KernelBackend;
  const result = new Float32Array(shape.reduce((a, b) => a * b, 1));
  compute(inputs.map((input) => backend.readSync(input.dataId) as Float32Array), result);
  return { dataId: backend.write(result, shape, 'float32'), shape, dtype: 'float32' };
}

function maxPoolGradKernel(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { dy, input } = args.inputs as tf.MaxPoolGradInputs;
  const attrs = args.attrs as unknown as tf.MaxPoolGradAttrs;
  if (!dy || !input || input.dtype !== 'float32' || dy.dtype !== 'float32' || input.shape.length !== 4) {
    throw new UnsupportedConvGradError('MaxPoolGrad: needs float32 rank-4 dy and input');
  }
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const geometry = {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    channels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
  return runFloatKernel(args.backend, [input, dy], [...input.shape], ([x, g], out) => computeMaxPoolGrad(x!, g!, geometry, out));
}

function conv2DBackpropFilterKernel(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { x, dy } = args.inputs as tf.Conv2DBackpropFilterInputs;
  if (!x || !dy) throw new UnsupportedConvGradError('Conv2DBackpropFilter needs inputs x and dy');
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') {
    throw new UnsupportedConvGradError(`Conv2DBackpropFilter: float32 only, got ${x.dtype}/${dy.dtype}`);
  }
  const geometry = computeFilterGradGeometry(x.shape, args.attrs as unknown as tf.Conv2DBackpropFilterAttrs);
  const shape = [geometry.filterHeight, geometry.filterWidth, geometry.inChannels, geometry.outChannels];
  return runFloatKernel(args.backend, [x, dy], shape, ([xs, dys], out) => computeConv2DFilterGrad(xs!, dys!, geometry, out));
}

function conv2DBackpropInputKernel(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { dy, filter } = args.inputs as tf.Conv2DBackpropInputInputs;
  const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
  if (!dy || !filter || dy.dtype !== 'float32' || filter.dtype !== 'float32') {
    throw new UnsupportedConvGradError('Conv2DBackpropInput: needs float32 dy and filter');
  }
  const geometry = computeFilterGradGeometry(attrs.inputShape, { ...attrs, filterShape: filter.shape as [number, number, number, number] });
  return runFloatKernel(args.backend, [dy, filter], [...attrs.inputShape], ([dys, w], out) => computeConv2DInputGrad(dys!, w!, geometry, out));
}

/** Registers `config` in place of what `backendName` had for that kernel; the cleanup restores it. */
function setupKernel(kernelName: string, backendName: string, kernelFunc: tf.KernelFunc): () => void {
  const previous = tf.getKernel(kernelName, backendName) as tf.KernelConfig | undefined;
  if (previous) tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ kernelName, backendName, kernelFunc });
  return () => {
    tf.unregisterKernel(kernelName, backendName);
    if (previous) tf.registerKernel(previous);
  };
}

/**
 * Makes our kernel the Conv2DBackpropFilter of `backendName` ('wasm' or 'cpu'). The cleanup puts back
 * whatever was registered before (the stock cpu kernel, or nothing on wasm).
 */
export function setupConv2DBackpropFilterKernel(backendName: string): () => void {
  return setupKernel(tf.Conv2DBackpropFilter, backendName, conv2DBackpropFilterKernel);
}

/** Makes computeConv2DInputGrad the Conv2DBackpropInput of `backendName`; the cleanup restores the stock kernel. */
export function setupConv2DBackpropInputKernel(backendName: string): () => void {
  return setupKernel(tf.Conv2DBackpropInput, backendName, conv2DBackpropInputKernel);
}

/** Makes computeMaxPoolGrad the MaxPoolGrad of `backendName`; the cleanup restores the stock kernel. */
export function setupMaxPoolGradKernel(backendName: string): () => void {
  return setupKernel(tf.MaxPoolGrad, backendName, maxPoolGradKernel);
}
