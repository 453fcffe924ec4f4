/**
 * Draw calls and primitives of a scene subtree as three's WebGLRenderer would issue them for ONE
 * camera (one eye): every visible Mesh / Line / Points with something to draw is one draw call.
 */
import { InstancedBufferGeometry, InstancedMesh, Line, LineSegments, Mesh, Points } from 'three';
import type { BufferGeometry, Object3D } from 'three';

export interface RenderStats {
  drawCalls: number;
  triangles: number;
  lineSegments: number;
  instances: number;
  /** Draw calls by object name, for reports. */
  byObject: Record<string, { drawCalls: number; triangles: number; lineSegments: number; instances: number }>;
}

function drawnVertices(geometry: BufferGeometry): number {
  const total = geometry.index ? geometry.index.count : (geometry.getAttribute('position')?.count ?? 0);
  const start = Math.max(0, geometry.drawRange.start);
  return Math.max(0, Math.min(total, start + geometry.drawRange.count) - start);
}

export function computeRenderStats(root: Object3D): RenderStats {
  const stats: RenderStats = { drawCalls: 0, triangles: 0, lineSegments: 0, instances: 0, byObject: {} };
  const visit = (object: Object3D) => {
    if (!object.visible) return;
    if (object instanceof Mesh || object instanceof Line || object instanceof Points) {
      const geometry = object.geometry as BufferGeometry;
      let instances = 1;
      if (object instanceof InstancedMesh) instances = object.count;
      else if (geometry instanceof InstancedBufferGeometry) instances = geometry.instanceCount;
      const vertices = drawnVertices(geometry);
      if (instances > 0 && vertices > 0) {
        const triangles = object instanceof Mesh ? Math.floor(vertices / 3) * instances : 0;
        const segments = object instanceof LineSegments ? Math.floor(vertices / 2) * instances : object instanceof Line ? Math.max(0, vertices - 1) * instances : 0;
        stats.drawCalls++;
        stats.triangles += triangles;
        stats.lineSegments += segments;
        stats.instances += instances;
        const entry = (stats.byObject[object.name || object.type] ??= { drawCalls: 0, triangles: 0, lineSegments: 0, instances: 0 });
        entry.drawCalls++;
        entry.triangles += triangles;
        entry.lineSegments += segments;
        entry.instances += instances;
      }
    }
    for (const child of object.children) visit(child);
  };
  visit(root);
  return stats;
}
