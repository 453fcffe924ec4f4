/**
 * Thumbstick state machines, pure: each takes the stick's axes every frame and says what happened.
 * xr-standard gamepads report forward as y < 0 and right as x > 0.
 */

/** Deflection beyond which a direction counts, and below which the stick is back in the centre. */
export const STICK_ENGAGE = 0.6;
export const STICK_RELEASE = 0.3;

export type LocomotionAction = 'none' | 'aim-start' | 'aiming' | 'teleport' | 'cancel' | 'turn-left' | 'turn-right';

export interface LocomotionState {
  mode: 'idle' | 'aiming' | 'turned';
}

export function createLocomotionState(): LocomotionState {
  return { mode: 'idle' };
}

/**
 * Teleport and snap turn on one stick. Push forward: aim (the arc shows); let go: teleport;
 * pull back while aiming: cancel. Flick left or right: one snap turn, then the stick must come back
 * to the centre before the next.
 */
export function computeLocomotionStep(state: LocomotionState, x: number, y: number): LocomotionAction {
  const magnitude = Math.hypot(x, y);
  switch (state.mode) {
    case 'idle':
      if (magnitude < STICK_ENGAGE) return 'none';
      if (-y >= Math.abs(x)) {
        state.mode = 'aiming';
        return 'aim-start';
      }
      if (Math.abs(x) > Math.abs(y)) {
        state.mode = 'turned';
        return x > 0 ? 'turn-right' : 'turn-left';
      }
      return 'none';
    case 'aiming':
      if (y > STICK_ENGAGE) {
        state.mode = 'turned';
        return 'cancel';
      }
      if (magnitude < STICK_RELEASE) {
        state.mode = 'idle';
        return 'teleport';
      }
      return 'aiming';
    case 'turned':
      if (magnitude < STICK_RELEASE) state.mode = 'idle';
      return 'none';
  }
}

export interface StepperState {
  direction: -1 | 0 | 1;
  /** Seconds held in the current direction. */
  held: number;
  /** Seconds until the next repeat. */
  nextRepeat: number;
}

export function createStepperState(): StepperState {
  return { direction: 0, held: 0, nextRepeat: 0 };
}

/** Delay before a held stick repeats, and the repeat interval (seconds). */
export const STEP_REPEAT_DELAY = 0.5;
export const STEP_REPEAT_INTERVAL = 0.2;

/**
 * Epoch stepping on the x axis: a flick steps once; holding repeats after a delay. Returns the step
 * to apply this frame (-1, 0 or 1).
 */
export function computeStickStep(state: StepperState, x: number, dt: number): -1 | 0 | 1 {
  const direction: -1 | 0 | 1 = x > STICK_ENGAGE ? 1 : x < -STICK_ENGAGE ? -1 : 0;
  if (direction === 0) {
    if (Math.abs(x) < STICK_RELEASE) state.direction = 0;
    return 0;
  }
  if (direction !== state.direction) {
    state.direction = direction;
    state.held = 0;
    state.nextRepeat = STEP_REPEAT_DELAY;
    return direction;
  }
  state.held += dt;
  if (state.held >= state.nextRepeat) {
    state.nextRepeat += STEP_REPEAT_INTERVAL;
    return direction;
  }
  return 0;
}
