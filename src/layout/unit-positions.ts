import type { NetworkDescription } from '../domain/network';
import { computeShapeSize, computeSpatialShape } from '../domain/network';
import type { LayerLayout, NetworkLayout } from './types';

/** Rectangle showing `channel` of a maps layer: the slab when collapsed, -1 when not shown (capped). */
export function computeMapIndex(layer: LayerLayout, channel: number): number {
  if (layer.mapCount === 1 && layer.mapChannels[0] === -1) return 0;
  if (channel < layer.mapCount && layer.mapChannels[channel] === channel) return channel;
  return layer.mapChannels.indexOf(channel);
}

/**
 * Writes the centre of cell (row, col) of `channel` into out[o..o+2] using the cell formula of
 * types.ts; NaN when the channel is not shown. `row`/`col` may be fractional (corners use
 * row - 0.5 etc.), in the layer's geometry cells (its real output shape).
 */
export function computeCellPosition(layer: LayerLayout, channel: number, row: number, col: number, out: Float32Array, o: number): void {
  const map = computeMapIndex(layer, channel);
  if (map < 0) {
    out[o] = out[o + 1] = out[o + 2] = NaN;
    return;
  }
  const [rows, cols] = layer.geometryCells ?? layer.mapCells;
  out[o] = layer.mapCenters[map * 3]! + ((col + 0.5) / cols - 0.5) * layer.mapSize[0];
  out[o + 1] = layer.mapCenters[map * 3 + 1]! + (0.5 - (row + 0.5) / rows) * layer.mapSize[1];
  out[o + 2] = layer.mapCenters[map * 3 + 2]!;
}

/**
 * The layer edges of a block start from: blocks that only pass values through (dropout, flatten,
 * reshape) are drawn thin, so edges use the positions of what they pass through.
 */
export function computeDrawnLayerId(network: NetworkDescription, layout: NetworkLayout, layerId: number): number {
  let id = layerId;
  for (;;) {
    const layer = network.layers[id]!;
    const drawn = layout.layers[id]!;
    const input = layer.inputs[0];
    const passes = layer.kind === 'dropout' || layer.kind === 'flatten' || layer.kind === 'reshape';
    if (drawn.style !== 'block' || !passes || input === undefined) return id;
    if (computeShapeSize(network.layers[input]!.outputShape) !== computeShapeSize(layer.outputShape)) return id;
    id = input;
  }
}

/**
 * Position of every channel: map centres (the slab for all when collapsed, NaN for channels not
 * shown), node centres for vector layers, the centre for blocks. channels * 3.
 */
export function computeChannelPositions(network: NetworkDescription, layout: NetworkLayout, layerId: number): Float32Array {
  const id = computeDrawnLayerId(network, layout, layerId);
  const layer = layout.layers[id]!;
  const channels = computeSpatialShape(network.layers[id]!.outputShape).channels;
  const out = new Float32Array(channels * 3);
  for (let c = 0; c < channels; c++) {
    if (layer.style === 'maps') {
      const map = computeMapIndex(layer, c);
      for (let a = 0; a < 3; a++) out[c * 3 + a] = map < 0 ? NaN : layer.mapCenters[map * 3 + a]!;
    } else if (layer.style === 'nodes') {
      // Units past the recorded ones (a capped layer) are not drawn: NaN drops their edges.
      for (let a = 0; a < 3; a++) out[c * 3 + a] = c < layer.nodeCount ? layer.nodeCenters[c * 3 + a]! : NaN;
    } else {
      for (let a = 0; a < 3; a++) out[c * 3 + a] = layer.center[a]!;
    }
  }
  return out;
}

/**
 * Position of every unit of a layer's output in its flat (HWC, row-major) order, units * 3: cell
 * centres of maps layers, node centres of vector layers (NaN for units a display cap left out); a
 * pass-through block (flatten of pooled maps) uses the cells of what it flattens, so flatten->dense
 * edges start at the pooled cells; other blocks use their centre.
 */
export function computeUnitPositions(network: NetworkDescription, layout: NetworkLayout, layerId: number): Float32Array {
  const id = computeDrawnLayerId(network, layout, layerId);
  const layer = layout.layers[id]!;
  const units = computeShapeSize(network.layers[layerId]!.outputShape);
  const out = new Float32Array(units * 3);
  if (layer.style === 'maps') {
    const { width, channels } = computeSpatialShape(network.layers[id]!.outputShape);
    for (let i = 0; i < units; i++) {
      const cell = Math.floor(i / channels);
      computeCellPosition(layer, i % channels, Math.floor(cell / width), cell % width, out, i * 3);
    }
    return out;
  }
  for (let i = 0; i < units; i++) {
    for (let a = 0; a < 3; a++) {
      if (layer.style !== 'nodes') out[i * 3 + a] = layer.center[a]!;
      else out[i * 3 + a] = i < layer.nodeCount ? layer.nodeCenters[i * 3 + a]! : NaN;
    }
  }
  return out;
}
