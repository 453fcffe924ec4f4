import type * as THREE from 'three';
import type { AppStore } from '../app/store';

/**
 * Starting and ending immersive sessions. Everything a session changes goes through intents;
 * a session that ends on its own (headset removed, visibility lost, runtime ended it) is handled
 * exactly like the user leaving.
 */

export type ImmersiveMode = 'vr' | 'ar';

export interface XRSessionOptions {
  /** 0 = no fixed foveation, 1 = maximum. */
  readonly foveation: number;
  /** 1 = the runtime's recommended resolution. */
  readonly framebufferScale: number;
  readonly targetFrameRate: number;
}

/**
 * Foveation 0.25: fixed foveation lowers resolution at the edges of the lenses; our thin bundled
 * edges and MSDF text alias badly there, but the scene is cheap in draw calls and most of the cost
 * is overdraw of translucent edges, so a little foveation buys fill rate without visible shimmer
 * where the user looks. Framebuffer scale 1: below it text at arm's length gets unreadable.
 * 90 Hz where offered: smoother head motion inside a dense network.
 */
export const DEFAULT_XR_OPTIONS: XRSessionOptions = { foveation: 0.25, framebufferScale: 1, targetFrameRate: 90 };

export class XRUnavailableError extends Error {
  override name = 'XRUnavailableError';
}

export async function computeSupportedModes(): Promise<Record<ImmersiveMode, boolean>> {
  const xr = navigator.xr;
  if (!xr) return { vr: false, ar: false };
  const check = (mode: XRSessionMode) => xr.isSessionSupported(mode).catch(() => false);
  const [vr, ar] = await Promise.all([check('immersive-vr'), check('immersive-ar')]);
  return { vr, ar };
}

/**
 * The reference space: bounded-floor when the runtime granted it in VR (its origin is the middle of
 * the play area and the floor is y = 0: the network is then placed relative to the user's head, see
 * setup-session-placement), else local-floor, else local (an AR runtime without floor tracking).
 */
export function computeReferenceSpaceType(mode: ImmersiveMode, enabledFeatures: readonly string[] | undefined): XRReferenceSpaceType {
  // Runtimes without enabledFeatures granted what they were asked for as required: local-floor in VR.
  if (!enabledFeatures) return mode === 'vr' ? 'local-floor' : 'local';
  if (mode === 'vr' && enabledFeatures.includes('bounded-floor')) return 'bounded-floor';
  if (enabledFeatures.includes('local-floor')) return 'local-floor';
  return 'local';
}

export interface SessionController {
  enter(mode: ImmersiveMode): Promise<void>;
  exit(): Promise<void>;
  readonly current: XRSession | null;
}

export function createSessionController(
  renderer: THREE.WebGLRenderer,
  store: AppStore,
  options: XRSessionOptions = DEFAULT_XR_OPTIONS,
): SessionController {
  let current: XRSession | null = null;

  const onEnd = () => {
    current = null;
    store.dispatch({ type: 'session-ended' });
  };

  return {
    get current() {
      return current;
    },
    async enter(mode) {
      if (current) return;
      const xr = navigator.xr;
      if (!xr) throw new XRUnavailableError('This browser has no WebXR; open LayerWalk in a headset browser, or add ?emulate=quest3.');
      const init: XRSessionInit =
        mode === 'vr'
          ? { requiredFeatures: ['local-floor'], optionalFeatures: ['bounded-floor', 'hand-tracking'] }
          : { requiredFeatures: ['hit-test'], optionalFeatures: ['local-floor', 'hand-tracking', 'dom-overlay'] };
      const session = await xr.requestSession(mode === 'vr' ? 'immersive-vr' : 'immersive-ar', init);
      renderer.xr.setReferenceSpaceType(computeReferenceSpaceType(mode, (session as { enabledFeatures?: readonly string[] }).enabledFeatures));
      renderer.xr.setFramebufferScaleFactor(options.framebufferScale);
      await renderer.xr.setSession(session);
      renderer.xr.setFoveation(options.foveation);
      if (session.updateTargetFrameRate && session.supportedFrameRates?.includes(options.targetFrameRate)) {
        // Best effort: a runtime may refuse; the session keeps its default rate.
        session.updateTargetFrameRate(options.targetFrameRate).catch(() => undefined);
      }
      session.addEventListener('end', onEnd, { once: true });
      current = session;
      store.dispatch({ type: 'session-started', mode });
    },
    async exit() {
      if (current) await current.end();
    },
  };
}
