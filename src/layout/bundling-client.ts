import type { BundleOptions } from './bundle-frame';
import { computeBundleKey } from './bundle-edges';
import { computeKdeBundle } from './bundle-kde';
import type { BundleRequest, BundleResponse } from './bundle-protocol';

export interface BundlingClient {
  /**
   * Fully bundled points (count * P * 3) for endpoints (count * 6). Results are cached by
   * computeBundleKey (geometry + options), so asking again for the same edges (another epoch, a
   * strength change) resolves from the cache. The caller's endpoints array is not touched.
   */
  bundle(endpoints: Float32Array, count: number, options?: Partial<BundleOptions>): Promise<Float32Array>;
  /** True when bundling runs in a Web Worker, false for the synchronous in-thread fallback. */
  readonly inWorker: boolean;
  /** Stops the worker; pending requests reject. */
  dispose(): void;
}

/** Bundles kept per client (most recent first out of the Map's insertion order). */
const CACHE_SIZE = 32;

/**
 * A bundling client: a Web Worker running bundle.worker.ts where Worker exists (browser), else a
 * synchronous fallback (node, tests) with the same promise API. `useWorker: false` forces the fallback.
 */
export function createBundlingClient(options: { useWorker?: boolean } = {}): BundlingClient {
  const cache = new Map<string, Promise<Float32Array>>();
  const pending = new Map<number, { resolve: (p: Float32Array) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let worker: Worker | null = null;
  if (options.useWorker !== false && typeof Worker !== 'undefined') {
    worker = new Worker(new URL('./bundle.worker.ts', import.meta.url), { type: 'module', name: 'bundling' });
    worker.addEventListener('message', (event: MessageEvent<BundleResponse>) => {
      const request = pending.get(event.data.id);
      if (!request) return;
      pending.delete(event.data.id);
      if ('points' in event.data) request.resolve(event.data.points);
      else request.reject(new Error(`edge bundling failed: ${event.data.error}`));
    });
    worker.addEventListener('error', (event) => {
      for (const request of pending.values()) request.reject(new Error(`edge bundling worker failed: ${event.message}`));
      pending.clear();
    });
  }

  const run = (endpoints: Float32Array, count: number, bundleOptions: Partial<BundleOptions>): Promise<Float32Array> => {
    if (!worker) {
      try {
        return Promise.resolve(computeKdeBundle(endpoints, count, bundleOptions));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    const id = nextId++;
    const copy = endpoints.slice(0, count * 6);
    const request: BundleRequest = { id, endpoints: copy, count, options: bundleOptions };
    const target = worker;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      target.postMessage(request, [copy.buffer]);
    });
  };

  return {
    inWorker: worker !== null,
    bundle(endpoints, count, bundleOptions = {}) {
      let key: string;
      try {
        key = computeBundleKey(endpoints, count, bundleOptions);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      const hit = cache.get(key);
      if (hit) {
        cache.delete(key);
        cache.set(key, hit);
        return hit;
      }
      const result = run(endpoints, count, bundleOptions);
      cache.set(key, result);
      result.catch(() => cache.delete(key));
      while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return result;
    },
    dispose() {
      worker?.terminate();
      worker = null;
      for (const request of pending.values()) request.reject(new Error('bundling client disposed'));
      pending.clear();
      cache.clear();
    },
  };
}
