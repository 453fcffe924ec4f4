/**
 * The gradient of Conv2D with respect to its filter, as plain loops over typed arrays.
 *
 * For an NHWC input x [B, H, W, Ci] and output gradient dy [B, Ho, Wo, Co]:
 *   dW[kh, kw, ci, co] = Σ_b Σ_oh Σ_ow x[b, oh·sh − padTop + kh·dh, ow·sw − padLeft + kw·dw, ci] · dy[b, oh, ow, co]
 * (terms whose input position falls in the padding are zero).
 *
 * Loop order: (kh, kw, ci, a block of 8 co) outside, then every output position (b, oh, ow) inside.
 * The eight sums of a block live in registers for the whole pass, so each step of the inner loop is one
 * x load, eight contiguous dy loads and eight multiply-adds, with no stores; x and dy of one batch
 * (a few hundred KB for the default net) stay in L2 across passes. No im2col buffer is built. A zero
 * input value (ReLU outputs and MNIST background: most of them) skips its step. Sums are float64
 * (JS numbers), rounded to float32 once.
 */

export interface Conv2DFilterGradGeometry {
  readonly batch: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly inChannels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly outChannels: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly dilationHeight: number;
  readonly dilationWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
}

/** Valid range [min, max) of output positions o with 0 <= o·stride + shift < inSize. */
function computeValidRange(shift: number, stride: number, inSize: number, outSize: number): [number, number] {
  const min = Math.max(0, Math.ceil(-shift / stride));
  const max = Math.min(outSize, Math.floor((inSize - 1 - shift) / stride) + 1);
  return [min, Math.max(min, max)];
}

/** Writes dW ([filterHeight, filterWidth, inChannels, outChannels], row-major) into `out`. */
export function computeConv2DFilterGrad(
  x: Float32Array,
  dy: Float32Array,
  g: Conv2DFilterGradGeometry,
  out: Float32Array,
): Float32Array {
  const { batch, inHeight, inWidth, inChannels: ci, outHeight, outWidth, outChannels: co } = g;
  const size = g.filterHeight * g.filterWidth * ci * co;
  if (out.length !== size) throw new RangeError(`dW buffer has ${out.length} floats, expected ${size}`);
  if (x.length !== batch * inHeight * inWidth * ci) throw new RangeError('x does not match the geometry');
  if (dy.length !== batch * outHeight * outWidth * co) throw new RangeError('dy does not match the geometry');
  const xStep = g.strideWidth * ci; // x offset between neighbouring output columns
  const xImage = inHeight * inWidth * ci;
  const dyImage = outHeight * outWidth * co;
  const co8 = co - (co % 8);
  for (let kh = 0; kh < g.filterHeight; kh++) {
    const shiftH = kh * g.dilationHeight - g.padTop; // ih = oh·sh + shiftH
    const [ohMin, ohMax] = computeValidRange(shiftH, g.strideHeight, inHeight, outHeight);
    for (let kw = 0; kw < g.filterWidth; kw++) {
      const shiftW = kw * g.dilationWidth - g.padLeft; // iw = ow·sw + shiftW
      const [owMin, owMax] = computeValidRange(shiftW, g.strideWidth, inWidth, outWidth);
      const n = owMax - owMin;
      for (let c = 0; c < ci; c++) {
        const outBase = ((kh * g.filterWidth + kw) * ci + c) * co;
        // Eight output channels at a time, summed in registers over every output position.
        for (let k = 0; k < co8; k += 8) {
          let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
          for (let b = 0; b < batch; b++) {
            for (let oh = ohMin; oh < ohMax; oh++) {
              let xi = b * xImage + ((oh * g.strideHeight + shiftH) * inWidth + owMin * g.strideWidth + shiftW) * ci + c;
              let di = b * dyImage + (oh * outWidth + owMin) * co + k;
              for (let i = 0; i < n; i++, xi += xStep, di += co) {
                const xv = x[xi]!;
                if (xv === 0) continue; // ReLU outputs and MNIST background are mostly zero
                s0 += xv * dy[di]!; s1 += xv * dy[di + 1]!; s2 += xv * dy[di + 2]!; s3 += xv * dy[di + 3]!;
                s4 += xv * dy[di + 4]!; s5 += xv * dy[di + 5]!; s6 += xv * dy[di + 6]!; s7 += xv * dy[di + 7]!;
              }
            }
          }
          out[outBase + k] = s0; out[outBase + k + 1] = s1; out[outBase + k + 2] = s2; out[outBase + k + 3] = s3;
          out[outBase + k + 4] = s4; out[outBase + k + 5] = s5; out[outBase + k + 6] = s6; out[outBase + k + 7] = s7;
        }
        for (let k = co8; k < co; k++) {
          let s = 0;
          for (let b = 0; b < batch; b++) {
            for (let oh = ohMin; oh < ohMax; oh++) {
              let xi = b * xImage + ((oh * g.strideHeight + shiftH) * inWidth + owMin * g.strideWidth + shiftW) * ci + c;
              let di = b * dyImage + (oh * outWidth + owMin) * co + k;
              for (let i = 0; i < n; i++, xi += xStep, di += co) s += x[xi]! * dy[di]!;
            }
          }
          out[outBase + k] = s;
        }
      }
    }
  }
  return out;
}
