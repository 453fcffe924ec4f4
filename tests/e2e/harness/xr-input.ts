import type { Page } from 'playwright-core';
import type { XrInputSnapshot } from '../../../src/xr/setup-xr-input';
import type { Hand, Vec3 } from './app';
import { waitFrames } from './app';

/** Helpers for the XR input tests: the app's view of the hands, hand-tracking mode, pinches. */

export async function readInput(page: Page): Promise<XrInputSnapshot> {
  return page.evaluate(() => {
    const input = window.layerwalk.input;
    if (!input) throw new Error('window.layerwalk.input is missing: the xr input is not wired');
    return input();
  });
}

export async function waitForInput(page: Page, predicate: (input: XrInputSnapshot) => boolean, timeoutMs = 30_000): Promise<XrInputSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let input = await readInput(page);
  while (!predicate(input)) {
    if (Date.now() > deadline) throw new Error(`input did not reach the expected value in ${timeoutMs} ms; last: ${JSON.stringify(input)}`);
    await page.waitForTimeout(100);
    input = await readInput(page);
  }
  return input;
}

/** Switches the emulated headset between controllers and tracked hands. */
export async function setInputMode(page: Page, mode: 'controller' | 'hand'): Promise<void> {
  await page.evaluate((mode) => {
    const device = window.layerwalk.emulator as { primaryInputMode: 'controller' | 'hand' };
    device.primaryInputMode = mode;
  }, mode);
}

/** Places a tracked hand (its target ray) and points it at a target. */
export async function aimHand(page: Page, hand: Hand, from: Vec3, quaternion: [number, number, number, number]): Promise<void> {
  await page.evaluate(
    ({ hand, from, quaternion }) => {
      const device = window.layerwalk.emulator as {
        hands: Record<string, { position: { set(x: number, y: number, z: number): void }; quaternion: { set(x: number, y: number, z: number, w: number): void } }>;
      };
      device.hands[hand]!.position.set(...from);
      device.hands[hand]!.quaternion.set(...quaternion);
    },
    { hand, from, quaternion },
  );
}

export async function setPinch(page: Page, hand: Hand, value: number): Promise<void> {
  await page.evaluate(
    ({ hand, value }) => {
      const device = window.layerwalk.emulator as { hands: Record<string, { updatePinchValue(v: number): void }> };
      device.hands[hand]!.updatePinchValue(value);
    },
    { hand, value },
  );
}

/** A short pinch: closes, holds one frame, opens (shorter than the hold that turns a pinch into a grab). */
export async function pinchClick(page: Page, hand: Hand): Promise<void> {
  await setPinch(page, hand, 1);
  await waitFrames(page, 1);
  await setPinch(page, hand, 0);
  await waitFrames(page, 3);
}
