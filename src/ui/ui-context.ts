import type * as THREE from 'three';
import type { FontMetrics, MsdfFontJson } from './font-metrics';
import { computeFontMetrics } from './font-metrics';
import { computeFontCharset } from './safe-text';

/**
 * What every panel shares: the loaded MSDF font (json + texture, handed to three-mesh-ui as objects so
 * it never fetches on its own), its charset for computeSafeText, its metrics for row layout, sizes, and
 * counters the benchmark reads.
 */
export interface UiContext {
  readonly fontJson: MsdfFontJson;
  readonly fontTexture: THREE.Texture;
  readonly charset: ReadonlySet<string>;
  readonly metrics: FontMetrics;
  /** Default text em size, metres: at least computeMinFontSize at the reading distance. */
  readonly fontSize: number;
  readonly counters: UiCounters;
  /**
   * Text rebuilds waiting for their frame: a three-mesh-ui Text rebuild costs milliseconds (a
   * geometry per glyph, then a merge), so at most `textBudget` run per frame, oldest first.
   */
  readonly pendingTexts: Set<() => void>;
  textBudget: number;
}

export interface UiCounters {
  /** Text.set calls that really changed a string (each one rebuilds that Text's geometry). */
  textSets: number;
  /** Canvas redraws + texture uploads of panel surfaces. */
  surfaceDraws: number;
  /** Main-thread milliseconds spent in the panels' ui-phase update (placement, canvases, ThreeMeshUI.update), summed. */
  updateMs: number;
  /** Of updateMs, the part in ThreeMeshUI.update() (text layout and geometry). */
  textMs: number;
  /** ui-phase updates run. */
  updates: number;
}

export function createUiContext(fontJson: MsdfFontJson & { chars: readonly { char: string }[] }, fontTexture: THREE.Texture, fontSize: number): UiContext {
  return {
    fontJson,
    fontTexture,
    charset: computeFontCharset(fontJson),
    metrics: computeFontMetrics(fontJson),
    fontSize,
    counters: { textSets: 0, surfaceDraws: 0, updateMs: 0, textMs: 0, updates: 0 },
    pendingTexts: new Set(),
    textBudget: 1,
  };
}

/** Applies up to `context.textBudget` pending text changes (insertion order: oldest first). */
export function updatePendingTexts(context: UiContext): void {
  let left = context.textBudget;
  for (const apply of context.pendingTexts) {
    if (left-- <= 0) break;
    context.pendingTexts.delete(apply);
    apply();
  }
}
