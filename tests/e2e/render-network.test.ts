import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CameraMatrices } from '../../src/automation-api';
import { computeRecordedShape } from '../../src/domain/network';
import { decodeRecording } from '../../src/snapshot';
import { encodeSyntheticRecording } from '../../scripts/make-synthetic-recording';
import { useBrowser } from './harness/fixture';
import { capturePixels, computeRegionDifference, readState, readStats, waitForState, waitFrames } from './harness/app';
import type { Pixels, Vec3 } from './harness/app';

/**
 * The network as drawn by the real renderer (SwiftShader): pixels change where a collapse, an epoch
 * switch or a sample switch says they should and nowhere else; GPU resources stay flat across epoch
 * scrubbing and recording swaps; the default network draws in a few instanced calls.
 */

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** World point -> page pixels: clip = P * V * p (column-major 4x4), then NDC -> the canvas rectangle. */
function computeScreenPoint(camera: CameraMatrices, p: Vec3, canvas: Rect): [number, number] {
  const apply = (m: number[], v: number[]) => [0, 1, 2, 3].map((r) => m[r]! * v[0]! + m[4 + r]! * v[1]! + m[8 + r]! * v[2]! + m[12 + r]! * v[3]!);
  const clip = apply(camera.projectionMatrix, apply(camera.matrixWorldInverse, [...p, 1]));
  const w = clip[3]!;
  return [canvas.x + ((clip[0]! / w + 1) / 2) * canvas.width, canvas.y + ((1 - clip[1]! / w) / 2) * canvas.height];
}

/** Screen rectangle covering every map of a layer (the first and last cell of each map), grown by `margin` pixels. */
async function computeLayerRect(page: Page, layerId: number, margin = 2): Promise<Rect> {
  const state = await readState(page);
  const summary = state.network!.layers[layerId]!;
  const [height, width, channels] = summary.outputShape.length === 3 ? summary.outputShape : [1, 1, 1];
  const corners = await page.evaluate(
    ({ layerId, height, width, channels }) => {
      const points: ([number, number, number] | null)[] = [];
      for (let channel = 0; channel < channels!; channel++) {
        points.push(window.layerwalk.worldPoint({ layerId, channel, row: 0, col: 0 }));
        points.push(window.layerwalk.worldPoint({ layerId, channel, row: height! - 1, col: width! - 1 }));
      }
      return { points, camera: window.layerwalk.camera(), canvas: document.querySelector('canvas')!.getBoundingClientRect().toJSON() as Rect };
    },
    { layerId, height, width, channels },
  );
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of corners.points) {
    if (!p) throw new Error(`layer ${layerId} has a map without a world point`);
    const [x, y] = computeScreenPoint(corners.camera, p, corners.canvas);
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  }
  return { x: Math.floor(x0 - margin), y: Math.floor(y0 - margin), width: Math.ceil(x1 - x0 + 2 * margin), height: Math.ceil(y1 - y0 + 2 * margin) };
}

/** Captures until two captures 300 ms apart agree (animations, cross-fades and bundled edges have landed). */
async function captureSettled(page: Page, timeoutMs = 20_000): Promise<Pixels> {
  const whole = { x: 0, y: 0, width: 100_000, height: 100_000 };
  const deadline = Date.now() + timeoutMs;
  let previous = await capturePixels(page);
  for (;;) {
    await page.waitForTimeout(300);
    await waitFrames(page, 2);
    const next = await capturePixels(page);
    if (computeRegionDifference(previous, next, whole) < 0.01) return next;
    if (Date.now() > deadline) throw new Error('the picture did not settle');
    previous = next;
  }
}

async function waitForPanels(page: Page): Promise<void> {
  await page.waitForFunction(() => window.layerwalk.ui !== undefined && window.layerwalk.state().epochCount > 1, null, { timeout: 60_000, polling: 100 });
}

/** Geometries and textures three holds (renderer.info.memory). */
async function readMemory(page: Page): Promise<{ geometries: number; textures: number }> {
  const { geometries, textures } = await readStats(page);
  return { geometries, textures };
}

