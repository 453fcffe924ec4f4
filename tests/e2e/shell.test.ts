import { describe, expect, it } from 'vitest';
import { useBrowser } from './harness/fixture';
import { capturePixels, computeNonBackgroundFraction, endSessionFromRuntime, enterSession, readState, readStats, waitForState, waitFrames } from './harness/app';

describe('app shell', () => {
  const ctx = useBrowser();

  it('loads and draws non-blank WebGL pixels', async () => {
    const { page } = await ctx.open();
    await waitFrames(page, 3);
    const pixels = await capturePixels(page);
    // Background is #14161c; the network (and floor) must cover a real part of the view.
    expect(computeNonBackgroundFraction(pixels, [0x14, 0x16, 0x1c])).toBeGreaterThan(0.05);
    const stats = await readStats(page);
    expect(stats.drawCalls).toBeGreaterThan(0);
    expect(stats.frames).toBeGreaterThan(0);
    expect(stats.frameTimeMedianMs).toBeGreaterThan(0);
  });

  it('shows no Enter VR button without a headset, and says why', async () => {
    const { page } = await ctx.open();
    expect(await page.locator('#enter-vr').count()).toBe(0);
    const messages = await page.evaluate(() => window.layerwalk.messages());
    expect(messages.some((m) => /No VR or AR headset/.test(m.text))).toBe(true);
  });

  it('enters VR with the emulated Quest 3; XR frames tick', async () => {
    const { page } = await ctx.open('emulate=quest3');
    await enterSession(page, 'vr');
    const before = (await readStats(page)).xrFrames;
    await waitFrames(page, 5);
    const stats = await readStats(page);
    expect(stats.xrFrames).toBeGreaterThan(before);
    expect(stats.views).toBe(2);
  });

  it('enters AR with the emulated Quest 3', async () => {
    const { page } = await ctx.open('emulate=quest3');
    const state = await enterSession(page, 'ar');
    expect(state.session).toBe('ar');
  });

  it('returns to the desktop when the runtime ends the session, with state kept', async () => {
    const { page } = await ctx.open('emulate=quest3');
    await enterSession(page, 'vr');
    await page.evaluate(() => window.layerwalk.dispatch({ type: 'set-placement', placement: { position: [0.5, 0, -1], quaternion: [0, 0, 0, 1], scale: 0.5 } }));
    const inVr = await readState(page);
    await endSessionFromRuntime(page);
    const after = await waitForState(page, (s) => s.session === 'none');
    expect({ ...after, session: 'vr' }).toEqual(inVr);
    expect(await page.locator('#enter-vr').textContent()).toBe('Enter VR');
  });
});
