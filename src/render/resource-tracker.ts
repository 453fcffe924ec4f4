/**
 * Counts the GPU-backed three.js objects (geometries, textures, materials) the view creates and
 * disposes. Every creation in src/render goes through track(), so tests in node (no WebGL) can
 * assert what renderer.info.memory would show: nothing new per epoch switch, and nothing left
 * alive after a network is replaced.
 */
import type { EventDispatcher } from 'three';

type DisposeEvents = { dispose: object };

export interface TrackedResource extends EventDispatcher<DisposeEvents> {
  dispose(): void;
}

export interface ResourceTracker {
  track<T extends TrackedResource>(resource: T): T;
  /** Resources created so far. */
  readonly created: number;
  /** Created and not yet disposed. */
  readonly live: number;
  /** Live resources by three type name ('DataArrayTexture', 'InstancedBufferGeometry', ...). */
  computeLiveByType(): Record<string, number>;
}

export function createResourceTracker(): ResourceTracker {
  let created = 0;
  const live = new Set<TrackedResource>();
  return {
    track(resource) {
      if (live.has(resource)) return resource;
      created++;
      live.add(resource);
      const onDispose = () => {
        live.delete(resource);
        resource.removeEventListener('dispose', onDispose);
      };
      resource.addEventListener('dispose', onDispose);
      return resource;
    },
    get created() {
      return created;
    },
    get live() {
      return live.size;
    },
    computeLiveByType() {
      const counts: Record<string, number> = {};
      for (const r of live) {
        const type = (r as unknown as { type?: string }).type ?? r.constructor.name;
        counts[type] = (counts[type] ?? 0) + 1;
      }
      return counts;
    },
  };
}
