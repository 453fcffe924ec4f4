import * as THREE from 'three';
import { DESKTOP_PLACEMENT } from '../app/state';
import type { Placement } from '../app/state';
import type { FrameLoop } from '../core/frame-loop';
import { computeTableTopScale } from '../layout/room-scale';
import type { XrContext } from './input/xr-context';
import { computePlacementsEqual, computeSurfacePlacement, computeVrPlacement, createPlacement } from './gestures/placement-math';

/**
 * Where the network goes when a session starts.
 * VR: at room scale in front of the user (input end VR_DISTANCE metres ahead, along their gaze),
 * unless the user already placed it somewhere.
 * AR: a reticle follows real surfaces (hit-test from the right controller's ray, else from the
 * head), and the trigger or a pinch puts the network there at table-top size, its base on the
 * surface. Y (or the hint's "pick up") starts placing again.
 */

export const VR_DISTANCE = 0.6;
/** Longest side of the network on a table, metres; scale clamped to sensible table-top sizes. */
export const TABLE_TOP_LENGTH = 0.6;
export const TABLE_TOP_SCALE = { min: 0.03, max: 0.3, fallback: 0.12 } as const;

export interface ReticleInfo {
  visible: boolean;
  position: [number, number, number];
  /** Surface normal (world). */
  normal: [number, number, number];
}

export interface SessionPlacement {
  /** True while AR waits for the user to put the network down. */
  readonly placing: boolean;
  readonly reticle: ReticleInfo;
  pickUp(): void;
  dispose(): void;
}

export function setupSessionPlacement(ctx: XrContext, loop: FrameLoop, camera: THREE.Camera): SessionPlacement {
  let pendingVr = false;
  let placing = false;
  let session: XRSession | null = null;
  let viewerSource: XRHitTestSource | null = null;
  let controllerSource: XRHitTestSource | null = null;
  let controllerSourceFor: XRInputSource | null = null;
  let requesting = false;
  const out: Placement = createPlacement();
  const head = new THREE.Vector3();
  const forward = new THREE.Vector3();
  const min = new THREE.Vector3();
  const max = new THREE.Vector3();
  const poseMatrix = new THREE.Matrix4();
  const reticleInfo: ReticleInfo = { visible: false, position: [0, 0, 0], normal: [0, 1, 0] };

  const reticleGeometry = new THREE.RingGeometry(0.05, 0.065, 40).rotateX(-Math.PI / 2);
  const reticleMaterial = new THREE.MeshBasicMaterial({ color: 0xffffff, transparent: true, opacity: 0.9 });
  const reticle = new THREE.Mesh(reticleGeometry, reticleMaterial);
  reticle.name = 'ar-reticle';
  reticle.matrixAutoUpdate = false;
  reticle.visible = false;
  ctx.scene.add(reticle);

  const stopHitTest = () => {
    viewerSource?.cancel();
    controllerSource?.cancel();
    viewerSource = controllerSource = null;
    controllerSourceFor = null;
    session = null;
    reticle.visible = reticleInfo.visible = false;
  };

  const startHitTest = async (current: XRSession) => {
    session = current;
    const space = await current.requestReferenceSpace('viewer');
    const source = await current.requestHitTestSource?.({ space });
    if (session === current && source) viewerSource = source;
    else source?.cancel();
  };

  const requestControllerSource = (input: XRInputSource) => {
    if (!session || requesting) return;
    requesting = true;
    const current = session;
    const request = current.requestHitTestSource?.({ space: input.targetRaySpace });
    if (!request) {
      requesting = false;
      return;
    }
    request
      .then((source) => {
        if (session !== current) return source.cancel();
        controllerSource?.cancel();
        controllerSource = source;
        controllerSourceFor = input;
      })
      .catch(() => undefined)
      .finally(() => (requesting = false));
  };

  const unsubscribe = ctx.store.subscribe((state, previous) => {
    if (state.session === previous.session) return;
    if (state.session === 'vr') pendingVr = true;
    if (state.session === 'ar') {
      // A network already on a table (from an earlier AR session) stays; else wait for the user.
      placing = state.placement.scale > TABLE_TOP_SCALE.max;
      const current = ctx.renderer.xr.getSession();
      if (current) void startHitTest(current).catch(() => undefined);
    }
    if (state.session === 'none') {
      pendingVr = false;
      placing = false;
      stopHitTest();
    }
  });

  ctx.placeHook = () => {
    if (!placing || !reticle.visible) return false;
    const picker = ctx.picker();
    let scale: number = TABLE_TOP_SCALE.fallback;
    if (picker.bounds(min, max)) {
      scale = Math.min(TABLE_TOP_SCALE.max, Math.max(TABLE_TOP_SCALE.min, computeTableTopScale(min.toArray(), max.toArray(), TABLE_TOP_LENGTH)));
    } else {
      min.set(-0.5, 0, -1);
      max.set(0.5, 1, 0);
    }
    head.setFromMatrixPosition(camera.matrixWorld);
    forward.setFromMatrixPosition(reticle.matrix);
    ctx.store.dispatch({ type: 'set-placement', placement: computeSurfacePlacement(forward, head, min, max, scale, out) });
    placing = false;
    reticle.visible = reticleInfo.visible = false;
    return true;
  };

  const remove = loop.add('input', (info) => {
    const frame = info.xrFrame as XRFrame | undefined;
    if (!frame) return;
    const reference = ctx.renderer.xr.getReferenceSpace();
    if (!reference) return;
    if (pendingVr) {
      const viewer = frame.getViewerPose(reference);
      if (viewer) {
        pendingVr = false;
        if (computePlacementsEqual(ctx.store.getState().placement, DESKTOP_PLACEMENT)) {
          poseMatrix.fromArray(viewer.transform.matrix).premultiply(ctx.rig.matrixWorld);
          head.setFromMatrixPosition(poseMatrix);
          forward.set(0, 0, -1).transformDirection(poseMatrix);
          ctx.store.dispatch({ type: 'set-placement', placement: computeVrPlacement(head, forward, VR_DISTANCE, out) });
        }
      }
    }
    if (!session) return;
    const right = ctx.hands.get('right');
    if (right?.source && right.source !== controllerSourceFor) requestControllerSource(right.source);
    let result: XRHitTestResult | undefined;
    if (controllerSource && right?.source === controllerSourceFor) result = frame.getHitTestResults(controllerSource)[0];
    if (!result && viewerSource) result = frame.getHitTestResults(viewerSource)[0];
    const pose = result?.getPose(reference);
    if (!placing || !pose) {
      reticle.visible = reticleInfo.visible = false;
      return;
    }
    ctx.rig.updateWorldMatrix(true, false);
    reticle.matrix.fromArray(pose.transform.matrix).premultiply(ctx.rig.matrixWorld);
    reticle.matrixWorldNeedsUpdate = true;
    reticle.visible = reticleInfo.visible = true;
    head.setFromMatrixPosition(reticle.matrix);
    head.toArray(reticleInfo.position);
    // A hit pose's +y is the surface normal.
    forward.set(0, 1, 0).transformDirection(reticle.matrix).toArray(reticleInfo.normal);
  });

  return {
    get placing() {
      return placing;
    },
    reticle: reticleInfo,
    pickUp() {
      if (ctx.store.getState().session === 'ar') placing = true;
    },
    dispose() {
      remove();
      unsubscribe();
      stopHitTest();
      ctx.placeHook = null;
      ctx.scene.remove(reticle);
      reticleGeometry.dispose();
      reticleMaterial.dispose();
    },
  };
}