/** Fraction of pixels inside a rectangle whose colour moved by more than `tolerance` (sum of |dRGB|). */
function computeChangedFraction(a: Pixels, b: Pixels, rect: Rect, tolerance = 24): number {
  let changed = 0;
  let n = 0;
  for (let y = Math.max(0, rect.y); y < Math.min(a.height, rect.y + rect.height); y++) {
    for (let x = Math.max(0, rect.x); x < Math.min(a.width, rect.x + rect.width); x++) {
      const o = (y * a.width + x) * 4;
      const d = Math.abs(a.data[o]! - b.data[o]!) + Math.abs(a.data[o + 1]! - b.data[o + 1]!) + Math.abs(a.data[o + 2]! - b.data[o + 2]!);
      if (d > tolerance) changed++;
      n++;
    }
  }
  return n === 0 ? 0 : changed / n;
}

/** A patch of floor grid in the lower right corner, away from the network and the docked panels. */
const FLOOR_CORNER: Rect = { x: 760, y: 470, width: 190, height: 120 };

// Fractions of a region's pixels that changed: above CHANGED it visibly changed, below UNCHANGED it did not
// (measured: a collapsed conv1 ~0.5, conv2 maps epoch 20 -> 0 ~0.16, input image on a sample switch ~0.2;
// regions that should stay ~0.001).
const CHANGED = 0.05;
const UNCHANGED = 0.01;

