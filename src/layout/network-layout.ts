import type { NetworkDescription } from '../domain/network';
import type { LayerViewSettings } from '../domain/view-settings';
import { DEFAULT_LAYER_VIEW } from '../domain/view-settings';
import { computeLayerShape } from './layer-shape';
import { LayoutError } from './layout-error';
import type { LayerShape } from './layer-shape';
import { computeConsumers, computeIsOutputLayer, computeLayerStyle } from './layer-style';
import { computeLayerPlacement } from './place-layers';
import { ROOM } from './room-scale';
import type { LayerLayout, LayoutOptions, NetworkLayout, OutputAnchors, Vec3 } from './types';


/**
 * Lays out the whole network at room scale (see types.ts for the coordinate frame and room-scale.ts
 * for the dimensions). `views[id]` is the user's choice for layer `id`; missing entries use
 * DEFAULT_LAYER_VIEW. Deterministic: the same input gives identical arrays.
 */
export function computeNetworkLayout(network: NetworkDescription, views: readonly LayerViewSettings[], options: LayoutOptions = {}): NetworkLayout {
  const centerHeight = options.centerHeight ?? ROOM.centerHeight;
  const cellPitch = options.cellPitch ?? ROOM.cellPitch;
  if (!(cellPitch > 0)) throw new LayoutError(`cellPitch must be positive, got ${cellPitch}`);
  if (views.length > network.layers.length) {
    throw new LayoutError(`${views.length} layer views given for a network of ${network.layers.length} layers`);
  }
  network.layers.forEach((layer, i) => {
    if (layer.id !== i) throw new LayoutError(`layer "${layer.name}" has id ${layer.id} but is at index ${i}`);
    for (const input of layer.inputs) {
      if (!(input >= 0 && input < i)) throw new LayoutError(`layer "${layer.name}" reads layer ${input}, which does not come before it`);
    }
  });
  const consumers = computeConsumers(network);
  const shapes: LayerShape[] = network.layers.map((layer) =>
    computeLayerShape(layer, computeLayerStyle(layer), views[layer.id] ?? DEFAULT_LAYER_VIEW, computeIsOutputLayer(layer, consumers), cellPitch),
  );
  const placed = computeLayerPlacement(
    network,
    shapes.map((s) => s.halfSize),
    centerHeight,
  );
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  const layers = shapes.map((shape, id): LayerLayout => {
    const offset = views[id]?.offset ?? DEFAULT_LAYER_VIEW.offset;
    const center: Vec3 = [placed[id * 3]! + offset[0], placed[id * 3 + 1]! + offset[1], placed[id * 3 + 2]! + offset[2]];
    for (let a = 0; a < 3; a++) {
      min[a] = Math.min(min[a]!, center[a]! - shape.halfSize[a]!);
      max[a] = Math.max(max[a]!, center[a]! + shape.halfSize[a]!);
    }
    const mapCenters = translate(shape.maps?.centers ?? new Float32Array(0), center);
    const nodeCenters = translate(shape.nodes?.centers ?? new Float32Array(0), center);
    const out = shape.nodes?.output;
    const output: OutputAnchors | undefined = out && {
      labelAnchors: translate(out.labelAnchors, center),
      barOrigins: translate(out.barOrigins, center),
      barDirection: [1, 0, 0],
      barMaxLength: out.barMaxLength,
      barHeight: out.barHeight,
    };
    return {
      layerId: id,
      style: shape.style,
      center,
      halfSize: shape.halfSize,
      mapCount: shape.maps?.count ?? 0,
      mapCenters,
      mapChannels: shape.mapChannels,
      mapSize: shape.maps?.size ?? [0, 0],
      mapCells: shape.mapCells,
      nodeCount: shape.nodes?.count ?? 0,
      nodeCenters,
      nodeRadius: shape.nodes?.radius ?? 0,
      ...(output ? { output } : {}),
      ...(shape.style === 'maps' ? { geometryCells: shape.geometryCells } : {}),
    };
  });
  if (layers.length === 0) return { layers, min: [0, 0, 0], max: [0, 0, 0] };
  return { layers, min: [min[0]!, min[1]!, min[2]!], max: [max[0]!, max[1]!, max[2]!] };
}

/** A new array: local points (n * 3) moved to `center`. */
function translate(local: Float32Array, center: Vec3): Float32Array {
  const out = new Float32Array(local.length);
  for (let i = 0; i < local.length; i += 3) {
    out[i] = local[i]! + center[0];
    out[i + 1] = local[i + 1]! + center[1];
    out[i + 2] = local[i + 2]! + center[2];
  }
  return out;
}
