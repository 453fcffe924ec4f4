/**
 * All edges in ONE instanced draw of ribbons (see shaders/edge.vert.glsl). Buffers grow by
 * doubling and are rebuilt only when the edge count outgrows them or the ribbon resolution
 * changes; a new epoch with the same edge count only rewrites data in place.
 */
import { AdditiveBlending, BufferAttribute, Color, CustomBlending, MaxEquation, DataTexture, DoubleSide, FloatType, InstancedBufferGeometry, Mesh, NearestFilter, RGBAFormat } from 'three';
import type { Vector4 } from 'three';
import type { EdgeSet } from '../layout/types';
import vertexShader from '../../shaders/edge.vert.glsl?raw';
import fragmentShader from '../../shaders/edge.frag.glsl?raw';
import { EDGE_TEXTURE_WIDTH, MAX_RIBBON_SEGMENTS, computeCapacity, computeEdgePacking, computeEdgeTotals, computeRibbonSegments } from './edge-packing';
import { addInstanceAttributes, createRenderMaterial, instanceArray, markInstancesChanged } from './instanced-quad';
import type { ResourceTracker } from './resource-tracker';

export interface EdgeMesh {
  readonly mesh: Mesh<InstancedBufferGeometry>;
  setEdges(edgeSets: readonly EdgeSet[]): number;
  /** Segments per ribbon currently used. */
  readonly segments: number;
  dispose(): void;
}

export interface EdgeMeshOptions {
  /** Ribbon width, metres in network space. */
  width: number;
  opacity: number;
  /** 'additive' (default): bundles glow brighter with density; 'max': the strongest edge's colour wins. */
  blending?: EdgeBlending;
}

export type EdgeBlending = 'additive' | 'max';

/**
 * A ribbon strip of MAX_RIBBON_SEGMENTS quads: position = (vertex column s, side, 0). The shader
 * maps s to t = s / uSegments and the draw range uses the first uSegments quads, so switching
 * between straight (1 segment) and bundled edges never rebuilds the geometry.
 */
function createRibbonGeometry(tracker: ResourceTracker, capacity: number): InstancedBufferGeometry {
  const geometry = tracker.track(new InstancedBufferGeometry());
  const positions = new Float32Array((MAX_RIBBON_SEGMENTS + 1) * 2 * 3);
  for (let s = 0; s <= MAX_RIBBON_SEGMENTS; s++) {
    positions.set([s, -1, 0, s, 1, 0], s * 6);
  }
  const index: number[] = [];
  for (let s = 0; s < MAX_RIBBON_SEGMENTS; s++) {
    const a = s * 2;
    index.push(a, a + 2, a + 1, a + 1, a + 2, a + 3);
  }
  geometry.setAttribute('position', new BufferAttribute(positions, 3));
  geometry.setIndex(index);
  addInstanceAttributes(geometry, capacity, { iEdge: 4, iLayers: 2 });
  return geometry;
}

function createPointTexture(tracker: ResourceTracker, pointCapacity: number): DataTexture {
  const height = Math.ceil(pointCapacity / EDGE_TEXTURE_WIDTH);
  const texture = tracker.track(
    new DataTexture(new Float32Array(EDGE_TEXTURE_WIDTH * height * 4), EDGE_TEXTURE_WIDTH, height, RGBAFormat, FloatType),
  );
  texture.minFilter = texture.magFilter = NearestFilter;
  texture.generateMipmaps = false;
  texture.needsUpdate = true;
  return texture;
}

export function createEdgeMesh(tracker: ResourceTracker, highlight: Vector4, options: EdgeMeshOptions): EdgeMesh {
  let segments = 1;
  let edgeCapacity = 64;
  let pointCapacity = computeCapacity(edgeCapacity * 2, EDGE_TEXTURE_WIDTH);
  let points = createPointTexture(tracker, pointCapacity);
  const material = createRenderMaterial(tracker, {
    vertexShader,
    fragmentShader,
    transparent: true,
    depthWrite: false,
    blending: AdditiveBlending,
    side: DoubleSide,
    uniforms: {
      uPoints: { value: points },
      uPointsWidth: { value: EDGE_TEXTURE_WIDTH },
      uWidth: { value: options.width },
      uOpacity: { value: options.opacity },
      uSegments: { value: 1 },
      uPremultiplied: { value: options.blending === 'max' ? 1 : 0 },
      uHighlight: { value: highlight },
      uPositiveColour: { value: new Color(0xff5a1e) },
      uNegativeColour: { value: new Color(0x1e78ff) },
    },
  });
  if (options.blending === 'max') {
    material.blending = CustomBlending;
    material.blendEquation = MaxEquation;
  }
  const mesh = new Mesh(createRibbonGeometry(tracker, edgeCapacity), material);
  mesh.geometry.setDrawRange(0, segments * 6);
  mesh.name = 'edges';
  mesh.frustumCulled = false;
  mesh.visible = false;
  // Transparent and additive: after the opaque maps and nodes.
  mesh.renderOrder = 10;

  const edgeMesh: EdgeMesh = {
    mesh,
    get segments() {
      return segments;
    },
    setEdges(edgeSets) {
      const totals = computeEdgeTotals(edgeSets);
      const wantedSegments = computeRibbonSegments(totals.maxPointsPerEdge, totals.edges);
      if (totals.edges > edgeCapacity) {
        edgeCapacity = computeCapacity(totals.edges);
        mesh.geometry.dispose();
        mesh.geometry = createRibbonGeometry(tracker, edgeCapacity);
      }
      segments = wantedSegments;
      material.uniforms.uSegments!.value = segments;
      mesh.geometry.setDrawRange(0, segments * 6);
      if (totals.points > pointCapacity) {
        pointCapacity = computeCapacity(totals.points, EDGE_TEXTURE_WIDTH);
        points.dispose();
        points = createPointTexture(tracker, pointCapacity);
        material.uniforms.uPoints!.value = points;
      }
      const n = computeEdgePacking(edgeSets, points.image.data as Float32Array, instanceArray(mesh.geometry, 'iEdge'), instanceArray(mesh.geometry, 'iLayers'));
      points.needsUpdate = true;
      markInstancesChanged(mesh.geometry, n);
      mesh.visible = n > 0;
      return n;
    },
    dispose() {
      mesh.geometry.dispose();
      points.dispose();
      material.dispose();
    },
  };
  return edgeMesh;
}
