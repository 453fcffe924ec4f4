/** The output layer's probability bars in ONE instanced draw; bar lengths come from the atlas, so an epoch switch touches no attribute. */
import { Color, DoubleSide, Mesh } from 'three';
import type { LayerLayout } from '../layout/types';
import vertexShader from '../../shaders/bar.vert.glsl?raw';
import fragmentShader from '../../shaders/bar.frag.glsl?raw';
import type { ActivationAtlas } from './activation-atlas';
import { createInstancedQuad, createRenderMaterial, instanceArray, markInstancesChanged } from './instanced-quad';
import { computeNodeTexel } from './node-texel';
import type { OutputDecor } from './output-decor';
import type { ResourceTracker } from './resource-tracker';

export interface BarMesh {
  readonly mesh: Mesh;
  /** Bars for the output layer's nodes at the positions in `decor` (already computed for `layer`). */
  writeLayout(layer: LayerLayout | null, decor: OutputDecor): number;
  dispose(): void;
}

export function createBarMesh(atlas: ActivationAtlas, capacity: number, tracker: ResourceTracker): BarMesh {
  const geometry = createInstancedQuad(tracker, capacity, { iBase: 3, iDirection: 3, iWidth: 1, iTexel: 4 });
  const material = createRenderMaterial(tracker, {
    vertexShader,
    fragmentShader,
    atlas: true,
    side: DoubleSide,
    uniforms: { ...atlas.uniforms, uBarColour: { value: new Color(0x6fc3ff) } },
  });
  const mesh = new Mesh(geometry, material);
  mesh.name = 'probability-bars';
  mesh.frustumCulled = false;
  mesh.visible = false;
  const bases = instanceArray(geometry, 'iBase');
  const directions = instanceArray(geometry, 'iDirection');
  const widths = instanceArray(geometry, 'iWidth');
  const texels = instanceArray(geometry, 'iTexel');
  return {
    mesh,
    writeLayout(layer, decor) {
      let n = 0;
      if (layer) {
        for (let i = 0; i < layer.nodeCount && n < capacity; i++) {
          if (!computeNodeTexel(atlas.plan, layer.layerId, i, texels, n * 4)) continue;
          for (let k = 0; k < 3; k++) {
            bases[n * 3 + k] = decor.barBases[i * 3 + k]!;
            directions[n * 3 + k] = decor.barDirection[k]!;
          }
          widths[n] = decor.barWidth;
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
