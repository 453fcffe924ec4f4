/**
 * UI panels benchmark, in headless Chromium (SwiftShader) on a production build of the app with the
 * default recording, every panel open (a conv cell selected, a layer pointed at):
 *  - draw calls of all panels together (visible meshes: panel canvases + three-mesh-ui Texts; target
 *    <= 15), against the baseline of a one-mesh-per-element design (a frame and a Text per widget,
 *    a Text per label line) counted on the same panels;
 *  - idle cost: Text rebuilds and canvas redraws over 120 idle frames (target 0) and the ui-phase
 *    main-thread time per idle frame, against the same while scrubbing (an epoch change every frame).
 */
import { resolve } from 'node:path';
import { build, preview } from 'vite';
import { launchChromium } from '../../tests/e2e/harness/browser';
import { ensureChromium } from '../../tests/e2e/harness/find-chromium';

const IDLE_FRAMES = 120;
const SCRUB_FRAMES = 60;

export async function run(): Promise<Record<string, unknown>> {
  const root = resolve(import.meta.dirname, '..', '..');
  const outDir = resolve(root, 'bench-results', 'ui-dist');
  process.stderr.write('ui: building the app...\n');
  await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false } });
  const server = await preview({ root, logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const browser = await launchChromium(ensureChromium());
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.resolvedUrls!.local[0]!);
    await page.waitForFunction(() => window.layerwalk?.ui !== undefined && window.layerwalk.state().epochCount > 1, null, { timeout: 120_000, polling: 200 });
    await page.evaluate(() => {
      window.layerwalk.dispatch({ type: 'hover-layer', layerId: 3 });
      window.layerwalk.dispatch({ type: 'select-cell', selection: { layerId: 3, channel: 2, row: 4, col: 5 } });
    });
    // Page scripts as strings: tsx's name helper (__name) does not exist in the page.
    const frames = (n: number) =>
      page.evaluate(`new Promise((done) => { let left = ${n}; function tick() { if (--left <= 0) done(); else requestAnimationFrame(tick); } requestAnimationFrame(tick); })`);
    await frames(30);
    const open = await page.evaluate(() => window.layerwalk.ui!.stats());
    const texts = await page.evaluate(() => window.layerwalk.ui!.texts());
    const panelsOpen = Object.keys(texts).length;
    const naive = panelsOpen + 2 * open.widgets + open.labelLines;

    const idleStart = await page.evaluate(() => window.layerwalk.ui!.stats());
    await frames(IDLE_FRAMES);
    const idleEnd = await page.evaluate(() => window.layerwalk.ui!.stats());

    process.stderr.write('ui: scrubbing...\n');
    const scrubStart = await page.evaluate(() => window.layerwalk.ui!.stats());
    await page.evaluate(`new Promise((done) => {
      let left = ${SCRUB_FRAMES};
      function tick() {
        const s = window.layerwalk.state();
        window.layerwalk.dispatch({ type: 'set-epoch', epoch: s.epoch === 0 ? s.epochCount - 1 : s.epoch - 1 });
        if (--left <= 0) done(); else requestAnimationFrame(tick);
      }
      requestAnimationFrame(tick);
    })`);
    const scrubEnd = await page.evaluate(() => window.layerwalk.ui!.stats());

    const perFrame = (a: typeof idleStart, b: typeof idleStart) => +((b.updateMs - a.updateMs) / Math.max(1, b.updates - a.updates)).toFixed(4);
    const idleMs = perFrame(idleStart, idleEnd);
    const scrubMs = perFrame(scrubStart, scrubEnd);
    return {
      panels_open: panelsOpen,
      panel_draw_calls: open.drawCalls,
      panel_draw_calls_target: 15,
      baseline_one_mesh_per_element_draw_calls: naive,
      draw_call_ratio_vs_baseline: +(open.drawCalls / naive).toFixed(3),
      idle_frames: IDLE_FRAMES,
      idle_text_rebuilds: idleEnd.textSets - idleStart.textSets,
      idle_canvas_redraws: idleEnd.surfaceDraws - idleStart.surfaceDraws,
      idle_ui_update_ms_per_frame: idleMs,
      scrub_frames: SCRUB_FRAMES,
      scrub_text_rebuilds_per_frame: +((scrubEnd.textSets - scrubStart.textSets) / SCRUB_FRAMES).toFixed(2),
      scrub_canvas_redraws_per_frame: +((scrubEnd.surfaceDraws - scrubStart.surfaceDraws) / SCRUB_FRAMES).toFixed(2),
      scrub_ui_update_ms_per_frame: scrubMs,
      scrub_text_layout_ms_per_frame: +((scrubEnd.textMs - scrubStart.textMs) / Math.max(1, scrubEnd.updates - scrubStart.updates)).toFixed(4),
      idle_to_scrub_ui_time_ratio: +(idleMs / Math.max(1e-6, scrubMs)).toFixed(4),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
