/**
 * The gradient of 2-D max pooling (NHWC): each output gradient goes to the input position that was
 * the window's maximum, the first one in row-major window order on ties (as tfjs's cpu kernel does);
 * padding positions never win. Windows may overlap, so contributions add up.
 *
 * tfjs-backend-wasm's MaxPoolGrad takes ~18% of a training step of the default net; this loop
 * (one pass over the windows, reading x in place) takes a few percent of that.
 */

export interface PoolGradGeometry {
  readonly batch: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly channels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
}

/** Writes dx (shape of x) into `out`. */
export function computeMaxPoolGrad(x: Float32Array, dy: Float32Array, g: PoolGradGeometry, out: Float32Array): Float32Array {
  const { batch, inHeight, inWidth, channels: c, outHeight, outWidth } = g;
  if (x.length !== batch * inHeight * inWidth * c || out.length !== x.length) throw new RangeError('x or dx does not match the geometry');
  if (dy.length !== batch * outHeight * outWidth * c) throw new RangeError('dy does not match the geometry');
  out.fill(0);
  const rowStride = inWidth * c;
  for (let b = 0; b < batch; b++) {
    const image = b * inHeight * rowStride;
    for (let oh = 0; oh < outHeight; oh++) {
      const ih0 = oh * g.strideHeight - g.padTop;
      const khMin = Math.max(0, -ih0);
      const khMax = Math.min(g.filterHeight, inHeight - ih0);
      for (let ow = 0; ow < outWidth; ow++) {
        const iw0 = ow * g.strideWidth - g.padLeft;
        const kwMin = Math.max(0, -iw0);
        const kwMax = Math.min(g.filterWidth, inWidth - iw0);
        const dyo = ((b * outHeight + oh) * outWidth + ow) * c;
        for (let ch = 0; ch < c; ch++) {
          let best = Number.NEGATIVE_INFINITY;
          let at = -1;
          for (let kh = khMin; kh < khMax; kh++) {
            let index = image + (ih0 + kh) * rowStride + (iw0 + kwMin) * c + ch;
            for (let kw = kwMin; kw < kwMax; kw++, index += c) {
              const value = x[index]!;
              if (value > best) {
                best = value;
                at = index;
              }
            }
          }
          if (at >= 0) out[at]! += dy[dyo + ch]!;
        }
      }
    }
  }
  return out;
}
