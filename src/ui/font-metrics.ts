/**
 * Horizontal text metrics of an MSDF font, matching how three-mesh-ui lays out a Text with
 * fontKerning 'none': each glyph advances xadvance * fontSize / font.info.size; a character the font
 * does not hold (the space in our Roboto) advances fontSize / 3.
 */
export interface MsdfFontJson {
  readonly info: { readonly size: number };
  readonly common: { readonly lineHeight: number; readonly base: number };
  readonly chars: readonly { readonly char: string; readonly xadvance: number; readonly width: number }[];
}

export interface FontMetrics {
  readonly size: number;
  readonly lineHeight: number;
  readonly advance: ReadonlyMap<string, number>;
}

export function computeFontMetrics(font: MsdfFontJson): FontMetrics {
  const advance = new Map<string, number>();
  for (const c of font.chars) advance.set(c.char, c.width === 0 && c.xadvance === 0 ? NaN : c.xadvance);
  return { size: font.info.size, lineHeight: font.common.lineHeight, advance };
}

/** Width in metres of one line of text at fontSize (metres). */
export function computeTextWidth(text: string, metrics: FontMetrics, fontSize: number): number {
  const scale = fontSize / metrics.size;
  let width = 0;
  for (const ch of text) {
    const advance = metrics.advance.get(ch);
    width += advance === undefined || Number.isNaN(advance) ? fontSize / 3 : advance * scale;
  }
  return width;
}

/** Height of one text line in metres (three-mesh-ui: font.common.lineHeight scaled). */
export function computeLineHeight(metrics: FontMetrics, fontSize: number): number {
  return (metrics.lineHeight * fontSize) / metrics.size;
}

export interface TextSegment {
  /** Left edge and width of the segment within its line, metres. */
  readonly x: number;
  readonly width: number;
}

/**
 * Joins labels into one line separated by `gap` spaces and returns where each label sits, so a row
 * of buttons can share a single Text (one draw call) while each button's box surrounds its label.
 */
export function computeSegmentedLine(labels: readonly string[], metrics: FontMetrics, fontSize: number, gap = 3): { text: string; segments: TextSegment[] } {
  const separator = ' '.repeat(gap);
  const separatorWidth = computeTextWidth(separator, metrics, fontSize);
  const segments: TextSegment[] = [];
  let x = 0;
  for (const label of labels) {
    const width = computeTextWidth(label, metrics, fontSize);
    segments.push({ x, width });
    x += width + separatorWidth;
  }
  return { text: labels.join(separator), segments };
}
