/**
 * Every feature map and collapsed slab of every layer in ONE instanced draw: each instance is a
 * rectangle from the layout pointing at its tile in the activation atlas.
 */
import { Color, DoubleSide, Mesh } from 'three';
import type { Vector4 } from 'three';
import type { NetworkDescription } from '../domain/network';
import type { NetworkLayout } from '../layout/types';
import vertexShader from '../../shaders/feature-map.vert.glsl?raw';
import fragmentShader from '../../shaders/feature-map.frag.glsl?raw';
import type { ActivationAtlas } from './activation-atlas';
import { createInstancedQuad, createRenderMaterial, instanceArray, markInstancesChanged } from './instanced-quad';
import type { ResourceTracker } from './resource-tracker';

export const MAP_MODE_DIVERGING = 0;
export const MAP_MODE_GREY = 1;
export const MAP_MODE_RGB = 2;
/** Channel c of an RGB input: MAP_MODE_TINT + c. */
export const MAP_MODE_TINT = 3;

export interface FeatureMapMesh {
  readonly mesh: Mesh;
  /** Writes instances from the layout; no allocation (capacity fixed at creation). Returns instances written. */
  writeLayout(layout: NetworkLayout): number;
  dispose(): void;
}

/** Rectangles the network can ever show: every channel plus one aggregate slab per image-like layer. */
export function computeMapCapacity(atlas: ActivationAtlas): number {
  let n = 0;
  for (const layer of atlas.plan.layers) if (layer.kind === 'maps') n += layer.channels + 1;
  return n;
}

export function createFeatureMapMesh(
  network: NetworkDescription,
  atlas: ActivationAtlas,
  tracker: ResourceTracker,
  highlight: Vector4,
  selection: Vector4,
): FeatureMapMesh {
  const capacity = computeMapCapacity(atlas);
  const geometry = createInstancedQuad(tracker, capacity, { iCenter: 3, iSize: 2, iTile: 4, iInfo: 4, iChannel: 1 });
  const material = createRenderMaterial(tracker, {
    vertexShader,
    fragmentShader,
    atlas: true,
    side: DoubleSide,
    uniforms: {
      ...atlas.uniforms,
      uHighlight: { value: highlight },
      uSelection: { value: selection },
      uBorderColour: { value: new Color(0x1a1d24) },
      uHighlightColour: { value: new Color(0xffd54a) },
      uSelectionColour: { value: new Color(0x39ff88) },
    },
  });
  const mesh = new Mesh(geometry, material);
  mesh.name = 'feature-maps';
  // Instances are placed in the shader: the quad's own bounds say nothing about where they are.
  mesh.frustumCulled = false;
  mesh.visible = false;

  const centers = instanceArray(geometry, 'iCenter');
  const sizes = instanceArray(geometry, 'iSize');
  const tiles = instanceArray(geometry, 'iTile');
  const infos = instanceArray(geometry, 'iInfo');
  const channels = instanceArray(geometry, 'iChannel');
  const { plan } = atlas;

  return {
    mesh,
    writeLayout(layout) {
      let n = 0;
      for (const l of layout.layers) {
        if (l.style !== 'maps') continue;
        const entry = plan.layers[l.layerId];
        if (!entry || entry.kind !== 'maps') continue;
        const isInput = network.layers[l.layerId]?.kind === 'input';
        for (let m = 0; m < l.mapCount && n < capacity; m++) {
          const channel = l.mapChannels[m]!;
          if (channel >= entry.channels) continue;
          const tileIndex = channel >= 0 ? entry.firstTile + channel : entry.firstTile + entry.channels;
          const tile = plan.tiles[tileIndex]!;
          let mode = MAP_MODE_DIVERGING;
          if (isInput) mode = entry.rgb ? (channel < 0 ? MAP_MODE_RGB : MAP_MODE_TINT + channel) : MAP_MODE_GREY;
          centers[n * 3] = l.mapCenters[m * 3]!;
          centers[n * 3 + 1] = l.mapCenters[m * 3 + 1]!;
          centers[n * 3 + 2] = l.mapCenters[m * 3 + 2]!;
          sizes[n * 2] = l.mapSize[0];
          sizes[n * 2 + 1] = l.mapSize[1];
          tiles[n * 4] = tile.x;
          tiles[n * 4 + 1] = tile.y;
          tiles[n * 4 + 2] = tile.width;
          tiles[n * 4 + 3] = tile.height;
          infos[n * 4] = tile.page;
          infos[n * 4 + 1] = tileIndex;
          infos[n * 4 + 2] = l.layerId;
          infos[n * 4 + 3] = mode;
          channels[n] = channel;
          n++;
        }
      }
      markInstancesChanged(geometry, n);
      mesh.visible = n > 0;
      return n;
    },
    dispose() {
      geometry.dispose();
      material.dispose();
    },
  };
}
