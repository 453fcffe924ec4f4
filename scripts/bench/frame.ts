/**
 * Frame benchmark in headless Chromium (WebGL2 through SwiftShader), against a production build of the
 * current source made for this run in a private folder (others' `vite build` into dist/ cannot swap
 * files under it), served by vite preview: for the default MNIST recording and issue 4's synthetic large
 * network (12 conv layers of 256 maps, 56x56 down to 7x7; dense 4096, 4096, 1000), with a tiny
 * network (input 4x4, flatten, 2 units) as the baseline of what the app costs around any network:
 *  - draw calls and triangles per view as three issued them (renderer.info): the network view's own,
 *    the panels', and in an emulated stereo headset (IWER, Quest 3) per eye;
 *  - main-thread time of whole frames (rAF callback: input, state, layout, ui phases + three's render
 *    submission), and of renderer.render alone, median and p95, at rest and while every layer morphs
 *    (collapse/expand all: layout applied every frame);
 *  - epoch switch: dispatch + the frame that applies it (texture upload, edges recomputed from the
 *    weights), median and p95, and the slowest of the frames that follow (cross-fade, bundled edges
 *    landing); a sample switch (texture upload alone) for comparison.
 * Timing comes from instruments injected before the app starts: requestAnimationFrame wrapped (three's
 * loop is its only user) and renderer.render wrapped through three's __THREE_DEVTOOLS__ hook. Chromium
 * runs the GL commands in its GPU process, so SwiftShader's rasterisation is not in these main-thread
 * times, but on this loaded machine it paces frames (a few per second) and competes for the cores.
 * Pass --no-stereo to skip the headset pages.
 * (Functions passed to page.evaluate declare no named inner functions: tsx would wrap them in __name.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { preview } from 'vite';
import type { Plugin } from 'vite';
import { encodeSyntheticRecording } from '../make-synthetic-recording';
import { launchChromium } from '../../tests/e2e/harness/browser';
import { ensureChromium } from '../../tests/e2e/harness/find-chromium';

const ROOT = resolve(import.meta.dirname, '..', '..');
const STEADY_FRAMES = 40;
const MORPH_TOGGLES = 4;
const SWITCHES = 10;
const log = (text: string) => process.stderr.write(`bench: frame: ${text}\n`);

/** Page-side instruments, installed before any app script runs. Plain JS: it is sent as a string. */
const INSTRUMENTS = `(() => {
  const raw = window.requestAnimationFrame.bind(window);
  const timing = { frames: [], renders: [], renderInFrame: 0, raw };
  window.__bench = timing;
  window.requestAnimationFrame = (callback) => raw((time) => {
    timing.renderInFrame = 0;
    const started = performance.now();
    callback(time);
    timing.frames.push(performance.now() - started);
    timing.renders.push(timing.renderInFrame);
  });
  const hook = new EventTarget();
  hook.addEventListener('observe', (event) => {
    const renderer = event.detail;
    if (!renderer || !renderer.isWebGLRenderer || renderer.__benchWrapped) return;
    renderer.__benchWrapped = true;
    const render = renderer.render.bind(renderer);
    renderer.render = (scene, camera) => {
      const started = performance.now();
      render(scene, camera);
      timing.renderInFrame += performance.now() - started;
    };
  });
  window.__THREE_DEVTOOLS__ = hook;
})();`;

interface BenchTiming {
  frames: number[];
  renders: number[];
  raw: (callback: FrameRequestCallback) => number;
}
declare global {
  interface Window {
    __bench: BenchTiming;
  }
}

function percentiles(values: number[]): { median: number; p95: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))] ?? NaN;
  return { median: +at(0.5).toFixed(2), p95: +at(0.95).toFixed(2) };
}

