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
