import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import type { AppPage } from './browser';
import { openApp } from './app';

/**
 * Per test file: one Chromium; per test: a fresh page whose guards (no page errors, no console
 * errors, no foreign requests) are asserted after the test.
 */
export function useBrowser(): { browser: () => Browser; baseUrl: string; open: (query?: string) => Promise<AppPage> } {
  let browser: Browser | undefined;
  const pages: AppPage[] = [];
  const baseUrl = inject('baseUrl');
  beforeAll(async () => {
    browser = await launchChromium(inject('chromiumPath'));
  });
  afterEach(async () => {
    const open = pages.splice(0);
    try {
      for (const page of open) page.guards.assertClean();
    } finally {
      await Promise.all(open.map((p) => p.close()));
    }
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    browser: () => browser!,
    baseUrl,
    async open(query = '') {
      const app = await openApp(browser!, baseUrl, query);
      pages.push(app);
      return app;
    },
  };
}
