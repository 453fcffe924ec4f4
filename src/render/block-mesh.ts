/** Marker blocks of 'block'-style layers in ONE instanced draw of boxes. */
import { BoxGeometry, Color, Mesh, InstancedBufferGeometry } from 'three';
import type { Vector4 } from 'three';
import type { NetworkLayout } from '../layout/types';
import vertexShader from '../../shaders/block.vert.glsl?raw';
import fragmentShader from '../../shaders/block.frag.glsl?raw';
import { addInstanceAttributes, createRenderMaterial, instanceArray, markInstancesChanged } from './instanced-quad';
import type { ResourceTracker } from './resource-tracker';

export interface BlockMesh {
  readonly mesh: Mesh;
  writeLayout(layout: NetworkLayout): number;
  dispose(): void;
}

export function createBlockMesh(capacity: number, tracker: ResourceTracker, highlight: Vector4): BlockMesh {
  const box = new BoxGeometry(1, 1, 1);
  const geometry = tracker.track(new InstancedBufferGeometry());
  geometry.setAttribute('position', box.getAttribute('position'));
  geometry.setAttribute('normal', box.getAttribute('normal'));
  geometry.setIndex(box.getIndex());
  box.dispose();
  addInstanceAttributes(geometry, capacity, { iCenter: 3, iHalfSize: 3, iLayer: 1 });
  const material = createRenderMaterial(tracker, {
    vertexShader,
    fragmentShader,
    uniforms: {
      uHighlight: { value: highlight },
      uBlockColour: { value: new Color(0x7a8394) },
      uHighlightColour: { value: new Color(0xffd54a) },
    },
  });
  const mesh = new Mesh(geometry, material);
  mesh.name = 'layer-blocks';
  mesh.frustumCulled = false;
  mesh.visible = false;
  const centers = instanceArray(geometry, 'iCenter');
  const halves = instanceArray(geometry, 'iHalfSize');
  const layers = instanceArray(geometry, 'iLayer');
  return {
    mesh,
    writeLayout(layout) {
      let n = 0;
      for (const l of layout.layers) {
        if (l.style !== 'block' || n >= capacity) continue;
        for (let k = 0; k < 3; k++) {
          centers[n * 3 + k] = l.center[k]!;
          halves[n * 3 + k] = l.halfSize[k]!;
        }
        layers[n] = l.layerId;
        n++;
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
