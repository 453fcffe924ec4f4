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
}

export interface UiCounters {
  /** Text.set calls that really changed a string (each one rebuilds that Text's geometry). */
  textSets: number;
  /** Canvas redraws + texture uploads of panel surfaces. */
  surfaceDraws: number;
  /** Main-thread milliseconds spent in the panels' ui-phase update (placement, canvases, ThreeMeshUI.update), summed. */
  updateMs: number;
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
    counters: { textSets: 0, surfaceDraws: 0, updateMs: 0, updates: 0 },
  };
}
