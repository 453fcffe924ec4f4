import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './harness/fixture';
import { aimController, enterSession, readState, setButton, waitForState, waitFrames, type Vec3 } from './harness/app';

const uiPoint = (page: Page, name: string): Promise<Vec3 | null> => page.evaluate((n) => window.layerwalk.ui?.point(n) ?? null, name);
const uiTexts = (page: Page): Promise<Record<string, string[]>> => page.evaluate(() => window.layerwalk.ui!.texts());

async function waitForUi(page: Page): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await page.evaluate(() => window.layerwalk.ui !== undefined && window.layerwalk.state().epochCount > 1))) {
    if (Date.now() > deadline) throw new Error(`panels did not appear: ${JSON.stringify(await page.evaluate(() => window.layerwalk.messages()))}`);
    await page.waitForTimeout(100);
  }
  await waitFrames(page, 3);
}

describe('ui panels', () => {
  const ctx = useBrowser();

  it('desktop: panels show the recording, cost at most 15 draw calls together', async () => {
    const { page } = await ctx.open();
    await waitForUi(page);
    const state = await readState(page);
    const texts = await uiTexts(page);
    expect(texts.epoch![0]).toContain(`Epoch ${state.epoch} / ${state.epochCount - 1}`);
    expect(texts.samples![0]).toMatch(/Sample 1 \/ \d+\ntrue \d, predicted \d/);
    const stats = await page.evaluate(() => window.layerwalk.ui!.stats());
    expect(stats.drawCalls).toBeGreaterThan(2);
    expect(stats.drawCalls).toBeLessThanOrEqual(15);
    writeFileSync('/tmp/ui-desktop.png', await page.screenshot());
  });
});
