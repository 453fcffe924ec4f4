/**
 * Where every layer's activations live in the shared activation atlas: one DataArrayTexture for the
 * whole network, so ONE instanced draw shows every feature map of every layer.
 *
 * Each image-like layer (recorded shape H x W x C) gets C tiles of W x H texels, one per channel,
 * plus one aggregate tile (mean or max over channels, shown by the collapsed slab; for an RGB
 * input it is 3W wide and holds the R, G and B planes side by side). Each vector layer (units)
 * gets one strip of `units` texels wrapped to rows of at most the page width: unit i sits at
 * (x + i mod w, y + floor(i / w)). Tiles are shelf-packed (tallest first) into square pages;
 * the texture holds the pages twice, one set per "slot", so an epoch cross-fade can read the
 * previous epoch while the new one is written into the other slot.
 */
import { computeRecordedShape, computeShapeSize, computeSpatialShape } from '../domain/network';
import type { NetworkDescription } from '../domain/network';

export interface AtlasTile {
  /** Top-left texel and page (array layer within one slot). */
  readonly x: number;
  readonly y: number;
  readonly page: number;
  /** Cells shown: W x H for a map, the strip's row width and row count for a vector. */
  readonly width: number;
  readonly height: number;
}

export type AtlasLayerKind = 'maps' | 'vector' | 'none';

export interface AtlasLayer {
  readonly layerId: number;
  readonly kind: AtlasLayerKind;
  /** Recorded spatial shape (vector: 1 x 1 x units). */
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  /** Index of the first tile: channel c is firstTile + c; the aggregate tile is firstTile + channels (maps only). */
  readonly firstTile: number;
  /** The input layer with three channels: its aggregate tile is an RGB composite. */
  readonly rgb: boolean;
}

export interface AtlasPlan {
  /** Width and height of a page, texels. */
  readonly pageSize: number;
  /** Pages per slot; the texture has 2 * pageCount layers. */
  readonly pageCount: number;
  readonly tiles: readonly AtlasTile[];
  /** Indexed by layer id. */
  readonly layers: readonly AtlasLayer[];
  /** Texels used by tiles (without packing waste). */
  readonly usedTexels: number;
}

export class AtlasPlanError extends Error {
  override readonly name = 'AtlasPlanError';
}

/** Largest texture side WebGL2 guarantees (MAX_TEXTURE_SIZE >= 2048). */
export const MAX_ATLAS_PAGE_SIZE = 2048;
/** MAX_ARRAY_TEXTURE_LAYERS is at least 256 in WebGL2; two slots share it. */
export const MAX_ATLAS_PAGES = 128;

interface TileRequest {
  readonly index: number;
  /** Texels reserved (the RGB aggregate reserves 3W). */
  readonly reserveWidth: number;
  readonly width: number;
  readonly height: number;
}

export function computeAtlasPlan(network: NetworkDescription, maxPageSize = MAX_ATLAS_PAGE_SIZE): AtlasPlan {
  // Smallest power-of-two page that holds everything on one page, else pages of the maximum size.
  let pageSize = 16;
  for (;;) {
    const size = Math.min(pageSize, maxPageSize);
    const plan = computePlanForPage(network, size, size >= maxPageSize);
    if (plan && (plan.pageCount === 1 || size >= maxPageSize)) return plan;
    pageSize *= 2;
  }
}

/** The plan with pages of `pageSize`, or null when a tile is wider than the page but a larger page may still fit it. */
function computePlanForPage(network: NetworkDescription, pageSize: number, largest: boolean): AtlasPlan | null {
  const layers: AtlasLayer[] = [];
  const requests: TileRequest[] = [];
  let usedTexels = 0;
  let tooWide = '';
  for (const layer of network.layers) {
    const shape = computeRecordedShape(layer);
    const size = computeShapeSize(shape);
    const firstTile = requests.length;
    if (size === 0 || shape.length === 0) {
      layers.push({ layerId: layer.id, kind: 'none', height: 0, width: 0, channels: 0, firstTile, rgb: false });
      continue;
    }
    if (shape.length === 2 || shape.length === 3) {
      const { height, width, channels } = computeSpatialShape(shape);
      const rgb = layer.kind === 'input' && channels === 3;
      if ((rgb ? 3 * width : width) > pageSize || height > pageSize) tooWide = `layer ${layer.name}: ${width}x${height} maps`;
      for (let c = 0; c < channels; c++) requests.push({ index: requests.length, reserveWidth: width, width, height });
      requests.push({ index: requests.length, reserveWidth: rgb ? 3 * width : width, width, height });
      usedTexels += (channels + (rgb ? 3 : 1)) * width * height;
      layers.push({ layerId: layer.id, kind: 'maps', height, width, channels, firstTile, rgb });
    } else {
      const width = Math.min(size, pageSize);
      const height = Math.ceil(size / width);
      if (height > pageSize) tooWide = `layer ${layer.name}: ${size} values`;
      requests.push({ index: requests.length, reserveWidth: width, width, height });
      usedTexels += size;
      layers.push({ layerId: layer.id, kind: 'vector', height: 1, width: 1, channels: size, firstTile, rgb: false });
    }
  }
  if (tooWide) {
    if (!largest) return null;
    throw new AtlasPlanError(`${tooWide} do not fit an activation atlas page of ${pageSize}x${pageSize}`);
  }
  const tiles = computeShelfPacking(requests, pageSize);
  let pageCount = 1;
  for (const t of tiles) pageCount = Math.max(pageCount, t.page + 1);
  if (pageCount > MAX_ATLAS_PAGES) throw new AtlasPlanError(`activations need ${pageCount} atlas pages; at most ${MAX_ATLAS_PAGES} fit`);
  return { pageSize, pageCount, tiles, layers, usedTexels };
}

/** Shelf packing, tallest tiles first: fill a shelf left to right, open a new shelf below, then a new page. */
function computeShelfPacking(requests: readonly TileRequest[], pageSize: number): AtlasTile[] {
  const order = [...requests].sort((a, b) => b.height - a.height || a.index - b.index);
  const tiles: AtlasTile[] = new Array<AtlasTile>(requests.length);
  let page = 0;
  let x = 0;
  let y = 0;
  let shelfHeight = 0;
  for (const r of order) {
    if (x + r.reserveWidth > pageSize) {
      y += shelfHeight;
      x = 0;
      shelfHeight = 0;
    }
    if (y + r.height > pageSize) {
      page++;
      x = 0;
      y = 0;
      shelfHeight = 0;
    }
    tiles[r.index] = { x, y, page, width: r.width, height: r.height };
    x += r.reserveWidth;
    shelfHeight = Math.max(shelfHeight, r.height);
  }
  return tiles;
}

/** Texel of unit i of a vector tile. */
export function computeVectorTexel(tile: AtlasTile, unit: number): { x: number; y: number } {
  return { x: tile.x + (unit % tile.width), y: tile.y + Math.floor(unit / tile.width) };
}
