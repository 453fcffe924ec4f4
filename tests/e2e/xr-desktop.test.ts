import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowser } from './harness/fixture';
import { readState, waitForState, waitFrames } from './harness/app';
import { readInput } from './harness/xr-input';
import type { XrInputSnapshot } from '../../src/xr/setup-xr-input';

/** Moves the mouse over a coarse grid until the app says the cursor is on what `wanted` accepts. */
async function findScreenPoint(page: Page, wanted: (mouse: XrInputSnapshot['mouse']) => boolean): Promise<{ x: number; y: number; mouse: XrInputSnapshot['mouse'] }> {
  const { width, height } = page.viewportSize()!;
  // Centre outwards: the network is framed in the middle of the view.
  const xs = Array.from({ length: 15 }, (_, i) => Math.round(width / 2 + (i % 2 ? 1 : -1) * Math.ceil(i / 2) * (width / 16)));
  const ys = Array.from({ length: 9 }, (_, i) => Math.round(height / 2 + (i % 2 ? 1 : -1) * Math.ceil(i / 2) * (height / 10)));
  for (const y of ys) {
    for (const x of xs) {
      await page.mouse.move(x, y);
      await waitFrames(page, 1);
      const { mouse } = await readInput(page);
      if (wanted(mouse)) return { x, y, mouse };
    }
  }
  throw new Error(`no point on screen matched ${String(wanted)}`);
}

describe('desktop mouse and keys', () => {
  const ctx = useBrowser();

  it('hover highlights a layer, click toggles it, shift-click selects the cell, a drag does not click', async () => {
    const { page } = await ctx.open();
    await waitForState(page, (s) => s.network !== null);
    const first = await findScreenPoint(page, (m) => m.aimKind === 'cell');
    const layerId = first.mouse.layerId!;
    await waitForState(page, (s) => s.hoveredLayer === layerId);
    await page.mouse.click(first.x, first.y);
    await waitForState(page, (s) => s.layerViews[layerId]!.collapsed);
    // Let the collapse animation end, so no map of the collapsing layer is still under the mouse.
    await page.waitForTimeout(600);
    await waitFrames(page, 3);
    // A cell of a layer still expanded: shift-click selects exactly the cell under the mouse.
    const cell = await findScreenPoint(page, (m) => m.aimKind === 'cell' && m.layerId !== layerId);
    await page.keyboard.down('Shift');
    await page.mouse.click(cell.x, cell.y);
    await page.keyboard.up('Shift');
    const selected = await waitForState(page, (s) => s.selection !== null);
    expect(selected.selection).toEqual({ layerId: cell.mouse.layerId, channel: cell.mouse.channel, row: cell.mouse.row, col: cell.mouse.col });
    expect(selected.layerViews[cell.mouse.layerId!]!.collapsed).toBe(false);
    // A drag (orbit) of more than 4 px from a layer is not a click.
    const onLayer = await findScreenPoint(page, (m) => m.aim === 'network' && m.layerId !== null);
    const before = await readState(page);
    await page.mouse.move(onLayer.x, onLayer.y);
    await page.mouse.down();
    await page.mouse.move(onLayer.x + 40, onLayer.y + 10, { steps: 4 });
    await page.mouse.up();
    await waitFrames(page, 3);
    const after = await readState(page);
    expect(after.layerViews.map((v) => v.collapsed)).toEqual(before.layerViews.map((v) => v.collapsed));
    expect(after.selection).toEqual(before.selection);
    // A click on nothing clears the selection.
    const empty = await findScreenPoint(page, (m) => m.aim === 'none');
    await page.mouse.click(empty.x, empty.y);
    await waitForState(page, (s) => s.selection === null && s.hoveredLayer === null);
  });

  it('keys: L cycles the arrangement, arrows step epochs, space plays', async () => {
    const { page } = await ctx.open();
    const state = await waitForState(page, (s) => s.network !== null);
    const arrangement = state.layerViews[0]!.arrangement;
    await page.keyboard.press('l');
    const cycled = await waitForState(page, (s) => s.layerViews[0]!.arrangement !== arrangement);
    expect(new Set(cycled.layerViews.map((v) => v.arrangement)).size).toBe(1);
    // The default recording has many epochs and opens at the newest.
    expect(state.epochCount).toBeGreaterThan(1);
    await page.keyboard.press('ArrowLeft');
    await waitForState(page, (s) => s.epoch === state.epoch - 1);
    await page.keyboard.press('ArrowRight');
    await waitForState(page, (s) => s.epoch === state.epoch);
    await page.keyboard.press(' ');
    await waitForState(page, (s) => s.playing !== state.playing);
  });
});
