import type { Page } from 'playwright-core';
import type { AppState } from '../../../src/app/state';
import type { Vec3 } from './app';
import { worldPoint } from './app';

/** Finding things to point at in the drawn network, in world space (via layerwalk.worldPoint). */

/** Ids of the layers drawn as feature maps with at least two channels (conv / pool), in order. */
export function computeMapLayers(state: AppState): number[] {
  const layers = state.network?.layers ?? [];
  return layers
    .filter((l) => (l.kind === 'conv2d' || l.kind.includes('pool')) && l.outputShape.length === 3 && (l.outputShape[2] ?? 0) >= 2)
    .map((l) => l.id);
}

/** A point in the gap between the first two maps of a layer: on the layer (its frame), on no cell. */
export async function computeGapPoint(page: Page, layerId: number): Promise<Vec3> {
  const a = await worldPoint(page, { layerId, channel: 0 });
  const b = await worldPoint(page, { layerId, channel: 1 });
  if (!a || !b) throw new Error(`layer ${layerId} has no maps 0 and 1 drawn`);
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
}

/** Where to hold a controller to point at `target` from `distance` metres in front (+z, towards the user). */
export function computeInFront(target: Vec3, distance = 0.2): Vec3 {
  return [target[0], target[1], target[2] + distance];
}

export interface ScreenRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where a world point shows in the LEFT eye of the emulated headset's side-by-side page view, using
 * the camera matrices the app reports (three copies the first eye's pose and projection into it).
 * Returns a square of `half` pixels around it, clipped to the left half of the page.
 */
export async function computeLeftEyeRect(page: Page, p: Vec3, half = 50): Promise<ScreenRect> {
  const { camera, width, height } = await page.evaluate(() => ({ camera: window.layerwalk.camera(), width: window.innerWidth, height: window.innerHeight }));
  const apply = (m: number[], v: number[]) => [0, 1, 2, 3].map((r) => m[r]! * v[0]! + m[4 + r]! * v[1]! + m[8 + r]! * v[2]! + m[12 + r]! * v[3]!);
  const clip = apply(camera.projectionMatrix, apply(camera.matrixWorldInverse, [...p, 1]));
  const eyeWidth = width / 2;
  const x = ((clip[0]! / clip[3]! + 1) / 2) * eyeWidth;
  const y = ((1 - clip[1]! / clip[3]!) / 2) * height;
  const x0 = Math.max(0, Math.round(x - half));
  const y0 = Math.max(0, Math.round(y - half));
  return { x: x0, y: y0, width: Math.min(eyeWidth, Math.round(x + half)) - x0, height: Math.min(height, Math.round(y + half)) - y0 };
}
