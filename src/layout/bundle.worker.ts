/** Web Worker entry: runs kernel-density bundling off the main thread (see bundling-client.ts). */
import { computeKdeBundle } from './bundle-kde';
import type { BundleRequest, BundleResponse } from './bundle-protocol';

addEventListener('message', (event: MessageEvent<BundleRequest>) => {
  const { id, endpoints, count, options } = event.data;
  let response: BundleResponse;
  try {
    response = { id, points: computeKdeBundle(endpoints, count, options) };
  } catch (error) {
    response = { id, error: error instanceof Error ? error.message : String(error) };
  }
  if ('points' in response) postMessage(response, [response.points.buffer]);
  else postMessage(response);
});
