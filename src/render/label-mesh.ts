/**
 * All labels (layer names, class names) in ONE instanced draw of MSDF glyphs. Texts are laid out
 * when the network changes; a layout change only moves anchors.
 */
import type { InstancedBufferGeometry} from 'three';
import { Color, DataTexture, DoubleSide, LinearFilter, Mesh, NoColorSpace, RGBAFormat, Texture } from 'three';
import vertexShader from '../../shaders/glyph.vert.glsl?raw';
import fragmentShader from '../../shaders/glyph.frag.glsl?raw';
import { createInstancedQuad, createRenderMaterial, instanceArray, markInstancesChanged } from './instanced-quad';
import type { FontMetrics, MsdfFontJson, TextAlign } from './msdf-font';
import { computeSafeText, computeTextQuads, createFontMetrics } from './msdf-font';
import type { ResourceTracker } from './resource-tracker';

/** The font as the caller loaded it: the JSON and its atlas image (null in node: labels lay out but sample a blank texture). */
export interface MsdfFontSource {
  readonly json: MsdfFontJson;
  readonly image: TexImageSource | null;
}

export interface LabelSpec {
  readonly text: string;
  /** Line height, metres. */
  readonly size: number;
  readonly align: TextAlign;
  readonly colour: number;
}

export interface LabelMesh {
  readonly mesh: Mesh<InstancedBufferGeometry>;
  readonly metrics: FontMetrics;
  /** Lays out the labels (allocates the glyph buffer): call when the network changes. Returns glyphs. */
  setLabels(labels: readonly LabelSpec[]): number;
  /** Moves every label to anchors[label * 3 ..]. No allocation. */
  writeAnchors(anchors: Float32Array): void;
  dispose(): void;
}

export function createLabelMesh(font: MsdfFontSource, tracker: ResourceTracker): LabelMesh {
  const metrics = createFontMetrics(font.json);
  const texture = tracker.track(font.image ? new Texture(font.image) : new DataTexture(new Uint8Array(4), 1, 1, RGBAFormat));
  // MSDF channels are distances, not colours; the image is used top row first (v down).
  texture.colorSpace = NoColorSpace;
  texture.flipY = false;
  texture.minFilter = texture.magFilter = LinearFilter;
  texture.generateMipmaps = false;
  texture.needsUpdate = true;
  const material = createRenderMaterial(tracker, {
    vertexShader,
    fragmentShader,
    transparent: true,
    depthWrite: false,
    side: DoubleSide,
    uniforms: {
      uFont: { value: texture },
      uDistanceRange: { value: metrics.distanceRange },
      uFontSize: { value: [metrics.json.common.scaleW, metrics.json.common.scaleH] },
    },
  });
  const attributes = { iAnchor: 3, iRect: 4, iUv: 4, iColour: 3 };
  const mesh = new Mesh(createInstancedQuad(tracker, 1, attributes), material);
  mesh.name = 'labels';
  mesh.frustumCulled = false;
  mesh.visible = false;
  mesh.renderOrder = 20;
  let glyphLabel = new Int32Array(0);
  const colour = new Color();

  return {
    mesh,
    metrics,
    setLabels(labels) {
      const perLabel = labels.map((l) => computeTextQuads(computeSafeText(l.text, metrics.charset), metrics, l.size, l.align));
      const total = perLabel.reduce((n, q) => n + q.length, 0);
      mesh.geometry.dispose();
      mesh.geometry = createInstancedQuad(tracker, total, attributes);
      glyphLabel = new Int32Array(total);
      const rects = instanceArray(mesh.geometry, 'iRect');
      const uvs = instanceArray(mesh.geometry, 'iUv');
      const colours = instanceArray(mesh.geometry, 'iColour');
      let g = 0;
      perLabel.forEach((quads, label) => {
        colour.setHex(labels[label]!.colour);
        for (const q of quads) {
          rects.set([q.x, q.y, q.width, q.height], g * 4);
          uvs.set([q.u0, q.vBottom, q.u1, q.vTop], g * 4);
          colours.set([colour.r, colour.g, colour.b], g * 3);
          glyphLabel[g++] = label;
        }
      });
      markInstancesChanged(mesh.geometry, 0);
      return total;
    },
    writeAnchors(anchors) {
      const out = instanceArray(mesh.geometry, 'iAnchor');
      for (let g = 0; g < glyphLabel.length; g++) {
        const label = glyphLabel[g]!;
        out[g * 3] = anchors[label * 3]!;
        out[g * 3 + 1] = anchors[label * 3 + 1]!;
        out[g * 3 + 2] = anchors[label * 3 + 2]!;
      }
      markInstancesChanged(mesh.geometry, glyphLabel.length);
      mesh.visible = glyphLabel.length > 0;
    },
    dispose() {
      mesh.geometry.dispose();
      material.dispose();
      texture.dispose();
    },
  };
}
