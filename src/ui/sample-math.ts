/** Pure helpers of the sample picker. */

/** Index of the largest value; -1 for a missing or empty array. */
export function computeArgmax(values: ArrayLike<number> | undefined): number {
  if (!values || values.length === 0) return -1;
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

/**
 * Writes one probe input as greyscale RGBA into an atlas row: first channel, min..max of the input
 * mapped to 0..255 (so 0..1, -1..1 and 0..255 normalisations all show the same image).
 */
export function computeThumbnailPixels(input: Float32Array, shape: readonly number[], rgba: Uint8ClampedArray, xOffset: number, atlasWidth: number): void {
  const [h = 1, w = 1, c = 1] = shape;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < h * w; i++) {
    const v = input[i * c]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min || 1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = Math.round(((input[(y * w + x) * c]! - min) / span) * 255);
      const o = (y * atlasWidth + xOffset + x) * 4;
      rgba[o] = v;
      rgba[o + 1] = v;
      rgba[o + 2] = v;
      rgba[o + 3] = 255;
    }
  }
}
