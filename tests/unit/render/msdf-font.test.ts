import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FontError, computeSafeText, computeTextQuads, createFontMetrics } from '../../../src/render/msdf-font';
import type { MsdfFontJson } from '../../../src/render/msdf-font';

const fontJson = JSON.parse(readFileSync(new URL('../../../assets/generated/fonts/Roboto-msdf.json', import.meta.url), 'utf8')) as MsdfFontJson;
const font = createFontMetrics(fontJson);

describe('computeSafeText', () => {
  const charset = new Set(['a', 'b', 'e', '?', ' ', 'x', '1', '2']);

  it('keeps characters the font has, spaces and newlines', () => {
    expect(computeSafeText('ab e\nba', charset)).toBe('ab e\nba');
  });

  it('replaces a missing character by its base letter, else by the replacement', () => {
    expect(computeSafeText('é', charset)).toBe('e');
    expect(computeSafeText('a→b', charset)).toBe('a?b');
    expect(computeSafeText('2×1', charset)).toBe('2?1');
  });

  it('handles astral characters as one code point, tabs as spaces, drops control characters', () => {
    expect(computeSafeText('a😀b', charset)).toBe('a?b');
    expect(computeSafeText('a\tb\u0007', charset)).toBe('a b');
  });

  it('drops what it cannot replace when the replacement is missing too, and never throws', () => {
    expect(computeSafeText('a€b', new Set(['a', 'b']))).toBe('ab');
    expect(computeSafeText(undefined as unknown as string, charset)).toBe('');
  });

  it('with the real font: every character of the result has a glyph or is a space', () => {
    const safe = computeSafeText('conv2d_1 → 8@26×26 «ok» ünïcode 😀 <tag> ^~`', font.charset);
    for (const ch of safe) expect(ch === ' ' || ch === '\n' || font.glyphs.has(ch.codePointAt(0)!)).toBe(true);
    expect(safe).toContain('conv2d_1');
    expect(safe).toContain('ü');
  });
});

describe('computeTextQuads', () => {
  it('makes one quad per visible glyph, scaled to the line height, inside the font texture', () => {
    const quads = computeTextQuads('conv 1', font, 0.1, 'left');
    expect(quads.length).toBe(5); // the space has no glyph
    for (const q of quads) {
      expect(q.height).toBeLessThan(0.13);
      for (const v of [q.u0, q.u1, q.vTop, q.vBottom]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
      expect(q.vBottom).toBeGreaterThan(q.vTop);
    }
    // Left to right, the space adds a gap.
    for (let i = 1; i < quads.length; i++) expect(quads[i]!.x).toBeGreaterThan(quads[i - 1]!.x);
  });

  it('aligns lines on the anchor and stacks them downwards', () => {
    const centre = computeTextQuads('abc', font, 0.1, 'center');
    const minX = Math.min(...centre.map((q) => q.x));
    const maxX = Math.max(...centre.map((q) => q.x + q.width));
    expect(Math.abs(minX + maxX)).toBeLessThan(0.02);
    const right = computeTextQuads('abc', font, 0.1, 'right');
    expect(Math.max(...right.map((q) => q.x + q.width))).toBeLessThanOrEqual(0.005);
    const two = computeTextQuads('a\na', font, 0.1, 'left');
    expect(two[1]!.y).toBeCloseTo(two[0]!.y - 0.1, 6);
  });

  it('rejects something that is not an MSDF font', () => {
    expect(() => createFontMetrics({} as MsdfFontJson)).toThrow(FontError);
  });
});
