import type { LayerLayout, NetworkLayout } from '../../../src/layout/types';

/** Pairs of map rectangles of one layer that overlap (axis-aligned, same plane). */
export function findOverlappingMaps(layer: LayerLayout): [number, number][] {
  const [w, h] = layer.mapSize;
  const overlaps: [number, number][] = [];
  for (let i = 0; i < layer.mapCount; i++) {
    for (let j = i + 1; j < layer.mapCount; j++) {
      const dx = Math.abs(layer.mapCenters[i * 3]! - layer.mapCenters[j * 3]!);
      const dy = Math.abs(layer.mapCenters[i * 3 + 1]! - layer.mapCenters[j * 3 + 1]!);
      if (dx < w - 1e-6 && dy < h - 1e-6) overlaps.push([i, j]);
    }
  }
  return overlaps;
}

/** Pairs of layers whose bounding boxes overlap. */
export function findOverlappingLayers(layout: NetworkLayout): [number, number][] {
  const overlaps: [number, number][] = [];
  const { layers } = layout;
  for (let i = 0; i < layers.length; i++) {
    for (let j = i + 1; j < layers.length; j++) {
      const a = layers[i]!;
      const b = layers[j]!;
      let separated = false;
      for (let k = 0; k < 3; k++) {
        if (Math.abs(a.center[k]! - b.center[k]!) >= a.halfSize[k]! + b.halfSize[k]! - 1e-6) separated = true;
      }
      if (!separated) overlaps.push([i, j]);
    }
  }
  return overlaps;
}

/** True when every map rectangle and node lies inside the layer's bounding box. */
export function contentsInsideBox(layer: LayerLayout): boolean {
  const eps = 1e-4;
  for (let i = 0; i < layer.mapCount; i++) {
    for (let k = 0; k < 2; k++) {
      const d = Math.abs(layer.mapCenters[i * 3 + k]! - layer.center[k]!) + layer.mapSize[k]! / 2;
      if (d > layer.halfSize[k]! + eps) return false;
    }
  }
  for (let i = 0; i < layer.nodeCount; i++) {
    for (let k = 0; k < 2; k++) {
      if (Math.abs(layer.nodeCenters[i * 3 + k]! - layer.center[k]!) + layer.nodeRadius > layer.halfSize[k]! + eps) return false;
    }
  }
  return true;
}
