/**
 * Colour maps, computed on the CPU once and uploaded as a small lookup texture so the shaders and
 * the tests use the very same numbers.
 *
 * Row 0: Moreland's "cool to warm" diverging map (Kenneth Moreland, Diverging Color Maps for
 * Scientific Visualization, 2009): blue for negative, light grey for zero, red for positive; its
 * lightness falls off symmetrically from the centre, so equal |value| reads as equal strength.
 * Row 1: a grey ramp for input images.
 */

export type Rgb = readonly [number, number, number];

/** sRGB control points (0..255) of the cool-warm map at t = 0, 1/8, ..., 1. */
const COOL_WARM: readonly Rgb[] = [
  [59, 76, 192],
  [98, 130, 234],
  [141, 176, 254],
  [184, 208, 243],
  [221, 221, 221],
  [245, 196, 173],
  [244, 154, 123],
  [222, 96, 77],
  [180, 4, 38],
];

/** Rows of the lookup texture. */
export const COLOUR_MAP_ROW_DIVERGING = 0;
export const COLOUR_MAP_ROW_GREY = 1;
export const COLOUR_MAP_ROWS = 2;

/**
 * Diverging colour of a signed, normalised value s in -1..1 (clamped): sRGB components in 0..1.
 * Piecewise-linear between the control points, with t = (s + 1) / 2.
 */
export function computeDivergingColour(s: number, out: [number, number, number] = [0, 0, 0]): [number, number, number] {
  const t = Math.min(1, Math.max(0, (Number.isFinite(s) ? s : 0) * 0.5 + 0.5));
  const x = t * (COOL_WARM.length - 1);
  const i = Math.min(COOL_WARM.length - 2, Math.floor(x));
  const f = x - i;
  const a = COOL_WARM[i]!;
  const b = COOL_WARM[i + 1]!;
  for (let k = 0; k < 3; k++) out[k] = (a[k]! + (b[k]! - a[k]!) * f) / 255;
  return out;
}

/**
 * The lookup texture's texels: `width` x COLOUR_MAP_ROWS, RGBA8, sRGB-encoded.
 * Texel i of a row holds the colour at t = i / (width - 1).
 */
export function computeColourMapLut(width = 256): Uint8Array {
  if (!Number.isInteger(width) || width < 2) throw new RangeError(`colour map width must be an integer >= 2, got ${width}`);
  const data = new Uint8Array(width * COLOUR_MAP_ROWS * 4);
  const rgb: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < width; i++) {
    const t = i / (width - 1);
    computeDivergingColour(t * 2 - 1, rgb);
    const d = (COLOUR_MAP_ROW_DIVERGING * width + i) * 4;
    data[d] = Math.round(rgb[0] * 255);
    data[d + 1] = Math.round(rgb[1] * 255);
    data[d + 2] = Math.round(rgb[2] * 255);
    data[d + 3] = 255;
    const g = (COLOUR_MAP_ROW_GREY * width + i) * 4;
    data[g] = data[g + 1] = data[g + 2] = Math.round(t * 255);
    data[g + 3] = 255;
  }
  return data;
}
