/**
 * The GPU side of the activation atlas: one R8 DataArrayTexture holding two slots of pages
 * (current and previous epoch, for the cross-fade), a small RGBA32F texture of per-tile value
 * ranges, and the colour-map lookup texture. Each tile is quantised to 8 bits against its own raw
 * range (computeQuantisedSlot; the recording stores activations in 8 bits too), so a switch uploads
 * a quarter of the bytes of R32F: on a large network the upload is what froze the frame. An epoch
 * switch writes into the CPU copies (floats kept for readValue) and flags only the written slot's
 * pages for upload: no GPU resource is created after construction.
 */
import {
  ClampToEdgeWrapping,
  DataArrayTexture,
  DataTexture,
  FloatType,
  LinearFilter,
  NearestFilter,
  RedFormat,
  RGBAFormat,
  SRGBColorSpace,
  UnsignedByteType,
} from 'three';
import type { NetworkDescription } from '../domain/network';
import type { EpochSnapshot } from '../domain/recording';
import type { Normalisation } from '../domain/view-settings';
import type { AtlasPlan } from './atlas-plan';
import { COLOUR_MAP_ROWS, computeColourMapLut } from './colour-map';
import type { AggregateChoice } from './activation-values';
import { computeAtlasSlot, computeNormalisedRanges, computeQuantisedSlot, computeSlotLength, validateActivations } from './activation-values';
import type { ResourceTracker } from './resource-tracker';

/**
 * Width of the range texture; tile i sits at (i mod width, floor(i / width)) for its normalisation
 * range and uRangeRows rows below that for its quantisation (raw) range.
 */
export const RANGE_TEXTURE_WIDTH = 1024;
const LUT_WIDTH = 256;

/** Uniform objects shared by every material that reads the atlas (three accepts shared uniforms). */
export interface AtlasUniforms {
  uAtlas: { value: DataArrayTexture };
  uRanges: { value: DataTexture };
  uColourMap: { value: DataTexture };
  uRangeWidth: { value: number };
  uRangeRows: { value: number };
  uPageCount: { value: number };
  uCurrentSlot: { value: number };
  uPreviousSlot: { value: number };
  uFade: { value: number };
  [name: string]: { value: unknown };
}

export interface ActivationAtlas {
  readonly plan: AtlasPlan;
  readonly uniforms: AtlasUniforms;
  /** Writes one probe of one epoch into the free slot; crossFade starts a fade from the shown slot. */
  write(snapshot: EpochSnapshot, probe: number, normalisation: Normalisation, aggregate: AggregateChoice, crossFade: boolean): void;
  /** Advances the cross-fade by dt seconds (per-frame, allocation-free). */
  update(dt: number): void;
  /** Raw value currently shown at a texel, before 8-bit quantisation (for inspectors and tests). */
  readValue(tileIndex: number, col: number, row: number): number;
  /** Seconds a cross-fade takes. */
  fadeSeconds: number;
  dispose(): void;
}

