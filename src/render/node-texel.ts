/** Which atlas texel holds the value of unit i of a layer drawn as nodes. */
import type { AtlasPlan } from './atlas-plan';

/** Writes (x, y, page, tile) of unit `unit` of layer `layerId` into out[offset..offset+3]; false when the layer has no such unit. */
export function computeNodeTexel(plan: AtlasPlan, layerId: number, unit: number, out: Float32Array, offset: number): boolean {
  const entry = plan.layers[layerId];
  if (!entry || entry.kind === 'none' || unit < 0 || unit >= entry.channels) return false;
  if (entry.kind === 'vector') {
    const tile = plan.tiles[entry.firstTile]!;
    out[offset] = tile.x + (unit % tile.width);
    out[offset + 1] = tile.y + Math.floor(unit / tile.width);
    out[offset + 2] = tile.page;
    out[offset + 3] = entry.firstTile;
    return true;
  }
  // An image-like layer drawn as nodes (e.g. 1 x 1 x C): the top-left cell of channel `unit`.
  const tileIndex = entry.firstTile + unit;
  const tile = plan.tiles[tileIndex]!;
  out[offset] = tile.x;
  out[offset + 1] = tile.y;
  out[offset + 2] = tile.page;
  out[offset + 3] = tileIndex;
  return true;
}
