import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import type { AppState } from '../../../src/app/state';
import type { FrameStats, WorldPointTarget } from '../../../src/automation-api';
import { openPage } from './browser';
import type { AppPage } from './browser';

/** Helpers for what a user does: open the app, enter VR/AR, move controllers, press buttons, read state. */

export type Hand = 'left' | 'right';
export type Vec3 = [number, number, number];
export type Quat = [number, number, number, number];

export async function openApp(browser: Browser, baseUrl: string, query = ''): Promise<AppPage> {
  const app = await openPage(browser, baseUrl, `/${query ? `?${query}` : ''}`);
  await app.page.waitForFunction(() => typeof window.layerwalk === 'object', null, { timeout: 60_000 });
  await app.page.evaluate(() => window.layerwalk.ready);
  return app;
}

export const readState = (page: Page): Promise<AppState> => page.evaluate(() => window.layerwalk.state());
export const readStats = (page: Page): Promise<FrameStats> => page.evaluate(() => window.layerwalk.stats());
export const worldPoint = (page: Page, target: WorldPointTarget): Promise<Vec3 | null> =>
  page.evaluate((t) => window.layerwalk.worldPoint(t), target);

/** Waits until state satisfies the predicate (evaluated in node on polled copies). */
export async function waitForState(page: Page, predicate: (state: AppState) => boolean, timeoutMs = 30_000): Promise<AppState> {
  const deadline = Date.now() + timeoutMs;
  let state = await readState(page);
  while (!predicate(state)) {
    if (Date.now() > deadline) throw new Error(`state did not reach the expected value in ${timeoutMs} ms; last: ${JSON.stringify(state).slice(0, 600)}`);
    await page.waitForTimeout(100);
    state = await readState(page);
  }
  return state;
}

/** Waits for n more rendered frames (XR frames when presenting). */
export async function waitFrames(page: Page, n = 3, timeoutMs = 30_000): Promise<void> {
  const start = (await readStats(page)).frames;
  await page.waitForFunction((target) => window.layerwalk.stats().frames >= target, start + n, { timeout: timeoutMs, polling: 50 });
}

/** Clicks the page's Enter VR / Enter AR button, as a user would, and waits for the session. */
export async function enterSession(page: Page, mode: 'vr' | 'ar'): Promise<AppState> {
  await page.click(`#enter-${mode}`);
  const state = await waitForState(page, (s) => s.session === mode);
  await page.waitForFunction(() => window.layerwalk.stats().xrFrames > 2, null, { timeout: 30_000, polling: 50 });
  return state;
}

/** Ends the session from the runtime side, like taking the headset off. */
export async function endSessionFromRuntime(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const device = window.layerwalk.emulator as { activeSession?: XRSession } | undefined;
    if (!device?.activeSession) throw new Error('no active emulated session');
    await device.activeSession.end();
  });
}

/** Places a controller: position in metres, orientation as a quaternion (controllers point down their -Z). */
export async function setControllerPose(page: Page, hand: Hand, position: Vec3, quaternion?: Quat): Promise<void> {
  await page.evaluate(
    ({ hand, position, quaternion }) => {
      const device = window.layerwalk.emulator as {
        controllers: Record<string, { position: { set(x: number, y: number, z: number): void }; quaternion: { set(x: number, y: number, z: number, w: number): void } }>;
      };
      const controller = device.controllers[hand];
      if (!controller) throw new Error(`no ${hand} controller`);
      controller.position.set(...position);
      if (quaternion) controller.quaternion.set(...quaternion);
    },
    { hand, position, quaternion },
  );
}

/** The quaternion that turns -Z to point from `from` to `to` (world up kept where possible). */
export function computeAimQuaternion(from: Vec3, to: Vec3): Quat {
  const d: Vec3 = [to[0] - from[0], to[1] - from[1], to[2] - from[2]];
  const len = Math.hypot(...d) || 1;
  const dir: Vec3 = [d[0] / len, d[1] / len, d[2] / len];
  // Rotation taking (0,0,-1) to dir: axis = (0,0,-1) x dir, angle = acos(-dir.z).
  const axis: Vec3 = [dir[1], -dir[0], 0];
  const axisLen = Math.hypot(...axis);
  if (axisLen < 1e-9) return dir[2] < 0 ? [0, 0, 0, 1] : [0, 1, 0, 0];
  const angle = Math.acos(Math.max(-1, Math.min(1, -dir[2])));
  const s = Math.sin(angle / 2) / axisLen;
  return [axis[0] * s, axis[1] * s, axis[2] * s, Math.cos(angle / 2)];
}

/** Puts the controller at `from`, pointing at `to`. */
export async function aimController(page: Page, hand: Hand, from: Vec3, to: Vec3): Promise<void> {
  await setControllerPose(page, hand, from, computeAimQuaternion(from, to));
}

/** Sets a controller button: 'trigger' | 'squeeze' | 'thumbstick' | 'a-button' ..., value 0..1. */
export async function setButton(page: Page, hand: Hand, button: string, value: number): Promise<void> {
  await page.evaluate(
    ({ hand, button, value }) => {
      const device = window.layerwalk.emulator as { controllers: Record<string, { updateButtonValue(id: string, v: number): void }> };
      device.controllers[hand]!.updateButtonValue(button, value);
    },
    { hand, button, value },
  );
}

/** Press and release, with frames in between so the app sees both edges. */
export async function clickButton(page: Page, hand: Hand, button: string): Promise<void> {
  await setButton(page, hand, button, 1);
  await waitFrames(page, 3);
  await setButton(page, hand, button, 0);
  await waitFrames(page, 3);
}

export async function setThumbstick(page: Page, hand: Hand, x: number, y: number): Promise<void> {
  await page.evaluate(
    ({ hand, x, y }) => {
      const device = window.layerwalk.emulator as { controllers: Record<string, { updateAxes(id: string, x: number, y: number): void }> };
      device.controllers[hand]!.updateAxes('thumbstick', x, y);
    },
    { hand, x, y },
  );
}

export interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** A screenshot of the page as RGBA pixels. */
export async function capturePixels(page: Page): Promise<Pixels> {
  const png = PNG.sync.read(await page.screenshot({ type: 'png' }));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
}

/** Fraction of pixels in a rectangle that differ from a colour by more than `tolerance` (sum of |dRGB|). */
export function computeNonBackgroundFraction(pixels: Pixels, background: Vec3, tolerance = 24): number {
  let count = 0;
  const total = pixels.width * pixels.height;
  for (let i = 0; i < total; i++) {
    const o = i * 4;
    const diff = Math.abs(pixels.data[o]! - background[0]) + Math.abs(pixels.data[o + 1]! - background[1]) + Math.abs(pixels.data[o + 2]! - background[2]);
    if (diff > tolerance) count++;
  }
  return count / total;
}

/** Mean absolute per-channel difference between two captures inside a rectangle (0..255). */
export function computeRegionDifference(a: Pixels, b: Pixels, rect: { x: number; y: number; width: number; height: number }): number {
  let sum = 0;
  let n = 0;
  for (let y = Math.max(0, rect.y); y < Math.min(a.height, rect.y + rect.height); y++) {
    for (let x = Math.max(0, rect.x); x < Math.min(a.width, rect.x + rect.width); x++) {
      const o = (y * a.width + x) * 4;
      sum += Math.abs(a.data[o]! - b.data[o]!) + Math.abs(a.data[o + 1]! - b.data[o + 1]!) + Math.abs(a.data[o + 2]! - b.data[o + 2]!);
      n += 3;
    }
  }
  return n === 0 ? 0 : sum / n;
}