describe('network rendering', () => {
  const ctx = useBrowser();

  it('collapsing a conv layer changes its region of the picture; the input and the floor stay', async () => {
    const { page } = await ctx.open();
    await waitForPanels(page);
    const conv1 = await computeLayerRect(page, 1);
    const input = await computeLayerRect(page, 0, 0);
    expect(conv1.width * conv1.height).toBeGreaterThan(2000);
    const before = await captureSettled(page);

    await page.evaluate(() => window.layerwalk.dispatch({ type: 'toggle-collapsed', layerId: 1 }));
    await waitForState(page, (s) => s.layerViews[1]!.collapsed);
    const collapsed = await captureSettled(page);
    const changed = computeChangedFraction(before, collapsed, conv1);
    expect(changed).toBeGreaterThan(CHANGED);
    expect(computeChangedFraction(before, collapsed, input)).toBeLessThan(UNCHANGED);
    expect(computeChangedFraction(before, collapsed, FLOOR_CORNER)).toBeLessThan(UNCHANGED);

    // Expanding again restores the picture.
    await page.evaluate(() => window.layerwalk.dispatch({ type: 'toggle-collapsed', layerId: 1 }));
    const expanded = await captureSettled(page);
    expect(computeChangedFraction(before, expanded, conv1)).toBeLessThan(UNCHANGED);
  });

  it('an epoch switch changes the conv maps but not the input; a sample switch changes the input too', async () => {
    const { page } = await ctx.open();
    await waitForPanels(page);
    const state = await readState(page);
    expect(state.epoch).toBe(state.epochCount - 1);
    const input = await computeLayerRect(page, 0, 0);
    const conv2 = await computeLayerRect(page, 3);
    const last = await captureSettled(page);

    await page.evaluate(() => window.layerwalk.dispatch({ type: 'set-epoch', epoch: 0 }));
    await waitForState(page, (s) => s.epoch === 0);
    const first = await captureSettled(page);
    expect(computeChangedFraction(last, first, conv2)).toBeGreaterThan(CHANGED);
    expect(computeChangedFraction(last, first, input)).toBeLessThan(UNCHANGED);
    expect(computeChangedFraction(last, first, FLOOR_CORNER)).toBeLessThan(UNCHANGED);

    // A probe showing a different digit from the one on screen.
    const labels = decodeProbeLabels(readFileSync(new URL('../../assets/recordings/mnist-default.lwrec', import.meta.url)));
    const other = labels.findIndex((l) => l !== labels[state.sample]);
    await page.evaluate((sample) => window.layerwalk.dispatch({ type: 'set-sample', sample }), other);
    await waitForState(page, (s) => s.sample === other);
    const sampled = await captureSettled(page);
    expect(computeChangedFraction(first, sampled, input)).toBeGreaterThan(CHANGED);
    expect(computeChangedFraction(first, sampled, conv2)).toBeGreaterThan(CHANGED);
    expect(computeChangedFraction(first, sampled, FLOOR_CORNER)).toBeLessThan(UNCHANGED);
  });

  // SwiftShader on a busy two-core machine draws a few frames a second, so 200 switches get a frame
  // every 4th (50 drawn uploads of changing epochs); tests/unit/render/network-view.test.ts checks
  // every one of 200 at the view level.
  it('GPU memory stays flat across 200 epoch switches and a round trip through another recording', async () => {
    const { page } = await ctx.open();
    await waitForPanels(page);
    const epochCount = (await readState(page)).epochCount;
    // A few switches first: anything created on first use (cross-fade slot, grown edge buffers) exists now.
    await switchEpochs(page, 6, epochCount);
    await waitFrames(page, 10);
    const baseline = await readMemory(page);
    const framesBefore = (await readStats(page)).frames;

    await switchEpochs(page, 200, epochCount, 4);
    await waitFrames(page, 10);
    expect((await readStats(page)).frames - framesBefore).toBeGreaterThanOrEqual(50);
    expect(await readMemory(page)).toEqual(baseline);

    // Another network (different layers, maps and edges), then the default again.
    const small = Array.from(encodeSyntheticRecording('small'));
    await page.evaluate((bytes) => window.layerwalk.loadRecording!(new Uint8Array(bytes), 'synthetic'), small);
    await waitForState(page, (s) => s.network?.name === 'synthetic-small');
    await waitFrames(page, 10);
    const other = await readMemory(page);
    await page.evaluate(async () => {
      const response = await fetch('recordings/mnist-default.lwrec');
      await window.layerwalk.loadRecording!(new Uint8Array(await response.arrayBuffer()), 'default recording');
    });
    await waitForState(page, (s) => s.network?.name === 'mnist-cnn');
    await switchEpochs(page, 6, epochCount);
    await waitFrames(page, 10);
    expect(await readMemory(page)).toEqual(baseline);
    // While the other network was shown, the default's resources were released, not kept beside it.
    expect(other.geometries).toBeLessThanOrEqual(baseline.geometries);
    expect(other.textures).toBeLessThanOrEqual(baseline.textures);
    expect(await page.evaluate(() => window.layerwalk.messages().filter((m) => m.level === 'error'))).toEqual([]);
  });

  it('draws the default network, everything expanded, in at most 25 calls and 500k triangles per view', async () => {
    const { page } = await ctx.open();
    await waitForPanels(page);
    await waitFrames(page, 5);
    const state = await readState(page);
    expect(state.layerViews.every((v) => !v.collapsed)).toBe(true);
    const stats = await readStats(page);
    const ui = await page.evaluate(() => window.layerwalk.ui!.stats());
    expect(stats.views).toBe(1);
    expect(stats.networkDrawCalls).toBeGreaterThan(0);
    expect(stats.networkDrawCalls).toBeLessThanOrEqual(25);
    expect(stats.networkTriangles).toBeLessThan(500_000);
    // What three actually issued: the network's calls, the panels' and the floor grid's one.
    expect(stats.drawCalls).toBe(stats.networkDrawCalls + ui.drawCalls + 1);
    // Collapsing every layer does not change the number of calls: maps are instances, not meshes.
    await page.evaluate(() => window.layerwalk.dispatch({ type: 'set-collapsed', layerId: 'all', collapsed: true }));
    await page.waitForTimeout(700);
    await waitFrames(page, 5);
    expect((await readStats(page)).networkDrawCalls).toBe(stats.networkDrawCalls);
  });
});

/**
 * Dispatches `count` epoch switches, waiting for a rendered frame after every `perFrame`-th, so each
 * drawn frame uploads a different epoch (the scene applies the latest state once a frame). The epochs
 * walk a scrambled order: (7i + 1) mod n.
 */
async function switchEpochs(page: Page, count: number, epochCount: number, perFrame = 1): Promise<void> {
  await page.evaluate(
    async ({ count, epochCount, perFrame }) => {
      for (let i = 0; i < count; i++) {
        window.layerwalk.dispatch({ type: 'set-epoch', epoch: (i * 7 + 1) % epochCount });
        if ((i + 1) % perFrame === 0) await new Promise((resolve) => requestAnimationFrame(resolve));
      }
    },
    { count, epochCount, perFrame },
  );
}

function decodeProbeLabels(bytes: Uint8Array): readonly number[] {
  const recording = decodeRecording(bytes);
  // The input layer's recorded shape is the probe shape: a sanity check that this is the default network.
  expect(computeRecordedShape(recording.network.layers[0]!)).toEqual(recording.probes.inputShape);
  return recording.probes.labels;
}
