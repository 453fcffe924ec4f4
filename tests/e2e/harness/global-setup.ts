import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { preview } from 'vite';
import { ensureChromium } from './find-chromium';

/**
 * Once per e2e run: make sure Chromium is there and serve the built app (dist/, built by
 * `npm run test:e2e` just before) with vite preview, in-process, on a free local port.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromiumPath = ensureChromium();
  const root = resolve(import.meta.dirname, '..', '..', '..');
  if (!existsSync(resolve(root, 'dist', 'index.html'))) {
    throw new Error('dist/ is missing: the browser tests run against the production build; use `npm run test:e2e`, which builds first.');
  }
  const server = await preview({ root, logLevel: 'warn', preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const address = server.resolvedUrls?.local[0];
  if (!address) throw new Error('vite preview did not report a local URL');
  project.provide('baseUrl', address.replace(/\/$/, ''));
  project.provide('chromiumPath', chromiumPath);
  return async () => {
    await server.close();
  };
}
