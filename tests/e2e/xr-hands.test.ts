import { describe, expect, it } from 'vitest';
import { useBrowser } from './harness/fixture';
import { computeAimQuaternion, enterSession, readState, waitForState, waitFrames } from './harness/app';
import { aimHand, pinchClick, setInputMode, setPinch, waitForInput } from './harness/xr-input';
import { computeGapPoint, computeInFront, computeMapLayers } from './harness/xr-targets';

describe('xr hand tracking', () => {
  const ctx = useBrowser();

  it('a pinch on a layer toggles it; a held pinch grabs the network', async () => {
    const { page } = await ctx.open('emulate=quest3');
    await enterSession(page, 'vr');
    const state = await waitForState(page, (s) => s.placement.position[2] !== 0 && s.network !== null);
    await setInputMode(page, 'hand');
    await waitForInput(page, (i) => i.right.hand && i.right.connected);
    const k = computeMapLayers(state)[0]!;
    const gap = await computeGapPoint(page, k);
    const from = computeInFront(gap);
    await aimHand(page, 'right', from, computeAimQuaternion(from, gap));
    await waitForInput(page, (i) => i.right.layerId === k && i.right.aimKind === 'layer');
    await pinchClick(page, 'right');
    await waitForState(page, (s) => s.layerViews[k]!.collapsed);
    // Pinch and hold (pointing at nothing), then move the hand: the network follows.
    const up: [number, number, number] = [0.2, 1.3, -0.1];
    await aimHand(page, 'right', up, computeAimQuaternion(up, [0.2, 3, -0.1]));
    await waitFrames(page, 3);
    const placed = (await readState(page)).placement;
    await setPinch(page, 'right', 1);
    await waitForInput(page, (i) => i.right.task === 'grab-network', 30_000);
    await aimHand(page, 'right', [up[0], up[1], up[2] - 0.2], computeAimQuaternion(up, [0.2, 3, -0.1]));
    await waitFrames(page, 4);
    await setPinch(page, 'right', 0);
    await waitForInput(page, (i) => i.right.task === 'none');
    const moved = (await readState(page)).placement;
    expect(moved.position[2] - placed.position[2]).toBeCloseTo(-0.2, 2);
    expect((await readState(page)).layerViews[k]!.collapsed).toBe(true);
  });
});
