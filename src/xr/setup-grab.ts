import { Matrix4, Quaternion, Vector3 } from 'three';
import type { Placement } from '../app/state';
import type { FrameLoop } from '../core/frame-loop';
import type { XrContext } from './input/xr-context';
import { HANDEDNESSES, readStick } from './input/xr-context';
import type { Handedness } from './input/xr-hands';
import { computeGrabOffset, computeHeldPlacement } from './gestures/grab-one-hand';
import { computeDragDistance, computeLayerDragOffset, computeLayerDragStart, createLayerDrag } from './gestures/layer-drag';
import type { LayerDrag } from './gestures/layer-drag';
import { computePlacementFromMatrix, computePlacementMatrix, computePlacementsEqual, createPlacement } from './gestures/placement-math';
import { computeTwoHandPlacement, computeTwoHandStart, createTwoHandStart, DEFAULT_SCALE_LIMITS } from './gestures/two-hand';
import type { TwoHandPose } from './gestures/two-hand';

/**
 * The grip. With the ray on a layer: that layer hangs on the end of the ray (set-layer-offset every
 * frame; the thumbstick pushes it away / pulls it in). Anywhere else (empty space, the base): the
 * whole network follows the hand rigidly (set-placement). Both hands holding the network: scale and
 * yaw about the midpoint of the hands. Hands (tracked) grab with a held pinch, see setup-triggers.
 */

export interface GrabControl {
  startNetwork(hand: Handedness): void;
  startLayer(hand: Handedness): boolean;
  end(hand: Handedness): void;
}

