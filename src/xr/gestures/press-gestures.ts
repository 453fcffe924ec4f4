/**
 * Button and pinch gestures, pure.
 * A hand has one "button" (the pinch): a short pinch acts as the trigger (decided on release), a
 * pinch held longer than HOLD_SECONDS, or one that moves the hand more than HOLD_TRAVEL metres,
 * becomes a grab that lasts until the fingers open.
 */

export const HOLD_SECONDS = 0.6;
export const HOLD_TRAVEL = 0.04;

export type PinchAction = 'none' | 'click' | 'grab-start' | 'grab-end';

export interface PinchState {
  phase: 'open' | 'pressed' | 'grabbing';
  /** Seconds since the pinch closed. */
  held: number;
}

export function createPinchState(): PinchState {
  return { phase: 'open', held: 0 };
}

/** `travel`: how far (metres) the hand moved since the pinch closed. */
export function computePinchStep(state: PinchState, pinched: boolean, dt: number, travel: number): PinchAction {
  switch (state.phase) {
    case 'open':
      if (pinched) {
        state.phase = 'pressed';
        state.held = 0;
      }
      return 'none';
    case 'pressed':
      if (!pinched) {
        state.phase = 'open';
        return 'click';
      }
      state.held += dt;
      if (state.held >= HOLD_SECONDS || travel > HOLD_TRAVEL) {
        state.phase = 'grabbing';
        return 'grab-start';
      }
      return 'none';
    case 'grabbing':
      if (pinched) return 'none';
      state.phase = 'open';
      return 'grab-end';
  }
}

/** Desktop: a press and release count as a click when the mouse moved less than `slop` pixels (else it was an orbit drag). */
export function computeIsClick(downX: number, downY: number, upX: number, upY: number, slop = 4): boolean {
  return Math.hypot(upX - downX, upY - downY) < slop;
}
