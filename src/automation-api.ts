import type { Intent } from './app/intents';
import type { AppState } from './app/state';
import type { UserMessage } from './ui/dom/message-surface';
import type { XrInputSnapshot } from './xr/setup-xr-input';

/**
 * window.layerwalk: the scripting surface used by the browser tests and by anyone automating a
 * demo. Every figure comes from the running app; nothing here is made up.
 */

export type WorldPointTarget =
  | { layerId: number }
  | { layerId: number; channel: number }
  | { layerId: number; channel: number; row: number; col: number }
  | { layerId: number; node: number }
  /** The network's base: the point the whole-network grab holds. */
  | { base: true };

export interface FrameStats {
  /** Draw calls of the last rendered frame, all views (both eyes when presenting in stereo). */
  drawCalls: number;
  triangles: number;
  /** Views drawn in the last frame: 1 on desktop, 2 in a stereo headset. */
  views: number;
  geometries: number;
  textures: number;
  /** Main-thread time of whole frames (our updates + three's render submission), last 120 frames. */
  frameTimeMedianMs: number;
  frameTimeP95Ms: number;
  frames: number;
  /** Frames that came from an XR session's animation frame. */
  xrFrames: number;
  /** The network view's own draw calls and triangles per view (render/computeStats), without floor and panels. */
  networkDrawCalls: number;
  networkTriangles: number;
}

/** The desktop camera, column-major 4x4 (three's Matrix4.toArray), as of the last frame. */
export interface CameraMatrices {
  projectionMatrix: number[];
  matrixWorldInverse: number[];
}

export interface LayerwalkApi {
  /** Resolves once the first frame with the network in it has rendered. */
  readonly ready: Promise<void>;
  state(): AppState;
  dispatch(intent: Intent): void;
  stats(): FrameStats;
  /** World position [x, y, z] of a layer, map, cell, node or the base; null when it does not exist. */
  worldPoint(target: WorldPointTarget): [number, number, number] | null;
  /** The desktop camera's matrices: world point -> clip space is projectionMatrix * matrixWorldInverse. */
  camera(): CameraMatrices;
  messages(): UserMessage[];
  enterSession(mode: 'vr' | 'ar'): Promise<void>;
  exitSession(): Promise<void>;
  /** The emulated headset (IWER XRDevice) under ?emulate=..., else undefined. */
  readonly emulator: unknown;
  /**
   * Input as the app sees it: each hand's connection, model URL, what its ray points at and what it
   * is doing; the AR reticle; the XR rig (teleport / snap turn). Added by the input wiring.
   */
  input?(): XrInputSnapshot;
  /**
   * Main-thread milliseconds per frame phase (input, state, layout, ui: our code; render: three's
   * render submission), median and p95 over the last frames. Added by the input wiring.
   */
  phaseTimes?(): Record<string, { median: number; p95: number }>;
  /** The floating panels (src/ui): widget positions, texts, costs. Added by the ui wiring. */
  ui?: UiAutomation;
  /** World positions of the drawn edges' ends on a layer (edges into and out of it). */
  edgeEnds?(layerId: number): [number, number, number][];
  /** Decodes an encoded recording (src/snapshot) and shows it, as loading a file would. */
  loadRecording?(bytes: Uint8Array, source?: string): Promise<void>;
}

export interface UiAutomation {
  /**
   * World position of a panel widget ('epoch-slider', 'play', 'step-forward', 'speed-4', 'train-start',
   * 'train-pause', 'train-reset', 'train-progress', 'sample-grid', 'arrangement-line', 'collapse',
   * 'edge-topk', 'inspector-close', 'inspector-channels') or a panel ('panel-epoch', 'panel-samples',
   * 'panel-layer', 'panel-inspector'); null when hidden or unknown.
   */
  point(name: string): [number, number, number] | null;
  /** The same point in page CSS pixels on the desktop view (for mouse clicks); null when off screen. */
  screenPoint(name: string): [number, number] | null;
  /** Every label's text, by panel name: { epoch: [...], inspector: [...] }. */
  texts(): Record<string, string[]>;
  /** Draw calls of all panels (visible meshes), text rebuilds and canvas redraws so far. */
  stats(): { drawCalls: number; textSets: number; surfaceDraws: number; widgets: number; labelLines: number; updateMs: number; textMs: number; updates: number };
  /** Progress-bar fill of the running training epoch, 0..1, as drawn. */
  progress(): number;
  /** The panel dock's world position and the network bounds it keeps out of. */
  placement(): { dock: [number, number, number]; network: { min: readonly number[]; max: readonly number[] } | null };
}

declare global {
  interface Window {
    layerwalk: LayerwalkApi;
  }
}

let extras: Partial<LayerwalkApi> = {};

export function installAutomationApi(api: LayerwalkApi): void {
  window.layerwalk = { ...api, ...extras };
}

/** Adds optional entries (e.g. `input`) whether or not the API is installed yet. */
export function extendAutomationApi(extra: Partial<LayerwalkApi>): void {
  extras = { ...extras, ...extra };
  if (typeof window !== 'undefined' && window.layerwalk) Object.assign(window.layerwalk, extra);
}