export function createActivationAtlas(plan: AtlasPlan, network: NetworkDescription, tracker: ResourceTracker): ActivationAtlas {
  const slotLength = computeSlotLength(plan);
  const atlasData = new Float32Array(slotLength * 2);
  const atlasBytes = new Uint8Array(slotLength * 2);
  const atlasCodes = new Uint8ClampedArray(atlasBytes.buffer);
  const atlas = tracker.track(new DataArrayTexture(atlasBytes, plan.pageSize, plan.pageSize, plan.pageCount * 2));
  atlas.format = RedFormat;
  atlas.type = UnsignedByteType;
  atlas.internalFormat = 'R8';
  atlas.minFilter = atlas.magFilter = NearestFilter;
  atlas.wrapS = atlas.wrapT = ClampToEdgeWrapping;
  atlas.generateMipmaps = false;
  atlas.unpackAlignment = 1;
  atlas.needsUpdate = true;

  const tileCount = Math.max(1, plan.tiles.length);
  const rangeHeight = Math.ceil(tileCount / RANGE_TEXTURE_WIDTH);
  // Rows [0, rangeHeight): normalisation ranges; rows [rangeHeight, 2 rangeHeight): quantisation ranges.
  const rangeData = new Float32Array(RANGE_TEXTURE_WIDTH * rangeHeight * 2 * 4);
  const quantBase = RANGE_TEXTURE_WIDTH * rangeHeight * 4;
  const ranges = tracker.track(new DataTexture(rangeData, RANGE_TEXTURE_WIDTH, rangeHeight * 2, RGBAFormat, FloatType));
  ranges.minFilter = ranges.magFilter = NearestFilter;
  ranges.generateMipmaps = false;
  ranges.needsUpdate = true;

  const lut = tracker.track(new DataTexture(computeColourMapLut(LUT_WIDTH), LUT_WIDTH, COLOUR_MAP_ROWS, RGBAFormat, UnsignedByteType));
  lut.colorSpace = SRGBColorSpace;
  lut.minFilter = lut.magFilter = LinearFilter;
  lut.generateMipmaps = false;
  lut.needsUpdate = true;

  const rawRanges = new Float32Array(tileCount * 2);
  const normalised = new Float32Array(tileCount * 2);
  const uniforms: AtlasUniforms = {
    uAtlas: { value: atlas },
    uRanges: { value: ranges },
    uColourMap: { value: lut },
    uRangeWidth: { value: RANGE_TEXTURE_WIDTH },
    uRangeRows: { value: rangeHeight },
    uPageCount: { value: plan.pageCount },
    uCurrentSlot: { value: 0 },
    uPreviousSlot: { value: 0 },
    uFade: { value: 1 },
  };
  let written = false;

  const view: ActivationAtlas = {
    plan,
    uniforms,
    fadeSeconds: 0.35,
    write(snapshot, probe, normalisation, aggregate, crossFade) {
      if (!Number.isInteger(probe) || probe < 0) throw new RangeError(`probe must be a non-negative integer, got ${probe}`);
      validateActivations(plan, snapshot, probe);
      // The first write has nothing to fade from; later ones alternate slots.
      const slot = written ? 1 - uniforms.uCurrentSlot.value : 0;
      const floats = atlasData.subarray(slot * slotLength, (slot + 1) * slotLength);
      computeAtlasSlot(plan, snapshot, probe, aggregate, floats, rawRanges);
      computeQuantisedSlot(plan, floats, rawRanges, atlasCodes.subarray(slot * slotLength, (slot + 1) * slotLength));
      computeNormalisedRanges(plan, network, rawRanges, normalisation, normalised);
      for (let t = 0; t < plan.tiles.length; t++) {
        rangeData[t * 4 + slot * 2] = normalised[t * 2]!;
        rangeData[t * 4 + slot * 2 + 1] = normalised[t * 2 + 1]!;
        rangeData[quantBase + t * 4 + slot * 2] = rawRanges[t * 2]!;
        rangeData[quantBase + t * 4 + slot * 2 + 1] = rawRanges[t * 2 + 1]!;
      }
      for (let p = 0; p < plan.pageCount; p++) atlas.addLayerUpdate(slot * plan.pageCount + p);
      atlas.needsUpdate = true;
      ranges.needsUpdate = true;
      uniforms.uPreviousSlot.value = written ? uniforms.uCurrentSlot.value : slot;
      uniforms.uCurrentSlot.value = slot;
      uniforms.uFade.value = crossFade && written && view.fadeSeconds > 0 ? 0 : 1;
      written = true;
    },
    update(dt) {
      if (uniforms.uFade.value >= 1) return;
      uniforms.uFade.value = Math.min(1, uniforms.uFade.value + dt / view.fadeSeconds);
    },
    readValue(tileIndex, col, row) {
      const tile = plan.tiles[tileIndex];
      if (!tile) return NaN;
      const side = plan.pageSize;
      return atlasData[uniforms.uCurrentSlot.value * slotLength + tile.page * side * side + (tile.y + row) * side + tile.x + col]!;
    },
    dispose() {
      atlas.dispose();
      ranges.dispose();
      lut.dispose();
    },
  };
  return view;
}
