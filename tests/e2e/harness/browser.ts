import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * Chromium for the browser tests: headless, WebGL2 through SwiftShader, no background networking
 * (this machine has no internet; Chromium would otherwise keep trying Google's hosts).
 */
export const CHROMIUM_ARGS = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
  '--autoplay-policy=no-user-gesture-required',
];

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Everything a test must not see: uncaught page errors, console errors, and requests to any host
 * other than the app's own server. Collected as the page runs; `assertClean` throws a readable
 * summary. Tests of the harness itself check that these guards catch a deliberately bad page.
 */
export interface PageGuards {
  readonly pageErrors: string[];
  readonly consoleErrors: string[];
  readonly foreignRequests: string[];
  assertClean(): void;
}

export function attachGuards(page: Page, allowedOrigin: string): PageGuards {
  const guards = {
    pageErrors: [] as string[],
    consoleErrors: [] as string[],
    foreignRequests: [] as string[],
    assertClean() {
      const problems = [
        ...guards.pageErrors.map((e) => `uncaught page error: ${e}`),
        ...guards.consoleErrors.map((e) => `console error: ${e}`),
        ...guards.foreignRequests.map((u) => `request to a foreign host: ${u}`),
      ];
      if (problems.length > 0) throw new Error(`The page misbehaved:\n- ${problems.join('\n- ')}`);
    },
  };
  page.on('pageerror', (error) => guards.pageErrors.push(error.stack ?? error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') guards.consoleErrors.push(message.text());
  });
  const origin = new URL(allowedOrigin).origin;
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) guards.foreignRequests.push(url);
  });
  // Never let a foreign request leave the machine, even when a test is about to fail on it.
  void page.context().route((url) => url.origin !== origin && url.protocol.startsWith('http'), (route) => route.abort('blockedbyclient'));
  return guards;
}

export interface AppPage {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly guards: PageGuards;
  close(): Promise<void>;
}

/** Opens a fresh context + page with guards; `path` is relative to the app server. */
export async function openPage(browser: Browser, baseUrl: string, path: string, viewport = { width: 960, height: 600 }): Promise<AppPage> {
  const context = await browser.newContext({ viewport, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const guards = attachGuards(page, baseUrl);
  await page.goto(`${baseUrl}${path}`);
  return { context, page, guards, close: () => context.close() };
}
