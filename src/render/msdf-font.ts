/**
 * The MSDF font (BMFont JSON from msdf-bmfont, as shipped with three-mesh-ui) and pure text layout:
 * which glyph quads a label is made of. No three.js here.
 */

export interface MsdfChar {
  readonly id: number;
  readonly char: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly xoffset: number;
  readonly yoffset: number;
  readonly xadvance: number;
}

export interface MsdfFontJson {
  readonly chars: readonly MsdfChar[];
  readonly info: { readonly size: number };
  readonly common: { readonly lineHeight: number; readonly base: number; readonly scaleW: number; readonly scaleH: number };
  readonly distanceField?: { readonly distanceRange: number };
  readonly kernings?: readonly { readonly first: number; readonly second: number; readonly amount: number }[];
}

export interface FontMetrics {
  readonly json: MsdfFontJson;
  readonly glyphs: ReadonlyMap<number, MsdfChar>;
  /** Characters with a glyph, plus space and newline (laid out without one). */
  readonly charset: ReadonlySet<string>;
  /** kerning.get(first * 65536 + second) = amount (font units). */
  readonly kerning: ReadonlyMap<number, number>;
  /** Advance of a space in font units (this font has no space glyph). */
  readonly spaceAdvance: number;
  readonly distanceRange: number;
}

export class FontError extends Error {
  override readonly name = 'FontError';
}

export function createFontMetrics(json: MsdfFontJson): FontMetrics {
  if (!Array.isArray(json?.chars) || !json.common || !(json.common.lineHeight > 0)) {
    throw new FontError('not an MSDF BMFont JSON: it needs chars[] and common.lineHeight');
  }
  const glyphs = new Map<number, MsdfChar>();
  const charset = new Set<string>([' ', '\n']);
  for (const c of json.chars) {
    glyphs.set(c.id, c);
    charset.add(String.fromCodePoint(c.id));
  }
  const kerning = new Map<number, number>();
  for (const k of json.kernings ?? []) kerning.set(k.first * 65536 + k.second, k.amount);
  const space = glyphs.get(32);
  return {
    json,
    glyphs,
    charset,
    kerning,
    spaceAdvance: space ? space.xadvance : json.info.size * 0.25,
    distanceRange: json.distanceField?.distanceRange ?? 4,
  };
}

/**
 * Text the font can draw: tabs and other whitespace become spaces, control characters vanish,
 * a missing character becomes its unaccented base letter when the font has it ('é' -> 'e'),
 * else `replacement` (when the font has it), else nothing. Never throws.
 */
export function computeSafeText(text: string, charset: ReadonlySet<string>, replacement = '?'): string {
  let out = '';
  for (const ch of String(text ?? '')) {
    if (ch === '\n' || charset.has(ch)) {
      out += ch;
    } else if (/^\s$/u.test(ch)) {
      out += charset.has(' ') ? ' ' : '';
    } else if (/^\p{Cc}$/u.test(ch)) {
      continue;
    } else {
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      if (base.length > 0 && [...base].every((b) => charset.has(b))) out += base;
      else if (charset.has(replacement)) out += replacement;
    }
  }
  return out;
}

export type TextAlign = 'left' | 'center' | 'right';

/** One glyph quad relative to the label's anchor, metres (y up), and its texture rectangle (v down). */
export interface GlyphQuad {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly u0: number;
  readonly vBottom: number;
  readonly u1: number;
  readonly vTop: number;
}

/**
 * Lays out (already safe) text: lines stacked downwards, each aligned horizontally on the anchor,
 * the whole block centred vertically on it. `size` is the line height in metres.
 */
export function computeTextQuads(text: string, font: FontMetrics, size: number, align: TextAlign): GlyphQuad[] {
  const { lineHeight, scaleW, scaleH } = font.json.common;
  const scale = size / lineHeight;
  const lines = text.split('\n');
  const quads: GlyphQuad[] = [];
  const blockTop = (lines.length * lineHeight) / 2;
  lines.forEach((line, row) => {
    const chars = [...line];
    let width = 0;
    let previous = -1;
    for (const ch of chars) {
      const id = ch.codePointAt(0)!;
      const glyph = font.glyphs.get(id);
      width += (glyph ? glyph.xadvance : font.spaceAdvance) + (font.kerning.get(previous * 65536 + id) ?? 0);
      previous = id;
    }
    let pen = align === 'left' ? 0 : align === 'center' ? -width / 2 : -width;
    const top = blockTop - row * lineHeight;
    previous = -1;
    for (const ch of chars) {
      const id = ch.codePointAt(0)!;
      const glyph = font.glyphs.get(id);
      pen += font.kerning.get(previous * 65536 + id) ?? 0;
      previous = id;
      if (!glyph) {
        pen += font.spaceAdvance;
        continue;
      }
      if (glyph.width > 0 && glyph.height > 0) {
        quads.push({
          x: (pen + glyph.xoffset) * scale,
          y: (top - glyph.yoffset - glyph.height) * scale,
          width: glyph.width * scale,
          height: glyph.height * scale,
          u0: glyph.x / scaleW,
          u1: (glyph.x + glyph.width) / scaleW,
          vTop: glyph.y / scaleH,
          vBottom: (glyph.y + glyph.height) / scaleH,
        });
      }
      pen += glyph.xadvance;
    }
  });
  return quads;
}
