import { describe, expect, it } from 'vitest';
import { useBrowser } from './harness/fixture';
import { aimController, clickButton, enterSession, waitForState } from './harness/app';
import { waitForInput } from './harness/xr-input';

describe('xr AR placement', () => {
  const ctx = useBrowser();

  it('a hit-test reticle lies on a surface of the synthetic room; the trigger puts the network there at table-top scale; Y picks it up to place again', async () => {
    const { page } = await ctx.open('emulate=quest3');
    await enterSession(page, 'ar');
    // Aim the right controller down in front: the office capture has a floor and furniture there.
    await aimController(page, 'right', [0.2, 1.3, -0.3], [0.2, 0, -0.9]);
    // The reticle follows the ray: wait until it has moved off the wall it saw at the default pose.
    const input = await waitForInput(page, (i) => i.placing && i.reticle.visible && i.reticle.position[1] < 1.2);
    const { position, normal } = input.reticle;
    // On a horizontal surface (a table or the floor), in front of the user, below the hand.
    expect(normal[1]).toBeGreaterThan(0.9);
    expect(position[1]).toBeLessThan(1.3);
    expect(position[2]).toBeLessThan(-0.3);
    // On the aimed ray: the reticle point lies on the line from the hand towards (0.2, 0, -0.9).
    expect(Math.abs(position[0] - 0.2)).toBeLessThan(0.02);
    await clickButton(page, 'right', 'trigger');
    const state = await waitForState(page, (s) => s.placement.scale < 0.5);
    expect(state.placement.scale).toBeGreaterThanOrEqual(0.03);
    expect(state.placement.scale).toBeLessThanOrEqual(0.3);
    await waitForInput(page, (i) => !i.placing && !i.reticle.visible);
    // The base (bottom centre of the network's bounds) sits on the reticle point.
    const base = await page.evaluate(() => window.layerwalk.worldPoint({ base: true }));
    expect(base).not.toBeNull();
    expect(Math.hypot(base![0] - position[0], base![1] - position[1], base![2] - position[2])).toBeLessThan(0.01);
    // Y picks it up; the reticle is back, and the trigger places it again somewhere else.
    await clickButton(page, 'left', 'y-button');
    await aimController(page, 'right', [0.2, 1.3, -0.3], [-0.2, 0, -0.9]);
    const again = await waitForInput(page, (i) => i.placing && i.reticle.visible && Math.abs(i.reticle.position[0] - position[0]) > 0.05);
    await clickButton(page, 'right', 'trigger');
    const moved = await waitForState(page, (s) => s.placement.position[0] !== state.placement.position[0]);
    const baseAgain = await page.evaluate(() => window.layerwalk.worldPoint({ base: true }));
    const p2 = again.reticle.position;
    expect(Math.hypot(baseAgain![0] - p2[0], baseAgain![1] - p2[1], baseAgain![2] - p2[2])).toBeLessThan(0.01);
    expect(moved.placement.scale).toBeCloseTo(state.placement.scale, 6);
    expect(moved.session).toBe('ar');
  });
});
