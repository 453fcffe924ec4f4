import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './harness/fixture';
import { aimController, enterSession, readState, setButton, setThumbstick, waitForState, waitFrames } from './harness/app';
import type { Vec3 } from './harness/app';
import { waitForInput } from './harness/xr-input';

/** Points a controller straight up from `at`: nothing there, so a grip grabs the whole network. */
const aimUp = (page: Page, hand: 'left' | 'right', at: Vec3) => aimController(page, hand, at, [at[0], at[1] + 2, at[2]]);

async function enterVr(page: Page) {
  await enterSession(page, 'vr');
  return waitForState(page, (s) => s.placement.position[2] !== 0);
}

describe('xr grab and locomotion', () => {
  const ctx = useBrowser();

  it('grip on empty space and move 0.5 m: the network moves 0.5 m with the hand and stays on release', async () => {
    const { page } = await ctx.open('emulate=quest3');
    const start = (await enterVr(page)).placement;
    const from: Vec3 = [0.25, 1.3, -0.2];
    await aimUp(page, 'right', from);
    await waitFrames(page, 3);
    await setButton(page, 'right', 'squeeze', 1);
    await waitForInput(page, (i) => i.right.task === 'grab-network');
    await aimUp(page, 'right', [from[0] + 0.5, from[1], from[2]]);
    await waitFrames(page, 4);
    const moved = (await readState(page)).placement;
    expect(Math.abs(moved.position[0] - start.position[0] - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(moved.position[1] - start.position[1])).toBeLessThan(0.01);
    expect(Math.abs(moved.position[2] - start.position[2])).toBeLessThan(0.01);
    expect(moved.scale).toBeCloseTo(start.scale, 6);
    moved.quaternion.forEach((q, i) => expect(q).toBeCloseTo(start.quaternion[i]!, 4));
    await setButton(page, 'right', 'squeeze', 0);
    await waitForInput(page, (i) => i.right.task === 'none');
    await aimUp(page, 'right', from);
    await waitFrames(page, 4);
    expect((await readState(page)).placement).toEqual(moved);
  });

  it('both grips, hands twice as far apart: the network scales x2', async () => {
    const { page } = await ctx.open('emulate=quest3');
    const start = (await enterVr(page)).placement;
    await aimUp(page, 'left', [-0.15, 1.3, -0.2]);
    await aimUp(page, 'right', [0.15, 1.3, -0.2]);
    await waitFrames(page, 3);
    await setButton(page, 'left', 'squeeze', 1);
    await setButton(page, 'right', 'squeeze', 1);
    await waitForInput(page, (i) => i.left.task === 'grab-network' && i.right.task === 'grab-network');
    await aimUp(page, 'left', [-0.3, 1.3, -0.2]);
    await aimUp(page, 'right', [0.3, 1.3, -0.2]);
    await waitFrames(page, 4);
    const scaled = (await readState(page)).placement;
    expect(scaled.scale / start.scale).toBeGreaterThan(1.96);
    expect(scaled.scale / start.scale).toBeLessThan(2.04);
    await setButton(page, 'left', 'squeeze', 0);
    await setButton(page, 'right', 'squeeze', 0);
    await waitForInput(page, (i) => i.left.task === 'none' && i.right.task === 'none');
    await waitFrames(page, 3);
    expect((await readState(page)).placement.scale).toBeCloseTo(scaled.scale, 6);
  });

  it('left stick: snap turn 30 degrees, teleport forward; the network stays put', async () => {
    const { page } = await ctx.open('emulate=quest3');
    const start = (await enterVr(page)).placement;
    await setThumbstick(page, 'left', 1, 0);
    await waitFrames(page, 3);
    await setThumbstick(page, 'left', 0, 0);
    const turned = await waitForInput(page, (i) => Math.abs(i.rig.quaternion[1]) > 0.1);
    // Right turn: -30 degrees about +y.
    expect(2 * Math.asin(turned.rig.quaternion[1])).toBeCloseTo(-Math.PI / 6, 3);
    await aimController(page, 'left', [-0.2, 1.3, -0.3], [-0.2, 1.8, -1.3]);
    await setThumbstick(page, 'left', 0, -1);
    await waitForInput(page, (i) => i.left.task === 'teleport');
    await setThumbstick(page, 'left', 0, 0);
    const moved = await waitForInput(page, (i) => Math.hypot(i.rig.position[0] - turned.rig.position[0], i.rig.position[2] - turned.rig.position[2]) > 1);
    expect(moved.left.task).toBe('none');
    expect((await readState(page)).placement).toEqual(start);
  });

  it('right stick steps epochs; A plays; B resets the layout', async () => {
    const { page } = await ctx.open('emulate=quest3');
    const state = await waitForState(page, (s) => s.network !== null);
    await enterVr(page);
    // The default recording opens at its newest epoch.
    expect(state.epochCount).toBeGreaterThan(2);
    const newest = state.epochCount - 1;
    await page.evaluate(() => window.layerwalk.dispatch({ type: 'set-layer-offset', layerId: 1, offset: [0.3, 0, 0] }));
    // A flick (shorter than the hold that repeats) steps once.
    await setThumbstick(page, 'right', -1, 0);
    await waitFrames(page, 1);
    await setThumbstick(page, 'right', 0, 0);
    await waitFrames(page, 3);
    expect((await readState(page)).epoch).toBe(newest - 1);
    await setThumbstick(page, 'right', 1, 0);
    await waitFrames(page, 1);
    await setThumbstick(page, 'right', 0, 0);
    await waitFrames(page, 3);
    expect((await readState(page)).epoch).toBe(newest);
    // Held: it repeats.
    await setThumbstick(page, 'right', -1, 0);
    await waitForState(page, (s) => s.epoch <= newest - 3);
    await setThumbstick(page, 'right', 0, 0);
    await setButton(page, 'right', 'b-button', 1);
    await waitForState(page, (s) => s.layerViews[1]!.offset.every((v) => v === 0));
    await setButton(page, 'right', 'b-button', 0);
    await setButton(page, 'right', 'a-button', 1);
    await waitForState(page, (s) => s.playing);
    await setButton(page, 'right', 'a-button', 0);
  });
});
