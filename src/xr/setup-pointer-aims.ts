import { Vector3 } from 'three';
import type { FrameLoop } from '../core/frame-loop';
import type { XrContext } from './input/xr-context';
import { HANDEDNESSES } from './input/xr-context';
import { computeAimLayer, computePointerAim } from './input/pointer-aim';

/**
 * Every XR frame, first in the input phase: each hand's ray in world space, what it points at,
 * 'move' / 'leave' for panels, and the hovered layer (right hand first, then left) as a
 * 'hover-layer' intent when it changes.
 */

const FORWARD = new Vector3(0, 0, -1);

export function setupPointerAims(ctx: XrContext, loop: FrameLoop): () => void {
  let lastHover: number | null = null;
  const wasActive = { left: false, right: false };

  const remove = loop.add('input', (frame) => {
    if (!frame.xrFrame) return;
    ctx.rig.updateWorldMatrix(true, false);
    const picker = ctx.picker();
    let hover: number | null = null;
    for (const hand of HANDEDNESSES) {
      const aim = ctx.aims[hand];
      const handle = ctx.hands.get(hand);
      aim.active = handle !== null && handle.ray.visible;
      if (handle && aim.active) {
        handle.ray.updateWorldMatrix(false, false);
        aim.origin.setFromMatrixPosition(handle.ray.matrixWorld);
        aim.direction.copy(FORWARD).transformDirection(handle.ray.matrixWorld);
      }
      computePointerAim(aim, ctx.targets, picker);
      if (aim.active) {
        ctx.targets.send(hand, 'move', aim, aim.kind === 'panel' ? aim.panel : null, aim.distance);
      } else if (wasActive[hand]) {
        ctx.targets.release(hand, aim);
      }
      wasActive[hand] = aim.active;
      hover ??= computeAimLayer(aim);
    }
    if (hover !== lastHover) {
      lastHover = hover;
      ctx.store.dispatch({ type: 'hover-layer', layerId: hover });
    }
  });

  const unsubscribe = ctx.store.subscribe((state, previous) => {
    // Leaving the session: the rays are gone, so is their hover.
    if (state.session === 'none' && previous.session !== 'none') {
      for (const hand of HANDEDNESSES) {
        if (wasActive[hand]) ctx.targets.release(hand, ctx.aims[hand]);
        wasActive[hand] = false;
        ctx.aims[hand].active = false;
      }
      if (lastHover !== null) {
        lastHover = null;
        ctx.store.dispatch({ type: 'hover-layer', layerId: null });
      }
    }
  });
  return () => {
    remove();
    unsubscribe();
  };
}
