/**
 * Network-space position of a layer centre, a map centre, a node, or a cell centre (the formula of
 * layout/types.ts): what `layerwalk.worldPoint(target)` answers, and the inverse of picking.
 */
import { computeCellPosition, computeMapIndex } from '../../layout/unit-positions';
import type { NetworkLayout } from '../../layout/types';

export interface WorldPointTarget {
  readonly layerId: number;
  /** Map channel (-1: the collapsed slab) or node unit; omitted: the layer centre. */
  readonly channel?: number;
  /** A cell of the map, in the layer's real output cells. */
  readonly cell?: { readonly row: number; readonly col: number };
}

/** Position of the target, or null when that layer, map, node or cell is not drawn. */
export function computeWorldPoint(layout: NetworkLayout, target: WorldPointTarget): [number, number, number] | null {
  const layer = layout.layers[target.layerId];
  if (!layer) return null;
  if (target.channel === undefined) return [layer.center[0], layer.center[1], layer.center[2]];
  const channel = target.channel;
  if (layer.style === 'nodes') {
    if (!Number.isInteger(channel) || channel < 0 || channel >= layer.nodeCount) return null;
    return [layer.nodeCenters[channel * 3]!, layer.nodeCenters[channel * 3 + 1]!, layer.nodeCenters[channel * 3 + 2]!];
  }
  if (layer.style !== 'maps') return null;
  const map = channel === -1 ? layer.mapChannels.indexOf(-1) : computeMapIndex(layer, channel);
  if (map < 0) return null;
  if (!target.cell) return [layer.mapCenters[map * 3]!, layer.mapCenters[map * 3 + 1]!, layer.mapCenters[map * 3 + 2]!];
  const [rows, cols] = layer.geometryCells ?? layer.mapCells;
  const { row, col } = target.cell;
  if (!Number.isInteger(row) || !Number.isInteger(col) || row < 0 || col < 0 || row >= rows || col >= cols) return null;
  const out = new Float32Array(3);
  computeCellPosition(layer, channel, row, col, out, 0);
  if (Number.isNaN(out[0]!)) return null;
  return [out[0]!, out[1]!, out[2]!];
}
