import type { BundleOptions } from './bundle-frame';

/** Message to bundle.worker.ts: endpoints (count * 6) are transferred. */
export interface BundleRequest {
  readonly id: number;
  readonly endpoints: Float32Array;
  readonly count: number;
  readonly options: Partial<BundleOptions>;
}

/** Reply: the fully bundled points (count * P * 3, transferred) or the error's message. */
export type BundleResponse = { readonly id: number; readonly points: Float32Array } | { readonly id: number; readonly error: string };
