import type { FrameLoop } from '../core/frame-loop';
import type { XrContext } from './input/xr-context';
import { HANDEDNESSES } from './input/xr-context';
import type { Handedness, XrHandle } from './input/xr-hands';
import { computeTriggerIntent } from './input/trigger-rules';
import { computePinchStep, createPinchState } from './gestures/press-gestures';
import type { PinchState } from './gestures/press-gestures';
import type { GrabControl } from './setup-grab';

/**
 * The trigger (controllers) and the pinch (hands). On a panel: 'down' / 'up' go to the panel.
 * Otherwise a controller acts on the press; a hand acts when the pinch opens again (a short pinch is
 * a click), and a pinch held on (or dragged from) anything but a panel grabs the whole network.
 */

export function setupTriggers(ctx: XrContext, loop: FrameLoop, grab: GrabControl): () => void {
  const onPanel = { left: false, right: false };
  const pinches: Record<Handedness, PinchState> = { left: createPinchState(), right: createPinchState() };
  const pinchOrigin = { left: { x: 0, y: 0, z: 0 }, right: { x: 0, y: 0, z: 0 } };

  const press = (hand: Handedness) => {
    const aim = ctx.aims[hand];
    if (aim.kind === 'panel') return;
    if (ctx.placeHook?.(hand)) return;
    const intent = computeTriggerIntent(aim, 'xr');
    if (intent) ctx.store.dispatch(intent);
  };

  const panelDown = (hand: Handedness): boolean => {
    const aim = ctx.aims[hand];
    if (aim.kind !== 'panel') return false;
    ctx.targets.send(hand, 'down', aim, aim.panel, aim.distance);
    onPanel[hand] = true;
    return true;
  };

  const panelUp = (hand: Handedness) => {
    const aim = ctx.aims[hand];
    ctx.targets.send(hand, 'up', aim, aim.kind === 'panel' ? aim.panel : null, aim.distance);
    onPanel[hand] = false;
  };

  const controllerFrame = (hand: Handedness, handle: XrHandle) => {
    for (let i = 0; i < handle.selectDowns; i++) {
      if (!panelDown(hand)) press(hand);
      if (i < handle.selectUps && onPanel[hand]) panelUp(hand);
    }
    if (handle.selectUps > handle.selectDowns && onPanel[hand]) panelUp(hand);
  };

  const handFrame = (hand: Handedness, handle: XrHandle, dt: number) => {
    const pinch = pinches[hand];
    const aim = ctx.aims[hand];
    if (handle.selectDowns > 0 && pinch.phase === 'open' && panelDown(hand)) {
      if (!handle.selectHeld) panelUp(hand);
      return;
    }
    if (onPanel[hand]) {
      if (!handle.selectHeld) panelUp(hand);
      return;
    }
    const closedNow = handle.selectDowns > 0 && pinch.phase === 'open';
    if (closedNow) {
      pinchOrigin[hand].x = aim.origin.x;
      pinchOrigin[hand].y = aim.origin.y;
      pinchOrigin[hand].z = aim.origin.z;
    }
    const o = pinchOrigin[hand];
    const travel = Math.hypot(aim.origin.x - o.x, aim.origin.y - o.y, aim.origin.z - o.z);
    // A pinch that opened within the same frame it closed still counts as a click.
    const pinched = handle.selectHeld || closedNow;
    let action = computePinchStep(pinch, pinched, dt, travel);
    if (closedNow && !handle.selectHeld) action = computePinchStep(pinch, false, 0, travel);
    if (action === 'click') press(hand);
    else if (action === 'grab-start') grab.startNetwork(hand);
    else if (action === 'grab-end') grab.end(hand);
  };

  const remove = loop.add('input', (frame) => {
    if (!frame.xrFrame) return;
    for (const hand of HANDEDNESSES) {
      const handle = ctx.hands.get(hand);
      if (!handle) {
        if (pinches[hand].phase === 'grabbing') grab.end(hand);
        pinches[hand].phase = 'open';
        onPanel[hand] = false;
        continue;
      }
      if (handle.isHand) handFrame(hand, handle, frame.dt);
      else controllerFrame(hand, handle);
    }
  });
  // A pinch still closed when the session ends must not click in the next one.
  const unsubscribe = ctx.store.subscribe((state, previous) => {
    if (state.session !== 'none' || previous.session === 'none') return;
    for (const hand of HANDEDNESSES) {
      pinches[hand].phase = 'open';
      onPanel[hand] = false;
    }
  });
  return () => {
    remove();
    unsubscribe();
  };
}
