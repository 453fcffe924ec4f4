import type { FrameLoop } from '../core/frame-loop';
import type { XrContext } from './input/xr-context';
import { readButton, readStick } from './input/xr-context';
import { computeStickStep, createStepperState } from './gestures/stick-gestures';

/**
 * The right thumbstick steps epochs (flick right: next, left: previous; hold to repeat), unless
 * the right hand is dragging a layer (then its stick pushes/pulls the layer, see setup-grab).
 * Face buttons: A play/pause, B reset layout, X show/hide the hint panel, Y (AR) pick the network
 * up to place it again.
 */

export const BUTTON_A_X = 4;
export const BUTTON_B_Y = 5;

export interface StickActionHooks {
  toggleHints(): void;
  pickUp(): void;
}

export function setupStickActions(ctx: XrContext, loop: FrameLoop, hooks: StickActionHooks): () => void {
  const stepper = createStepperState();
  const stick = { x: 0, y: 0 };
  const previous = { a: 0, b: 0, x: 0, y: 0 };

  const edge = (key: keyof typeof previous, value: number): boolean => {
    const pressed = value > 0.5 && previous[key] <= 0.5;
    previous[key] = value;
    return pressed;
  };

  return loop.add('input', (frame) => {
    if (!frame.xrFrame) return;
    const right = ctx.hands.get('right');
    const left = ctx.hands.get('left');
    if (right && !right.isHand) {
      readStick(right.source, stick);
      const step = ctx.tasks.right === 'grab-layer' ? 0 : computeStickStep(stepper, stick.x, frame.dt);
      if (step !== 0) ctx.store.dispatch({ type: 'step-epoch', delta: step });
      if (edge('a', readButton(right.source, BUTTON_A_X))) ctx.store.dispatch({ type: 'toggle-playing' });
      if (edge('b', readButton(right.source, BUTTON_B_Y))) ctx.store.dispatch({ type: 'reset-layout' });
    }
    if (left && !left.isHand) {
      if (edge('x', readButton(left.source, BUTTON_A_X))) hooks.toggleHints();
      if (edge('y', readButton(left.source, BUTTON_B_Y))) hooks.pickUp();
    }
  });
}
