import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeFontCharset, computeSafeText } from '../../../src/ui/safe-text';
import { computeFontMetrics, computeLineHeight, computeSegmentedLine, computeTextWidth, type MsdfFontJson } from '../../../src/ui/font-metrics';
import { computeMinFontSize, computeMinTextHeight } from '../../../src/ui/comfort';
import { computeGrabOffset, computeSliderFraction, computeSliderValue } from '../../../src/ui/widgets/slider-math';
import { computeAxisBounds, computeCurvePoints, computeEpochX } from '../../../src/ui/curve-math';

const font = JSON.parse(readFileSync(new URL('../../../assets/generated/fonts/Roboto-msdf.json', import.meta.url), 'utf8')) as MsdfFontJson & { chars: { char: string }[] };
const charset = computeFontCharset(font);

describe('computeSafeText against the real Roboto MSDF font', () => {
  it('keeps text the font can draw', () => {
    expect(computeSafeText('Epoch 7 / 20: loss 0.123, acc 98.5%', charset)).toBe('Epoch 7 / 20: loss 0.123, acc 98.5%');
  });
  it('spells known symbols in characters the font has', () => {
    expect(computeSafeText('26×26×8', charset)).toBe('26x26x8');
    expect(computeSafeText('a → b', charset)).toBe('a  to  b');
    expect(computeSafeText('x < 3', charset)).toBe('x lt 3');
  });
  it('replaces unknown characters by ? and leaves no character the font lacks', () => {
    const out = computeSafeText('日本 ✓ ok\nnext', charset);
    expect(out).toBe('?? ? ok\nnext');
    for (const ch of computeSafeText('→←↑↓×·…≈≤≥<>²µ—−“”‘’\t漢🙂', charset)) expect(ch === ' ' || ch === '\n' || charset.has(ch)).toBe(true);
  });
});

describe('font metrics', () => {
  const metrics = computeFontMetrics(font);
  it('measures like three-mesh-ui: xadvance scaled, missing space = fontSize / 3', () => {
    const zero = font.chars.find((c) => c.char === '0')!;
    expect(computeTextWidth('00', metrics, 0.042)).toBeCloseTo((2 * zero.xadvance * 0.042) / font.info.size, 10);
    expect(computeTextWidth(' ', metrics, 0.03)).toBeCloseTo(0.01, 10);
    expect(computeLineHeight(metrics, 0.042)).toBeCloseTo((font.common.lineHeight * 0.042) / font.info.size, 10);
  });
  it('lays out a row of labels as one line with non-overlapping segments', () => {
    const { text, segments } = computeSegmentedLine(['Start', 'Pause', 'Reset'], metrics, 0.02, 3);
    expect(text).toBe('Start   Pause   Reset');
    expect(segments[1]!.x).toBeCloseTo(computeTextWidth('Start   ', metrics, 0.02), 10);
    expect(segments[2]!.x + segments[2]!.width).toBeCloseTo(computeTextWidth(text, metrics, 0.02), 10);
  });
});

describe('computeMinTextHeight', () => {
  it('is about 3.7 mm for 0.3 degrees at 0.7 m and grows linearly with distance', () => {
    expect(computeMinTextHeight(0.7)).toBeCloseTo(0.003665, 5);
    expect(computeMinTextHeight(1.4)).toBeCloseTo(2 * computeMinTextHeight(0.7), 10);
    expect(computeMinFontSize(0.7)).toBeGreaterThan(computeMinTextHeight(0.7));
    expect(() => computeMinTextHeight(0)).toThrow(RangeError);
  });
});

describe('slider math', () => {
  const epochs = { min: 0, max: 20, step: 1 };
  it('maps a hit point on the track to a snapped value, clamped to the ends', () => {
    expect(computeSliderValue(0.1, 0.1, 0.4, epochs)).toBe(0);
    expect(computeSliderValue(0.3, 0.1, 0.4, epochs)).toBe(10);
    expect(computeSliderValue(0.309, 0.1, 0.4, epochs)).toBe(10);
    expect(computeSliderValue(0.311, 0.1, 0.4, epochs)).toBe(11);
    expect(computeSliderValue(-5, 0.1, 0.4, epochs)).toBe(0);
    expect(computeSliderValue(5, 0.1, 0.4, epochs)).toBe(20);
  });
  it('snaps fractional steps without floating-point dust and handles a continuous range', () => {
    expect(computeSliderValue(0.3, 0, 1, { min: 0, max: 1, step: 0.05 })).toBe(0.3);
    expect(computeSliderValue(0.123, 0, 1, { min: 0, max: 1, step: 0 })).toBeCloseTo(0.123, 10);
    expect(computeSliderValue(0.5, 0, 1, { min: 3, max: 3, step: 1 })).toBe(3);
  });
  it('inverts: the thumb of a value sits where that value is hit', () => {
    for (let v = 0; v <= 20; v++) expect(computeSliderValue(0.1 + computeSliderFraction(v, epochs) * 0.4, 0.1, 0.4, epochs)).toBe(v);
  });
  it('keeps the grab offset only when the drag starts on the thumb', () => {
    expect(computeGrabOffset(0.51, 0.5, 0.02)).toBeCloseTo(0.01, 10);
    expect(computeGrabOffset(0.6, 0.5, 0.02)).toBe(0);
  });
});

describe('curve scaling', () => {
  const rect = { x: 10, y: 20, width: 100, height: 50 };
  it('puts epochs across the width and larger values higher', () => {
    const points = computeCurvePoints([0, 0.5, 1], { min: 0, max: 1 }, rect);
    expect(Array.from(points)).toEqual([10, 70, 60, 45, 110, 20]);
    expect(computeEpochX(0, 1, rect)).toBe(10);
  });
  it('leaves gaps for NaN and clamps outliers into the plot', () => {
    const points = computeCurvePoints([NaN, 2, -1], { min: 0, max: 1 }, rect);
    expect(Number.isNaN(points[0]!)).toBe(true);
    expect(points[3]).toBe(20);
    expect(points[5]).toBe(70);
  });
  it('bounds start at 0 and include the largest finite value', () => {
    const bounds = computeAxisBounds([[NaN, 2.3, 0.4], [1.9]]);
    expect(bounds.min).toBe(0);
    expect(bounds.max).toBeGreaterThanOrEqual(2.3);
    expect(computeAxisBounds([[NaN]])).toEqual({ min: 0, max: 1 });
  });
});

describe('text rebuild budget', () => {
  it('applies at most textBudget pending texts a frame, taking turns', async () => {
    const { updatePendingTexts } = await import('../../../src/ui/ui-context');
    const applied: string[] = [];
    const context = { pendingTexts: new Set<() => void>(), textBudget: 1 } as Parameters<typeof updatePendingTexts>[0];
    const labels = ['a', 'b', 'c'].map((name) => () => applied.push(name));
    for (let frame = 0; frame < 3; frame++) {
      // Every label changes every frame; a pending one keeps its place.
      for (const l of labels) context.pendingTexts.add(l);
      updatePendingTexts(context);
    }
    expect(applied).toEqual(['a', 'b', 'c']);
  });
});
