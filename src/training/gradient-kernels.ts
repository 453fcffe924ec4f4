/**
 * Registers computeConv2DFilterGrad as tfjs's Conv2DBackpropFilter kernel for a backend.
 *
 * tfjs-backend-wasm 4.22 ships no Conv2DBackpropFilter, so a conv net cannot train on it; the stock cpu
 * kernel exists but reads every element through TensorBuffer.get (tens of times slower than this).
 * On wasm the kernel reads x and dy straight from the wasm heap and writes dW into a heap-allocated
 * output: no copies.
 */
import * as tf from '@tensorflow/tfjs';
import { computeConv2DFilterGrad, type Conv2DFilterGradGeometry } from './conv2d-backprop-filter';

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

function conv2DBackpropFilterKernel(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { inputs, attrs } = args;
  const backend = args.backend as tf.KernelBackend;
  const { x, dy } = inputs as tf.Conv2DBackpropFilterInputs;
  if (!x || !dy) throw new UnsupportedConvGradError('Conv2DBackpropFilter needs inputs x and dy');
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') {
    throw new UnsupportedConvGradError(`Conv2DBackpropFilter: float32 only, got ${x.dtype}/${dy.dtype}`);
  }
  const geometry = computeFilterGradGeometry(x.shape, attrs as unknown as tf.Conv2DBackpropFilterAttrs);
  const shape = [geometry.filterHeight, geometry.filterWidth, geometry.inChannels, geometry.outChannels];
  if (isWasmLike(backend)) {
    // Allocate first: growing the heap detaches earlier views of it.
    const out = backend.makeOutput(shape, 'float32');
    computeConv2DFilterGrad(backend.typedArrayFromHeap(x), backend.typedArrayFromHeap(dy), geometry, backend.typedArrayFromHeap(out));
    return out;
  }
  const xValues = backend.readSync(x.dataId) as Float32Array;
  const dyValues = backend.readSync(dy.dataId) as Float32Array;
  const result = new Float32Array(shape[0]! * shape[1]! * shape[2]! * shape[3]!);
  computeConv2DFilterGrad(xValues, dyValues, geometry, result);
  const dataId = backend.write(result, shape, 'float32');
  return { dataId, shape, dtype: 'float32' };
}

/**
 * Makes our kernel the Conv2DBackpropFilter of `backendName` ('wasm' or 'cpu'). The cleanup puts back
 * whatever was registered before (the stock cpu kernel, or nothing on wasm).
 */
export function setupConv2DBackpropFilterKernel(backendName: string): () => void {
  let previous: tf.KernelConfig | undefined;
  try {
    previous = tf.getKernel(tf.Conv2DBackpropFilter, backendName);
  } catch {
    previous = undefined;
  }
  if (previous) tf.unregisterKernel(tf.Conv2DBackpropFilter, backendName);
  tf.registerKernel({ kernelName: tf.Conv2DBackpropFilter, backendName, kernelFunc: conv2DBackpropFilterKernel });
  return () => {
    tf.unregisterKernel(tf.Conv2DBackpropFilter, backendName);
    if (previous) tf.registerKernel(previous);
  };
}
