/**
 * `?emulate=quest3`: an emulated Meta Quest 3 (IWER) so a teacher or developer without a headset
 * can enter VR and AR on a laptop, and so the browser tests can drive controllers.
 * Loaded with dynamic imports: none of this is in the main bundle when the parameter is absent.
 */
import type { XRDevice } from 'iwer';

export interface EmulatedHeadset {
  /** The IWER XRDevice: move controllers with device.controllers.right.position.set(...). */
  readonly device: XRDevice;
  readonly kind: string;
}

export class UnknownEmulatorError extends Error {
  override name = 'UnknownEmulatorError';
}

export const EMULATED_DEVICES = ['quest3', 'quest2', 'questpro'] as const;

export async function installEmulatedHeadset(kind: string): Promise<EmulatedHeadset> {
  const iwer = await import('iwer');
  const configs = { quest3: iwer.metaQuest3, quest2: iwer.metaQuest2, questpro: iwer.metaQuestPro } as const;
  const config = configs[kind as keyof typeof configs];
  if (!config) {
    throw new UnknownEmulatorError(`Unknown emulated headset "${kind}"; use one of ${EMULATED_DEVICES.join(', ')}.`);
  }
  const device = new iwer.XRDevice(config, { stereoEnabled: true });
  // Chromium already exposes navigator.xr (with no device behind it), so the runtime must be forced.
  device.installRuntime({ forceInstall: true });
  // The synthetic environment makes AR hit-tests find real-looking surfaces. Its default loader
  // fetches rooms from a CDN, so load a capture shipped inside the package instead.
  const [{ SyntheticEnvironmentModule }, room] = await Promise.all([
    import('@iwer/sem'),
    import('@iwer/sem/captures/office_small.json'),
  ]);
  device.installSEM(SyntheticEnvironmentModule);
  device.sem?.loadEnvironment(room.default as Parameters<NonNullable<typeof device.sem>['loadEnvironment']>[0]);
  device.position.set(0, 1.6, 0);
  return { device, kind };
}
