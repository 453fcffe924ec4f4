import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './harness/fixture';
import { aimController, capturePixels, clickButton, computeRegionDifference, enterSession, readState, setButton, waitForState, waitFrames, worldPoint } from './harness/app';
import type { Vec3 } from './harness/app';
import { waitForInput } from './harness/xr-input';
import { computeGapPoint, computeInFront, computeLeftEyeRect, computeMapLayers } from './harness/xr-targets';

async function enterVr(page: Page) {
  await enterSession(page, 'vr');
  return waitForState(page, (s) => s.placement.position[2] !== 0 && s.network !== null);
}

const distance = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('xr controllers on the network', () => {
  const ctx = useBrowser();

  it('trigger on a layer collapses it (the picture changes), again expands it', async () => {
    const { page } = await ctx.open('emulate=quest3');
    const state = await enterVr(page);
    const k = computeMapLayers(state)[0]!;
    expect(k).toBeDefined();
    const endsBefore = await page.evaluate((id) => window.layerwalk.edgeEnds!(id), k);
    expect(endsBefore.length).toBeGreaterThan(0);
    const gap = await computeGapPoint(page, k);
    await aimController(page, 'right', computeInFront(gap), gap);
    await waitForInput(page, (i) => i.right.layerId === k && i.right.aimKind === 'layer');
    // The ray's layer is highlighted (hover-layer), and the ray ends on it.
    await waitForState(page, (s) => s.hoveredLayer === k);
    expect((await waitForInput(page, (i) => i.right.distance !== null)).right.distance).toBeCloseTo(0.2, 1);
    await waitFrames(page, 5);
    const firstMap = await worldPoint(page, { layerId: k, channel: 0 });
    const before = await capturePixels(page);
    await clickButton(page, 'right', 'trigger');
    await waitForState(page, (s) => s.layerViews[k]!.collapsed);
    await waitFrames(page, 30);
    const collapsed = await capturePixels(page);
    // Where the first map of layer k showed in the left eye, the pixels change; the sky above does not.
    const region = await computeLeftEyeRect(page, firstMap!, 20);
    expect(region.width * region.height).toBeGreaterThan(1000);
    expect(computeRegionDifference(before, collapsed, region)).toBeGreaterThan(5);
    const sky = { x: 0, y: 0, width: before.width / 2, height: 40 };
    expect(computeRegionDifference(before, collapsed, sky)).toBeLessThan(1);
    // Collapsed: one slab; the trigger on it expands the layer again.
    const slab = await worldPoint(page, { layerId: k, channel: -1 });
    expect(slab).not.toBeNull();
    await aimController(page, 'right', computeInFront(slab!), slab!);
    await waitForInput(page, (i) => i.right.layerId === k && i.right.aimKind === 'layer');
    await clickButton(page, 'right', 'trigger');
    await waitForState(page, (s) => !s.layerViews[k]!.collapsed);
  });

  it('trigger on an activation cell selects that cell', async () => {
    const { page } = await ctx.open('emulate=quest3');
    const state = await enterVr(page);
    const k = computeMapLayers(state)[0]!;
    const shape = state.network!.layers[k]!.outputShape;
    const cell = { layerId: k, channel: 1, row: Math.floor(shape[0]! / 2), col: Math.floor(shape[1]! / 3) };
    const target = await worldPoint(page, cell);
    expect(target).not.toBeNull();
    await aimController(page, 'right', computeInFront(target!), target!);
    await waitForInput(page, (i) => i.right.layerId === k && i.right.aimKind === 'cell');
    await clickButton(page, 'right', 'trigger');
    const selected = await waitForState(page, (s) => s.selection !== null);
    expect(selected.selection).toEqual(cell);
    expect(selected.layerViews[k]!.collapsed).toBe(false);
    // Trigger on empty space clears it.
    await aimController(page, 'right', [0.3, 1.2, 0.5], [0.3, 3, 0.5]);
    await waitForInput(page, (i) => i.right.aim === 'none');
    await clickButton(page, 'right', 'trigger');
    await waitForState(page, (s) => s.selection === null);
  });

  it('grip on a layer and move 0.3 m sideways: only that layer moves with the ray; reset layout puts it back', async () => {
    const { page } = await ctx.open('emulate=quest3');
    const state = await enterVr(page);
    const k = computeMapLayers(state)[1] ?? computeMapLayers(state)[0]!;
    const neighbours = [k - 1, k + 1].filter((id) => id >= 0 && id < state.layerViews.length);
    const layerBefore = (await worldPoint(page, { layerId: k }))!;
    const neighboursBefore = await Promise.all(neighbours.map((id) => worldPoint(page, { layerId: id })));
    const endsBefore = await page.evaluate((id) => window.layerwalk.edgeEnds!(id), k);
    expect(endsBefore.length).toBeGreaterThan(0);
    const gap = await computeGapPoint(page, k);
    const from = computeInFront(gap, 0.25);
    await aimController(page, 'right', from, gap);
    await waitForInput(page, (i) => i.right.layerId === k);
    await setButton(page, 'right', 'squeeze', 1);
    await waitForInput(page, (i) => i.right.task === 'grab-layer');
    await aimController(page, 'right', [from[0] + 0.3, from[1], from[2]], [gap[0] + 0.3, gap[1], gap[2]]);
    await waitFrames(page, 4);
    await setButton(page, 'right', 'squeeze', 0);
    await waitForInput(page, (i) => i.right.task === 'none');
    await waitFrames(page, 10);
    const layerAfter = (await worldPoint(page, { layerId: k }))!;
    expect(layerAfter[0] - layerBefore[0]).toBeCloseTo(0.3, 2);
    expect(Math.abs(layerAfter[1] - layerBefore[1])).toBeLessThan(0.005);
    expect(Math.abs(layerAfter[2] - layerBefore[2])).toBeLessThan(0.005);
    const neighboursAfter = await Promise.all(neighbours.map((id) => worldPoint(page, { layerId: id })));
    neighboursAfter.forEach((p, i) => expect(distance(p!, neighboursBefore[i]!)).toBeLessThan(1e-4));
    // Its edges still end on it: every end on layer k moved with it.
    const endsAfter = await page.evaluate((id) => window.layerwalk.edgeEnds!(id), k);
    expect(endsAfter.length).toBe(endsBefore.length);
    endsAfter.forEach((p, i) => {
      expect(p[0] - endsBefore[i]![0]).toBeCloseTo(layerAfter[0] - layerBefore[0], 3);
      expect(Math.abs(p[1] - endsBefore[i]![1])).toBeLessThan(0.005);
    });
    const views = (await readState(page)).layerViews;
    views.forEach((v, id) => (id === k ? expect(v.offset[0]).not.toBe(0) : expect(v.offset).toEqual([0, 0, 0])));
    await page.evaluate(() => window.layerwalk.dispatch({ type: 'reset-layout' }));
    await waitFrames(page, 10);
    expect(distance((await worldPoint(page, { layerId: k }))!, layerBefore)).toBeLessThan(1e-4);
  });
});
