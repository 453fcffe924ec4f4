/**
 * Affine quantisation with a per-tensor scale and an integer zero point (as in TFLite):
 *   q = clamp(round(x / scale) + zeroPoint, 0, 2^bits - 1),   x' = (q - zeroPoint) * scale
 * The range is widened to contain 0, so exact zeros (dead ReLU units) stay exact zeros and the
 * run-length stage sees them as one repeated symbol. With lo = min(min(x), 0), hi = max(max(x), 0):
 *   scale = (hi - lo) / (2^bits - 1),   zeroPoint = round(-lo / scale)
 * Error bound: |x - x'| <= scale / 2 for every x in the tensor (before the float32 rounding of x',
 * which adds at most |x'| * 2^-24). Why the clamp never costs more: x / scale + zeroPoint lies in
 * [-1/2, 2^bits - 1/2] because zeroPoint is -lo/scale rounded, so rounding then clamping moves it
 * by at most 1/2.
 */

export type QuantBits = 8 | 16;

export interface QuantParams {
  readonly bits: QuantBits;
  /** Step between adjacent levels; 0 for an all-zero tensor. */
  readonly scale: number;
  /** The symbol that decodes to exactly 0. */
  readonly zeroPoint: number;
}

export function computeQuantParams(data: Float32Array, bits: QuantBits): QuantParams {
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < data.length; i++) {
    const x = data[i]!;
    if (x < lo) lo = x;
    else if (x > hi) hi = x;
  }
  const levels = 2 ** bits - 1;
  const scale = (hi - lo) / levels;
  if (!(scale > 0) || !Number.isFinite(scale)) return { bits, scale: 0, zeroPoint: 0 };
  const zeroPoint = Math.min(levels, Math.max(0, Math.round(-lo / scale)));
  return { bits, scale, zeroPoint };
}

/** The largest |x - x'| quantisation can cause for a tensor with these parameters (float32 rounding aside). */
export function computeQuantErrorBound(params: QuantParams): number {
  return params.scale / 2;
}

/** Symbol of one value. */
export function quantiseValue(x: number, params: QuantParams): number {
  if (params.scale === 0) return params.zeroPoint;
  const q = Math.round(x / params.scale) + params.zeroPoint;
  const max = 2 ** params.bits - 1;
  return q < 0 ? 0 : q > max ? max : q;
}

/**
 * Quantises all of `data` into `out`; with `planar` = [h, w, c] the symbols come out channel by
 * channel (out[c * h * w + p] is data[p * c_count + c]). The same arithmetic as quantiseValue,
 * in one tight loop (this is the encoder's hot path).
 */
export function quantiseInto(data: Float32Array, params: QuantParams, out: Uint16Array, planar: readonly number[] | null): void {
  const count = data.length;
  const { scale, zeroPoint } = params;
  const max = 2 ** params.bits - 1;
  if (scale === 0) {
    out.fill(zeroPoint, 0, count);
    return;
  }
  const channels = planar === null ? 1 : planar[2]!;
  const pixels = count / channels;
  let i = 0;
  for (let c = 0; c < channels; c++) {
    for (let p = 0; p < pixels; p++) {
      const q = Math.round(data[p * channels + c]! / scale) + zeroPoint;
      out[i++] = q < 0 ? 0 : q > max ? max : q;
    }
  }
}

/** Value of one symbol. */
export function dequantiseValue(q: number, params: QuantParams): number {
  return (q - params.zeroPoint) * params.scale;
}
