import { describe, expect, it } from 'vitest';
import { useBrowser } from './harness/fixture';
import { endSessionFromRuntime, enterSession, readState, waitForState, waitFrames } from './harness/app';
import { readInput, waitForInput } from './harness/xr-input';

describe('xr sessions', () => {
  const ctx = useBrowser();

  it('enters VR: presenting, both controller models loaded from the local profiles, no other host', async () => {
    const { page, guards } = await ctx.open('emulate=quest3');
    const modelRequests: string[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('.glb')) modelRequests.push(`${response.status()} ${response.url()}`);
    });
    await enterSession(page, 'vr');
    const input = await waitForInput(page, (i) => i.left.modelUrl !== null && i.right.modelUrl !== null);
    expect(input.left.connected && input.right.connected).toBe(true);
    for (const url of [input.left.modelUrl!, input.right.modelUrl!]) {
      expect(new URL(url, ctx.baseUrl).origin).toBe(new URL(ctx.baseUrl).origin);
      expect(new URL(url, ctx.baseUrl).pathname).toMatch(/^\/generated\/profiles\/[a-z0-9-]+\/(left|right)\.glb$/);
    }
    expect(modelRequests.every((r) => r.startsWith('200 '))).toBe(true);
    expect(modelRequests.length).toBeGreaterThanOrEqual(1);
    expect(guards.foreignRequests).toEqual([]);
    expect(await page.evaluate(() => window.layerwalk.stats().views)).toBe(2);
  });

  it('places the network at room scale in front of the user on entering VR, unless already placed', async () => {
    const { page } = await ctx.open('emulate=quest3');
    await enterSession(page, 'vr');
    const state = await waitForState(page, (s) => s.placement.position[2] !== 0);
    // The emulated head is at (0, 1.6, 0) looking down -z: input end 0.6 m ahead, on the floor, room scale.
    expect(state.placement.scale).toBe(1);
    expect(state.placement.position[0]).toBeCloseTo(0, 1);
    expect(state.placement.position[1]).toBe(0);
    expect(state.placement.position[2]).toBeCloseTo(-0.6, 1);
    await endSessionFromRuntime(page);
    await waitForState(page, (s) => s.session === 'none');
    const placed = { position: [0.5, 0, -1] as [number, number, number], quaternion: [0, 0, 0, 1] as [number, number, number, number], scale: 0.5 };
    await page.evaluate((placement) => window.layerwalk.dispatch({ type: 'set-placement', placement }), placed);
    await enterSession(page, 'vr');
    await waitFrames(page, 5);
    expect((await readState(page)).placement).toEqual(placed);
  });

  it('returns to the desktop when the runtime ends the session, with state kept and the desktop view back', async () => {
    const { page } = await ctx.open('emulate=quest3');
    await waitForState(page, (s) => s.network !== null);
    await waitFrames(page, 5);
    const desktopView = await page.evaluate(() => window.layerwalk.camera().matrixWorldInverse);
    await enterSession(page, 'vr');
    await waitForState(page, (s) => s.placement.position[2] !== 0);
    await page.evaluate(() => {
      const api = window.layerwalk;
      api.dispatch({ type: 'set-placement', placement: { position: [0.2, 0.1, -1.5], quaternion: [0, 0.3826834, 0, 0.9238795], scale: 0.8 } });
    });
    const inVr = await readState(page);
    await endSessionFromRuntime(page);
    const after = await waitForState(page, (s) => s.session === 'none');
    // The rays are gone with the session, so is their hover; everything else is kept.
    expect({ ...after, session: 'vr', hoveredLayer: null }).toEqual({ ...inVr, hoveredLayer: null });
    const input = await readInput(page);
    expect(input.rig.position).toEqual([0, 0, 0]);
    await waitFrames(page, 5);
    const backView = await page.evaluate(() => window.layerwalk.camera().matrixWorldInverse);
    backView.forEach((v, i) => expect(v).toBeCloseTo(desktopView[i]!, 3));
  });
});