export function setupGrab(ctx: XrContext, loop: FrameLoop): { control: GrabControl; dispose: () => void } {
  const offsets: Record<Handedness, Matrix4> = { left: new Matrix4(), right: new Matrix4() };
  const drags: Record<Handedness, LayerDrag> = { left: createLayerDrag(), right: createLayerDrag() };
  const twoHand = createTwoHandStart();
  let twoHandActive = false;
  const placementMatrix = new Matrix4();
  const placementInverse = new Matrix4();
  const held = new Matrix4();
  const outPlacement: Placement = createPlacement();
  const pose: TwoHandPose = { position: new Vector3(), quaternion: new Quaternion(), scale: 1 };
  const position = new Vector3();
  const quaternion = new Quaternion();
  const leftPoint = new Vector3();
  const rightPoint = new Vector3();
  const stick = { x: 0, y: 0 };
  const offset: [number, number, number] = [0, 0, 0];

  const handMatrix = (hand: Handedness): Matrix4 | null => {
    const handle = ctx.hands.get(hand);
    if (!handle) return null;
    handle.ray.updateWorldMatrix(false, false);
    return handle.ray.matrixWorld;
  };

  /** Dispatches the placement unless it is what state already holds (a still hand changes nothing). */
  const place = (next: Placement) => {
    if (!computePlacementsEqual(next, ctx.store.getState().placement, 1e-9)) ctx.store.dispatch({ type: 'set-placement', placement: next });
  };

  const currentPlacement = () => computePlacementMatrix(ctx.store.getState().placement, placementMatrix);

  const rebaseOneHand = (hand: Handedness) => {
    const matrix = handMatrix(hand);
    if (matrix) computeGrabOffset(matrix, currentPlacement(), offsets[hand]);
  };

  const startTwoHand = () => {
    const left = handMatrix('left');
    const right = handMatrix('right');
    if (!left || !right) return;
    leftPoint.setFromMatrixPosition(left);
    rightPoint.setFromMatrixPosition(right);
    const { placement } = ctx.store.getState();
    position.set(...placement.position);
    quaternion.set(...placement.quaternion);
    computeTwoHandStart(leftPoint, rightPoint, position, quaternion, placement.scale, twoHand);
    twoHandActive = true;
  };

  const control: GrabControl = {
    startNetwork(hand) {
      if (ctx.tasks[hand] !== 'none') return;
      ctx.tasks[hand] = 'grab-network';
      const other: Handedness = hand === 'left' ? 'right' : 'left';
      if (ctx.tasks[other] === 'grab-network') startTwoHand();
      else rebaseOneHand(hand);
    },
    startLayer(hand) {
      const aim = ctx.aims[hand];
      if (ctx.tasks[hand] !== 'none' || aim.kind !== 'network' || aim.hit.layerId < 0 || aim.hit.kind === 'base') return false;
      const state = ctx.store.getState();
      const view = state.layerViews[aim.hit.layerId];
      if (!view) return false;
      placementInverse.copy(currentPlacement()).invert();
      computeLayerDragStart(aim.hit.layerId, aim.hit.point, aim.hit.distance, placementInverse, view.offset, drags[hand]);
      ctx.tasks[hand] = 'grab-layer';
      return true;
    },
    end(hand) {
      const task = ctx.tasks[hand];
      if (task !== 'grab-network' && task !== 'grab-layer') return;
      ctx.tasks[hand] = 'none';
      if (task === 'grab-network' && twoHandActive) {
        twoHandActive = false;
        // The other hand keeps holding: it continues from where the network is now.
        const other: Handedness = hand === 'left' ? 'right' : 'left';
        if (ctx.tasks[other] === 'grab-network') rebaseOneHand(other);
      }
    },
  };

  const remove = loop.add('input', (frame) => {
    if (!frame.xrFrame) return;
    for (const hand of HANDEDNESSES) {
      const handle = ctx.hands.get(hand);
      if (!handle) {
        control.end(hand);
        continue;
      }
      if (handle.isHand) continue;
      if (handle.squeezeDowns > 0 && ctx.tasks[hand] === 'none' && ctx.aims[hand].kind !== 'panel') {
        if (!control.startLayer(hand)) control.startNetwork(hand);
      }
      if (handle.squeezeUps > 0 && !handle.squeezeHeld) control.end(hand);
    }

    if (twoHandActive) {
      const left = handMatrix('left');
      const right = handMatrix('right');
      if (left && right) {
        leftPoint.setFromMatrixPosition(left);
        rightPoint.setFromMatrixPosition(right);
        computeTwoHandPlacement(twoHand, leftPoint, rightPoint, DEFAULT_SCALE_LIMITS, pose);
        pose.position.toArray(outPlacement.position);
        outPlacement.quaternion[0] = pose.quaternion.x;
        outPlacement.quaternion[1] = pose.quaternion.y;
        outPlacement.quaternion[2] = pose.quaternion.z;
        outPlacement.quaternion[3] = pose.quaternion.w;
        outPlacement.scale = pose.scale;
        place(outPlacement);
      }
    } else {
      for (const hand of HANDEDNESSES) {
        if (ctx.tasks[hand] !== 'grab-network') continue;
        const matrix = handMatrix(hand);
        if (!matrix) continue;
        computeHeldPlacement(matrix, offsets[hand], held);
        place(computePlacementFromMatrix(held, outPlacement));
      }
    }

    for (const hand of HANDEDNESSES) {
      if (ctx.tasks[hand] !== 'grab-layer') continue;
      const drag = drags[hand];
      const handle = ctx.hands.get(hand);
      readStick(handle?.source ?? null, stick);
      if (Math.abs(stick.y) > 0.15) drag.distance = computeDragDistance(drag.distance, stick.y, frame.dt);
      const aim = ctx.aims[hand];
      placementInverse.copy(currentPlacement()).invert();
      computeLayerDragOffset(drag, aim.origin, aim.direction, placementInverse, offset);
      const current = ctx.store.getState().layerViews[drag.layerId]?.offset;
      if (current && current[0] === offset[0] && current[1] === offset[1] && current[2] === offset[2]) continue;
      ctx.store.dispatch({ type: 'set-layer-offset', layerId: drag.layerId, offset });
    }
  });

  // A session that ends mid-grab lets go (its controllers are gone with it).
  const unsubscribe = ctx.store.subscribe((state, previous) => {
    if (state.session === 'none' && previous.session !== 'none') for (const hand of HANDEDNESSES) control.end(hand);
  });

  return {
    control,
    dispose: () => {
      remove();
      unsubscribe();
      for (const hand of HANDEDNESSES) control.end(hand);
    },
  };
}