/** Serves the synthetic recordings next to the build (same origin, so the app loads them with ?recording=). */
function serveRecordings(files: Record<string, Uint8Array>): Plugin {
  return {
    name: 'bench-recordings',
    configurePreviewServer(server) {
      server.middlewares.use((request, response, next) => {
        const body = files[request.url ?? ''];
        if (!body) return next();
        response.setHeader('Content-Type', 'application/octet-stream');
        response.setHeader('Content-Length', String(body.byteLength));
        response.end(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
      });
    },
  };
}

/** Frame and render times of the next `n` app frames. */
async function sampleFrames(page: Page, n: number): Promise<{ frames: number[]; renders: number[] }> {
  return page.evaluate(async (n) => {
    const t = window.__bench;
    const start = t.frames.length;
    while (t.frames.length < start + n) await new Promise((r) => t.raw(r));
    return { frames: t.frames.slice(start, start + n), renders: t.renders.slice(start, start + n) };
  }, n);
}

/** Every frame from each collapse-all / expand-all toggle until 8 frames after the morph's 0.45 s (edges are recomputed when it ends). */
async function measureMorph(page: Page): Promise<{ frames: number[]; renders: number[]; first: number[] }> {
  return page.evaluate(async (toggles) => {
    const t = window.__bench;
    const frames: number[] = [];
    const renders: number[] = [];
    const first: number[] = [];
    for (let i = 0; i < toggles; i++) {
      await new Promise((r) => t.raw(r));
      const start = t.frames.length;
      window.layerwalk.dispatch({ type: 'set-collapsed', layerId: 'all', collapsed: i % 2 === 0 });
      const until = performance.now() + 450; // MORPH_SECONDS in src/network-scene.ts
      while (performance.now() < until || t.frames.length < start + 8) await new Promise((r) => t.raw(r));
      const end = t.frames.length + 8;
      while (t.frames.length < end) await new Promise((r) => t.raw(r));
      frames.push(...t.frames.slice(start));
      renders.push(...t.renders.slice(start));
      first.push(t.frames[start]!);
    }
    return { frames, renders, first };
  }, MORPH_TOGGLES);
}

/**
 * `count` switches of the epoch (texture upload + edges recomputed from the new weights) or of the
 * sample (texture upload only): dispatch + the app frame that applies it, and the slowest frame of
 * the following 0.6 s (cross-fade, bundled edges landing).
 */
async function measureSwitches(page: Page, kind: 'epoch' | 'sample', count: number): Promise<{ switches: number[]; renders: number[]; dispatches: number[]; after: number[] }> {
  return page.evaluate(
    async ({ kind, count }) => {
      const t = window.__bench;
      const switches: number[] = [];
      const renders: number[] = [];
      const dispatches: number[] = [];
      const after: number[] = [];
      const state = window.layerwalk.state();
      const n = kind === 'epoch' ? state.epochCount : state.sampleCount;
      let value = kind === 'epoch' ? state.epoch : state.sample;
      for (let i = 0; i < count; i++) {
        value = n === 2 ? 1 - value : (value + 7) % n;
        await new Promise((r) => t.raw(r)); // right after an app frame: the next one applies the switch
        const index = t.frames.length;
        const started = performance.now();
        window.layerwalk.dispatch(kind === 'epoch' ? { type: 'set-epoch', epoch: value } : { type: 'set-sample', sample: value });
        dispatches.push(performance.now() - started);
        const until = performance.now() + 600;
        while (t.frames.length < index + 4 || performance.now() < until) await new Promise((r) => t.raw(r));
        switches.push(t.frames[index]! + dispatches[i]!);
        renders.push(t.renders[index]!);
        after.push(Math.max(...t.frames.slice(index + 1)));
      }
      return { switches, renders, dispatches, after };
    },
    { kind, count },
  );
}

/** In an emulated Quest 3 (IWER, a page of its own: its environment module is not part of the desktop figures). */
async function measureStereo(browser: Browser, baseUrl: string, label: string, recordingUrl: string | null): Promise<Record<string, number>> {
  log(`${label}: stereo`);
  const context = await browser.newContext({ viewport: { width: 960, height: 600 } });
  const page = await context.newPage();
  try {
    return await labelled(`${label} (stereo)`, page, () => measureStereoPage(page, baseUrl, recordingUrl));
  } finally {
    await context.close();
  }
}

async function measureStereoPage(page: Page, baseUrl: string, recordingUrl: string | null): Promise<Record<string, number>> {
  await page.goto(`${baseUrl}/?emulate=quest3${recordingUrl ? `&recording=${encodeURIComponent(recordingUrl)}` : ''}`);
  await page.waitForFunction(() => typeof window.layerwalk === 'object', null, { timeout: 120_000 });
  await page.evaluate(() => window.layerwalk.ready);
  await page.waitForFunction(() => window.layerwalk.ui !== undefined, null, { timeout: 60_000 });
  await page.click('#enter-vr');
  await page.waitForFunction(() => window.layerwalk.stats().xrFrames > 5, null, { timeout: 60_000, polling: 100 });
  await page.waitForTimeout(1500); // bundled edges
  const s = await page.evaluate(() => window.layerwalk.stats());
  return {
    stereo_views: s.views,
    stereo_draw_calls_total_per_eye: s.drawCalls / Math.max(1, s.views),
    stereo_triangles_total_per_eye: s.triangles / Math.max(1, s.views),
    stereo_draw_calls_network_per_eye: s.networkDrawCalls,
  };
}

/** Runs a measurement; a failure names the network and the page's own messages. */
async function labelled<T>(label: string, page: Page, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    const messages = await page
      .evaluate(() => (typeof window.layerwalk === 'object' ? window.layerwalk.messages().map((m) => m.text) : []))
      .catch(() => []);
    throw new Error(`${label}: ${error instanceof Error ? error.message : String(error)}; app messages: ${JSON.stringify(messages)}`);
  }
}

