import { describe, expect, it } from 'vitest';
import { COLOUR_MAP_ROWS, computeColourMapLut, computeDivergingColour } from '../../../src/render/colour-map';
import { computeNormalisedValue } from '../../../src/render/activation-values';

const luminance = ([r, g, b]: readonly number[]) => 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;

describe('computeDivergingColour', () => {
  it('is blue for negative, light grey at zero, red for positive', () => {
    const [r0, g0, b0] = computeDivergingColour(-1);
    expect(b0).toBeGreaterThan(r0);
    const mid = computeDivergingColour(0);
    expect(Math.max(...mid) - Math.min(...mid)).toBeLessThan(0.01);
    expect(mid[0]).toBeGreaterThan(0.8);
    const [r1, , b1] = computeDivergingColour(1);
    expect(r1).toBeGreaterThan(b1);
    expect(g0).toBeGreaterThan(0);
  });

  it('has lightness falling off symmetrically from the centre', () => {
    for (const s of [0.25, 0.5, 0.75, 1]) {
      const neg = luminance(computeDivergingColour(-s));
      const pos = luminance(computeDivergingColour(s));
      expect(neg).toBeLessThan(luminance(computeDivergingColour(-s + 0.2)));
      expect(pos).toBeLessThan(luminance(computeDivergingColour(s - 0.2)));
    }
  });

  it('clamps out-of-range and non-finite values', () => {
    expect(computeDivergingColour(5)).toEqual(computeDivergingColour(1));
    expect(computeDivergingColour(-5)).toEqual(computeDivergingColour(-1));
    expect(computeDivergingColour(NaN)).toEqual(computeDivergingColour(0));
  });
});

describe('computeColourMapLut', () => {
  it('holds the diverging row and a grey ramp, opaque, with endpoints equal to the map', () => {
    const width = 256;
    const lut = computeColourMapLut(width);
    expect(lut.length).toBe(width * COLOUR_MAP_ROWS * 4);
    const first = computeDivergingColour(-1).map((c) => Math.round(c * 255));
    const last = computeDivergingColour(1).map((c) => Math.round(c * 255));
    expect([...lut.subarray(0, 3)]).toEqual(first);
    expect([...lut.subarray((width - 1) * 4, (width - 1) * 4 + 3)]).toEqual(last);
    const grey = width * 4;
    expect([...lut.subarray(grey, grey + 4)]).toEqual([0, 0, 0, 255]);
    expect([...lut.subarray(grey + (width - 1) * 4, grey + width * 4)]).toEqual([255, 255, 255, 255]);
    for (let i = 3; i < lut.length; i += 4) expect(lut[i]).toBe(255);
  });

  it('rejects a width that cannot hold both ends', () => {
    expect(() => computeColourMapLut(1)).toThrow(RangeError);
  });
});

describe('computeNormalisedValue', () => {
  it('centres diverging values on zero and scales by the larger |end|', () => {
    expect(computeNormalisedValue(2, -1, 4, true)).toBe(0.5);
    expect(computeNormalisedValue(-1, -1, 4, true)).toBe(-0.25);
    expect(computeNormalisedValue(0, 0, 0, true)).toBe(0);
  });

  it('maps an image range min..max to 0..1', () => {
    expect(computeNormalisedValue(3, 1, 5, false)).toBe(0.5);
    expect(computeNormalisedValue(9, 1, 5, false)).toBe(1);
    expect(computeNormalisedValue(1, 1, 1, false)).toBe(0);
  });
});
