/**
 * Building blocks shared by the instanced meshes: a unit quad geometry with per-instance
 * attributes of a fixed capacity, and GLSL3 shader materials that read the activation atlas.
 */
import { BufferAttribute, DynamicDrawUsage, GLSL3, InstancedBufferAttribute, InstancedBufferGeometry, ShaderMaterial } from 'three';
import type { Blending, IUniform, Side } from 'three';
import atlasChunk from '../../shaders/atlas.glsl?raw';
import type { ResourceTracker } from './resource-tracker';

/** A quad from -0.5 to 0.5 in x and y, two triangles, with `capacity` instances of the given attributes (name -> item size). */
export function createInstancedQuad(
  tracker: ResourceTracker,
  capacity: number,
  attributes: Record<string, number>,
): InstancedBufferGeometry {
  const geometry = tracker.track(new InstancedBufferGeometry());
  geometry.setAttribute('position', new BufferAttribute(new Float32Array([-0.5, -0.5, 0, 0.5, -0.5, 0, 0.5, 0.5, 0, -0.5, 0.5, 0]), 3));
  geometry.setIndex([0, 1, 2, 0, 2, 3]);
  addInstanceAttributes(geometry, capacity, attributes);
  return geometry;
}

export function addInstanceAttributes(geometry: InstancedBufferGeometry, capacity: number, attributes: Record<string, number>): void {
  const n = Math.max(1, capacity);
  for (const [name, size] of Object.entries(attributes)) {
    const attribute = new InstancedBufferAttribute(new Float32Array(n * size), size);
    attribute.setUsage(DynamicDrawUsage);
    geometry.setAttribute(name, attribute);
  }
  geometry.instanceCount = 0;
}

/** Float array of an instance attribute, for writing. */
export function instanceArray(geometry: InstancedBufferGeometry, name: string): Float32Array {
  const attribute = geometry.getAttribute(name) as InstancedBufferAttribute | undefined;
  if (!attribute) throw new Error(`instanced geometry has no attribute ${name}`);
  return attribute.array as Float32Array;
}

/** Flags the first `count` instances of every instance attribute for upload. */
export function markInstancesChanged(geometry: InstancedBufferGeometry, count: number): void {
  // for..in rather than Object.values: this runs every frame while a layout animates.
  for (const name in geometry.attributes) {
    const attribute = geometry.attributes[name];
    if (!(attribute instanceof InstancedBufferAttribute)) continue;
    attribute.clearUpdateRanges();
    attribute.addUpdateRange(0, Math.max(1, count) * attribute.itemSize);
    attribute.needsUpdate = true;
  }
  geometry.instanceCount = count;
}

export interface RenderMaterialOptions {
  vertexShader: string;
  fragmentShader: string;
  uniforms: Record<string, IUniform>;
  /** Prepend the atlas functions (shaders/atlas.glsl) to both stages. */
  atlas?: boolean;
  transparent?: boolean;
  depthWrite?: boolean;
  blending?: Blending;
  side?: Side;
}

export function createRenderMaterial(tracker: ResourceTracker, options: RenderMaterialOptions): ShaderMaterial {
  const prefix = options.atlas ? `${atlasChunk}\n` : '';
  const material = new ShaderMaterial({
    glslVersion: GLSL3,
    vertexShader: prefix + options.vertexShader,
    fragmentShader: prefix + options.fragmentShader,
    uniforms: options.uniforms,
    transparent: options.transparent ?? false,
    depthWrite: options.depthWrite ?? true,
  });
  if (options.blending !== undefined) material.blending = options.blending;
  if (options.side !== undefined) material.side = options.side;
  return tracker.track(material);
}
