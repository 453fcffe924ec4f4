import type { LayerDescription } from '../domain/network';
import { computeRecordedShape, computeShapeSize, computeSpatialShape } from '../domain/network';
import type { LayerViewSettings } from '../domain/view-settings';
import { computeArrangement, computeCollapsedSlab } from './arrangement';
import type { PlacedNodes } from './dense-nodes';
import { computeNodeArrangement } from './dense-nodes';
import type { PlacedMaps } from './map-size';
import { computeMapNaturalSize } from './map-size';
import { ROOM } from './room-scale';
import type { LayerStyle, Vec3 } from './types';

/** One layer laid out around its own centre (before placement in the network). */
export interface LayerShape {
  readonly style: LayerStyle;
  readonly halfSize: Vec3;
  readonly maps: PlacedMaps | null;
  readonly mapChannels: Int32Array;
  readonly mapCells: readonly [number, number];
  readonly geometryCells: readonly [number, number];
  readonly nodes: PlacedNodes | null;
}

const EMPTY_INT = new Int32Array(0);

/**
 * Maps layers use the recorded shape for textures (mapCells, channel count) and the real output
 * shape for geometry (a downsampled capped map keeps its physical size). A collapsed maps layer is
 * one slab (channel -1). Vector layers get nodes; blocks are a thin bar whose height grows with
 * the square root of their size.
 */
export function computeLayerShape(layer: LayerDescription, style: LayerStyle, view: LayerViewSettings, isOutput: boolean, cellPitch: number): LayerShape {
  if (style === 'maps') {
    const real = computeSpatialShape(layer.outputShape);
    const recorded = computeSpatialShape(computeRecordedShape(layer));
    const natural = computeMapNaturalSize(real.height, real.width, cellPitch);
    const maps = view.collapsed ? computeCollapsedSlab(natural) : computeArrangement(view.arrangement, recorded.channels, natural);
    const mapChannels = new Int32Array(maps.count);
    if (view.collapsed) mapChannels[0] = -1;
    else for (let i = 0; i < maps.count; i++) mapChannels[i] = i;
    return {
      style,
      halfSize: [maps.halfWidth, maps.halfHeight, ROOM.mapHalfDepth],
      maps,
      mapChannels,
      mapCells: [recorded.height, recorded.width],
      geometryCells: [real.height, real.width],
      nodes: null,
    };
  }
  if (style === 'nodes') {
    const nodes = computeNodeArrangement(computeShapeSize(computeRecordedShape(layer)), isOutput);
    return {
      style,
      halfSize: [nodes.halfWidth, nodes.halfHeight, Math.max(nodes.radius, ROOM.mapHalfDepth)],
      maps: null,
      mapChannels: EMPTY_INT,
      mapCells: [0, 0],
      geometryCells: [0, 0],
      nodes,
    };
  }
  const height = Math.min(ROOM.maxLayerHeight, Math.max(0.1, 0.02 * Math.sqrt(computeShapeSize(layer.outputShape))));
  return {
    style,
    halfSize: [ROOM.blockHalfWidth, height / 2, ROOM.blockHalfDepth],
    maps: null,
    mapChannels: EMPTY_INT,
    mapCells: [0, 0],
    geometryCells: [0, 0],
    nodes: null,
  };
}
