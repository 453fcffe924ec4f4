import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BufferGeometry} from 'three';
import { Mesh, ShaderMaterial } from 'three';
import { computeNetworkLayout } from '../../../src/layout/network-layout';
import { DEFAULT_LAYER_VIEW } from '../../../src/domain/view-settings';
import { createNetworkView } from '../../../src/render/network-view';
import type { MsdfFontJson } from '../../../src/render/msdf-font';
import { createMnistNetwork } from './fixtures';

/**
 * WebGL is not available in node, so this checks what most often breaks a shader silently: every
 * vertex input the GLSL declares is an attribute of the geometry, and every uniform it declares
 * is given by the material (three's built-ins aside).
 */
const BUILT_IN_UNIFORMS = new Set(['modelViewMatrix', 'projectionMatrix', 'normalMatrix', 'modelMatrix', 'viewMatrix', 'cameraPosition']);
const fontJson = JSON.parse(readFileSync(new URL('../../../assets/generated/fonts/Roboto-msdf.json', import.meta.url), 'utf8')) as MsdfFontJson;

function declared(source: string, qualifier: 'in' | 'uniform'): string[] {
  const names: string[] = [];
  const pattern = new RegExp(`^\\s*${qualifier}\\s+(?:highp\\s+|mediump\\s+|lowp\\s+)?\\w+\\s+(\\w+)\\s*;`, 'gm');
  for (const m of source.matchAll(pattern)) names.push(m[1]!);
  return names;
}

describe('shader bindings', () => {
  it('every ShaderMaterial of the view gets the attributes and uniforms its GLSL declares', () => {
    const view = createNetworkView({ font: { json: fontJson, image: null } });
    const network = createMnistNetwork();
    view.setNetwork(network);
    view.setLayout(computeNetworkLayout(network, network.layers.map(() => DEFAULT_LAYER_VIEW)));
    let checked = 0;
    let inputs = 0;
    let uniforms = 0;
    view.group.traverse((object) => {
      if (!(object instanceof Mesh) || !(object.material instanceof ShaderMaterial)) return;
      const material = object.material;
      const geometry = object.geometry as BufferGeometry;
      for (const input of declared(material.vertexShader, 'in')) {
        expect(geometry.getAttribute(input), `${object.name}: attribute ${input}`).toBeDefined();
        inputs++;
      }
      for (const stage of [material.vertexShader, material.fragmentShader]) {
        for (const uniform of declared(stage, 'uniform')) {
          if (BUILT_IN_UNIFORMS.has(uniform)) continue;
          expect(material.uniforms[uniform], `${object.name}: uniform ${uniform}`).toBeDefined();
          uniforms++;
        }
      }
      // Outputs are declared explicitly (GLSL3 materials get no implicit gl_FragColor).
      expect(material.fragmentShader).toMatch(/out highp vec4 fragColor;/);
      checked++;
    });
    expect(checked).toBe(6);
    expect(inputs).toBeGreaterThanOrEqual(20);
    expect(uniforms).toBeGreaterThanOrEqual(30);
  });
});
