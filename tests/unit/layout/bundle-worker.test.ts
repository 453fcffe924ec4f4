import { afterEach, describe, expect, it, vi } from 'vitest';
import { computeKdeBundle } from '../../../src/layout/bundle-kde';
import type { BundleRequest, BundleResponse } from '../../../src/layout/bundle-protocol';

describe('bundle.worker.ts', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('answers a request with the bundled points (transferred) and an error message for bad options', async () => {
    let handler: ((event: { data: BundleRequest }) => void) | undefined;
    const replies: { message: BundleResponse; transfer: unknown }[] = [];
    vi.stubGlobal('addEventListener', (type: string, listener: (event: { data: BundleRequest }) => void) => {
      if (type === 'message') handler = listener;
    });
    vi.stubGlobal('postMessage', (message: BundleResponse, transfer?: unknown) => replies.push({ message, transfer }));
    // A non-literal path keeps the worker (type-checked with the WebWorker lib) out of this program.
    const path = '../../../src/layout/bundle.worker';
    await import(/* @vite-ignore */ path);
    expect(handler).toBeDefined();

    const endpoints = new Float32Array([0, 1, 0, 1, 1, -1, 1, 1, 0, 0, 1, -1, 0.5, 1.5, 0, 0.5, 1, -1]);
    handler!({ data: { id: 7, endpoints, count: 3, options: { pointsPerEdge: 5 } } });
    handler!({ data: { id: 8, endpoints, count: 3, options: { pointsPerEdge: 1 } } });
    expect(replies).toHaveLength(2);
    const ok = replies[0]!;
    expect(ok.message.id).toBe(7);
    expect('points' in ok.message && ok.message.points).toEqual(computeKdeBundle(endpoints, 3, { pointsPerEdge: 5 }));
    expect(ok.transfer).toEqual(['points' in ok.message ? ok.message.points.buffer : null]);
    expect(replies[1]!.message).toEqual({ id: 8, error: expect.stringMatching(/pointsPerEdge/) });
  });
});