async function measureNetwork(browser: Browser, baseUrl: string, label: string, recordingUrl: string | null): Promise<Record<string, unknown>> {
  log(`${label}: loading`);
  const context = await browser.newContext({ viewport: { width: 960, height: 600 } });
  const page = await context.newPage();
  try {
    return await labelled(label, page, () => measurePage(page, baseUrl, label, recordingUrl));
  } finally {
    await context.close();
  }
}

async function measurePage(page: Page, baseUrl: string, label: string, recordingUrl: string | null): Promise<Record<string, unknown>> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  await page.addInitScript(INSTRUMENTS);
  const query = recordingUrl ? `recording=${encodeURIComponent(recordingUrl)}` : '';
  const loadStarted = performance.now();
  await page.goto(`${baseUrl}/?${query}`);
  await page.waitForFunction(() => typeof window.layerwalk === 'object', null, { timeout: 120_000 });
  await page.evaluate(() => window.layerwalk.ready);
  const loadMs = performance.now() - loadStarted;
  await page.waitForFunction(() => window.layerwalk.ui !== undefined, null, { timeout: 60_000 });
  await sampleFrames(page, 10);
  await page.waitForTimeout(1500); // bundled edges from the worker
  await sampleFrames(page, 5);
  const state = await page.evaluate(() => window.layerwalk.state());
  const counts = await page.evaluate(() => ({ stats: window.layerwalk.stats(), ui: window.layerwalk.ui!.stats() }));

  log(`${label}: steady frames`);
  const steady = await sampleFrames(page, STEADY_FRAMES);
  const appStats = await page.evaluate(() => window.layerwalk.stats());
  log(`${label}: morphing`);
  const morph = await measureMorph(page);
  await page.evaluate(() => window.layerwalk.dispatch({ type: 'set-collapsed', layerId: 'all', collapsed: false }));
  await page.waitForTimeout(600);
  log(`${label}: epoch and sample switches`);
  const epochs = await measureSwitches(page, 'epoch', SWITCHES);
  const samples = await measureSwitches(page, 'sample', SWITCHES);

  const s = counts.stats;
  const steadyFrame = percentiles(steady.frames);
  return {
    network: state.network?.name,
    layers: state.network?.layers.length,
    maps: state.network?.layers.reduce((n, l) => n + (l.outputShape.length === 3 && l.kind !== 'input' ? l.outputShape[2]! : 0), 0),
    load_to_first_frame_ms: Math.round(loadMs),
    draw_calls_total_per_view: s.drawCalls,
    draw_calls_network_per_view: s.networkDrawCalls,
    draw_calls_panels_per_view: counts.ui.drawCalls,
    draw_calls_floor_per_view: s.drawCalls - s.networkDrawCalls - counts.ui.drawCalls,
    triangles_total_per_view: s.triangles,
    triangles_network_per_view: s.networkTriangles,
    gpu_geometries: s.geometries,
    gpu_textures: s.textures,
    frame_ms_median: steadyFrame.median,
    frame_ms_p95: steadyFrame.p95,
    render_submission_ms_median: percentiles(steady.renders).median,
    render_submission_ms_p95: percentiles(steady.renders).p95,
    app_reported_frame_ms_median: +appStats.frameTimeMedianMs.toFixed(2),
    morph_frames: morph.frames.length,
    morph_frame_ms_median: percentiles(morph.frames).median,
    morph_frame_ms_p95: percentiles(morph.frames).p95,
    morph_render_submission_ms_median: percentiles(morph.renders).median,
    morph_first_frame_ms_median: percentiles(morph.first).median,
    morph_frame_ms_max: +Math.max(...morph.frames).toFixed(2),
    epoch_switches: epochs.switches.length,
    epoch_switch_ms_median: percentiles(epochs.switches).median,
    epoch_switch_ms_p95: percentiles(epochs.switches).p95,
    epoch_switch_render_submission_ms_median: percentiles(epochs.renders).median,
    epoch_switch_dispatch_ms_median: percentiles(epochs.dispatches).median,
    epoch_switch_following_frames_max_ms_median: percentiles(epochs.after).median,
    sample_switch_ms_median: percentiles(samples.switches).median,
    sample_switch_ms_p95: percentiles(samples.switches).p95,
    sample_switch_render_submission_ms_median: percentiles(samples.renders).median,
    page_errors: errors,
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const outDir = join(tmpdir(), 'layerwalk-bench-dist');
  log(`building into ${outDir}`);
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (build.status !== 0 || !existsSync(join(outDir, 'index.html'))) throw new Error('vite build failed');
  log('generating synthetic recordings');
  const generated = performance.now();
  const files = { '/bench/tiny.lwrec': encodeSyntheticRecording('tiny'), '/bench/large.lwrec': encodeSyntheticRecording('large') };
  const generateMs = performance.now() - generated;
  const server = await preview({ root: ROOT, logLevel: 'warn', build: { outDir }, plugins: [serveRecordings(files)], preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const browser = await launchChromium(ensureChromium());
  try {
    const baseUrl = server.resolvedUrls!.local[0]!.replace(/\/$/, '');
    const tiny = await measureNetwork(browser, baseUrl, 'baseline (tiny network)', '/bench/tiny.lwrec');
    const mnist = await measureNetwork(browser, baseUrl, 'default', null);
    const large = await measureNetwork(browser, baseUrl, 'large', '/bench/large.lwrec');
    if (!process.argv.includes('--no-stereo')) {
      Object.assign(mnist, await measureStereo(browser, baseUrl, 'default', null));
      Object.assign(large, await measureStereo(browser, baseUrl, 'large', '/bench/large.lwrec'));
    }
    const ratio = (a: Record<string, unknown>, key: string) => +((a[key] as number) / Math.max(1e-3, tiny[key] as number)).toFixed(2);
    return {
      renderer: 'swiftshader (headless Chromium, WebGL2 via ANGLE); main-thread times, rasterisation runs in the GPU process',
      steady_frames: STEADY_FRAMES,
      large_recording_mb: +(files['/bench/large.lwrec'].byteLength / 1e6).toFixed(1),
      large_recording_generate_ms: Math.round(generateMs),
      baseline_tiny_network: tiny,
      default_network: mnist,
      large_network: large,
      default_frame_vs_baseline_ratio: ratio(mnist, 'frame_ms_median'),
      large_frame_vs_baseline_ratio: ratio(large, 'frame_ms_median'),
      default_epoch_switch_vs_baseline_ratio: ratio(mnist, 'epoch_switch_ms_median'),
      large_epoch_switch_vs_baseline_ratio: ratio(large, 'epoch_switch_ms_median'),
      budget_default_draw_calls_per_eye: 25,
      budget_large_draw_calls_per_eye: 40,
      budget_triangles_per_eye: 500_000,
      network_within_budget:
        (mnist.draw_calls_network_per_view as number) <= 25 &&
        (large.draw_calls_network_per_view as number) <= 40 &&
        (mnist.triangles_network_per_view as number) < 500_000 &&
        (large.triangles_network_per_view as number) < 500_000,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
