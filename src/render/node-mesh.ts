/** Every node of every dense layer in ONE instanced draw of sphere impostors coloured by activation. */
import type { Vector4 } from 'three';
import { Color, Mesh } from 'three';
import type { NetworkLayout } from '../layout/types';
import vertexShader from '../../shaders/node.vert.glsl?raw';
import fragmentShader from '../../shaders/node.frag.glsl?raw';
import type { ActivationAtlas } from './activation-atlas';
import { createInstancedQuad, createRenderMaterial, instanceArray, markInstancesChanged } from './instanced-quad';
import { computeNodeTexel } from './node-texel';
import type { ResourceTracker } from './resource-tracker';

export interface NodeMesh {
  readonly mesh: Mesh;
  writeLayout(layout: NetworkLayout): number;
  dispose(): void;
}

/** Nodes the network can ever show: one per unit/channel of every layer. */
export function computeNodeCapacity(atlas: ActivationAtlas): number {
  let n = 0;
  for (const layer of atlas.plan.layers) n += layer.channels;
  return n;
}

export function createNodeMesh(
  atlas: ActivationAtlas,
  tracker: ResourceTracker,
  highlight: Vector4,
  selection: Vector4,
): NodeMesh {
  const capacity = computeNodeCapacity(atlas);
  const geometry = createInstancedQuad(tracker, capacity, { iCenter: 3, iRadius: 1, iTexel: 4, iUnit: 2 });
  const material = createRenderMaterial(tracker, {
    vertexShader,
    fragmentShader,
    atlas: true,
    uniforms: {
      ...atlas.uniforms,
      uHighlight: { value: highlight },
      uSelection: { value: selection },
      uHighlightColour: { value: new Color(0xffd54a) },
      uSelectionColour: { value: new Color(0x39ff88) },
    },
  });
  const mesh = new Mesh(geometry, material);
  mesh.name = 'nodes';
  mesh.frustumCulled = false;
  mesh.visible = false;
  const centers = instanceArray(geometry, 'iCenter');
  const radii = instanceArray(geometry, 'iRadius');
  const texels = instanceArray(geometry, 'iTexel');
  const units = instanceArray(geometry, 'iUnit');

  return {
    mesh,
    writeLayout(layout) {
      let n = 0;
      for (const l of layout.layers) {
        if (l.style !== 'nodes') continue;
        for (let i = 0; i < l.nodeCount && n < capacity; i++) {
          if (!computeNodeTexel(atlas.plan, l.layerId, i, texels, n * 4)) continue;
          centers[n * 3] = l.nodeCenters[i * 3]!;
          centers[n * 3 + 1] = l.nodeCenters[i * 3 + 1]!;
          centers[n * 3 + 2] = l.nodeCenters[i * 3 + 2]!;
          radii[n] = l.nodeRadius;
          units[n * 2] = l.layerId;
          units[n * 2 + 1] = i;
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
