/**
 * The gradient of Conv2D with respect to its input, as plain loops over typed arrays (NHWC):
 *   dx[b, ih, iw, ci] = Σ_{kh, kw, co} dy[b, oh, ow, co] · W[kh, kw, ci, co]
 * over the (kh, oh), (kw, ow) pairs with ih = oh·sh − padTop + kh·dh (and likewise for columns).
 *
 * Gather form, no scatter: each dx pixel is written once. Eight input channels at a time are summed
 * in registers, so the inner step is one dy load, eight W loads (W is a few KB: always in L1) and
 * eight multiply-adds. A zero dy value (ReLU's mask zeroes about half of them) skips its step.
 */
import type { Conv2DFilterGradGeometry } from './conv2d-backprop-filter';

/** Valid output positions for input position i: o = (i + pad − k·d) / s when that is an integer in range. */
function computeOutputIndex(i: number, k: number, pad: number, dilation: number, stride: number, outSize: number): number {
  const numerator = i + pad - k * dilation;
  if (numerator < 0 || numerator % stride !== 0) return -1;
  const o = numerator / stride;
  return o < outSize ? o : -1;
}

/** Writes dx ([batch, inHeight, inWidth, inChannels]) into `out`. W is [kh, kw, ci, co]. */
export function computeConv2DInputGrad(dy: Float32Array, filter: Float32Array, g: Conv2DFilterGradGeometry, out: Float32Array): Float32Array {
  const { batch, inHeight, inWidth, inChannels: ci, outHeight, outWidth, outChannels: co, filterHeight, filterWidth } = g;
  if (out.length !== batch * inHeight * inWidth * ci) throw new RangeError('dx buffer does not match the geometry');
  if (dy.length !== batch * outHeight * outWidth * co) throw new RangeError('dy does not match the geometry');
  if (filter.length !== filterHeight * filterWidth * ci * co) throw new RangeError('filter does not match the geometry');
  const ci8 = ci - (ci % 8);
  const ohFor = new Int32Array(filterHeight);
  const owFor = new Int32Array(filterWidth);
  for (let b = 0; b < batch; b++) {
    for (let ih = 0; ih < inHeight; ih++) {
      for (let kh = 0; kh < filterHeight; kh++) ohFor[kh] = computeOutputIndex(ih, kh, g.padTop, g.dilationHeight, g.strideHeight, outHeight);
      for (let iw = 0; iw < inWidth; iw++) {
        for (let kw = 0; kw < filterWidth; kw++) owFor[kw] = computeOutputIndex(iw, kw, g.padLeft, g.dilationWidth, g.strideWidth, outWidth);
        const xo = ((b * inHeight + ih) * inWidth + iw) * ci;
        for (let c = 0; c < ci8; c += 8) {
          let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
          for (let kh = 0; kh < filterHeight; kh++) {
            const oh = ohFor[kh]!;
            if (oh < 0) continue;
            for (let kw = 0; kw < filterWidth; kw++) {
              const ow = owFor[kw]!;
              if (ow < 0) continue;
              const dyo = ((b * outHeight + oh) * outWidth + ow) * co;
              let w = ((kh * filterWidth + kw) * ci + c) * co;
              for (let k = 0; k < co; k++, w++) {
                const d = dy[dyo + k]!;
                if (d === 0) continue;
                s0 += d * filter[w]!; s1 += d * filter[w + co]!; s2 += d * filter[w + 2 * co]!; s3 += d * filter[w + 3 * co]!;
                s4 += d * filter[w + 4 * co]!; s5 += d * filter[w + 5 * co]!; s6 += d * filter[w + 6 * co]!; s7 += d * filter[w + 7 * co]!;
              }
            }
          }
          out[xo + c] = s0; out[xo + c + 1] = s1; out[xo + c + 2] = s2; out[xo + c + 3] = s3;
          out[xo + c + 4] = s4; out[xo + c + 5] = s5; out[xo + c + 6] = s6; out[xo + c + 7] = s7;
        }
        for (let c = ci8; c < ci; c++) {
          let s = 0;
          for (let kh = 0; kh < filterHeight; kh++) {
            const oh = ohFor[kh]!;
            if (oh < 0) continue;
            for (let kw = 0; kw < filterWidth; kw++) {
              const ow = owFor[kw]!;
              if (ow < 0) continue;
              const dyo = ((b * outHeight + oh) * outWidth + ow) * co;
              const w = ((kh * filterWidth + kw) * ci + c) * co;
              for (let k = 0; k < co; k++) s += dy[dyo + k]! * filter[w + k]!;
            }
          }
          out[xo + c] = s;
        }
      }
    }
  }
  return out;
}
