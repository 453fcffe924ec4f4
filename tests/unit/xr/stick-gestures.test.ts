import { describe, expect, it } from 'vitest';
import { Quaternion, Vector3 } from 'three';
import { computeLocomotionStep, computeStickStep, createLocomotionState, createStepperState, STEP_REPEAT_DELAY } from '../../../src/xr/gestures/stick-gestures';
import { computeTeleportArc, DEFAULT_TELEPORT_ARC } from '../../../src/xr/gestures/teleport-arc';
import type { TeleportArc } from '../../../src/xr/gestures/teleport-arc';
import { computeRigTeleport, computeRigTurn } from '../../../src/xr/gestures/rig-motion';
import { computeIsClick, computePinchStep, createPinchState, HOLD_SECONDS } from '../../../src/xr/gestures/press-gestures';

describe('locomotion stick', () => {
  it('forward aims, release teleports', () => {
    const s = createLocomotionState();
    expect(computeLocomotionStep(s, 0, -0.9)).toBe('aim-start');
    expect(computeLocomotionStep(s, 0.1, -0.8)).toBe('aiming');
    expect(computeLocomotionStep(s, 0, 0)).toBe('teleport');
    expect(computeLocomotionStep(s, 0, 0)).toBe('none');
  });

  it('pulling back while aiming cancels, and does not teleport on release', () => {
    const s = createLocomotionState();
    computeLocomotionStep(s, 0, -0.9);
    expect(computeLocomotionStep(s, 0, 0.9)).toBe('cancel');
    expect(computeLocomotionStep(s, 0, 0)).toBe('none');
  });

  it('one snap turn per flick; the stick must return to the centre', () => {
    const s = createLocomotionState();
    expect(computeLocomotionStep(s, 0.9, 0)).toBe('turn-right');
    expect(computeLocomotionStep(s, 1, 0)).toBe('none');
    expect(computeLocomotionStep(s, 0.5, 0)).toBe('none');
    expect(computeLocomotionStep(s, 0, 0)).toBe('none');
    expect(computeLocomotionStep(s, -0.9, 0.1)).toBe('turn-left');
  });
});

describe('epoch stepper', () => {
  it('steps once per flick and repeats after the delay while held', () => {
    const s = createStepperState();
    expect(computeStickStep(s, 0.9, 0.016)).toBe(1);
    let steps = 0;
    for (let t = 0; t < STEP_REPEAT_DELAY - 0.05; t += 0.01) steps += Math.abs(computeStickStep(s, 0.9, 0.01));
    expect(steps).toBe(0);
    for (let t = 0; t < 0.5; t += 0.01) steps += Math.abs(computeStickStep(s, 0.9, 0.01));
    expect(steps).toBeGreaterThanOrEqual(2);
    expect(computeStickStep(s, 0, 0.01)).toBe(0);
    expect(computeStickStep(s, -0.9, 0.01)).toBe(-1);
  });
});

describe('teleport arc', () => {
  const arc = (): TeleportArc => ({ count: 0, valid: false, landing: new Vector3() });

  it('lands on the floor in front, where the projectile formula says', () => {
    const out = new Float32Array(64 * 3);
    const dir = new Vector3(0, 1, -1).normalize();
    const a = computeTeleportArc(new Vector3(0, 1.2, 0), dir, 0, DEFAULT_TELEPORT_ARC, out, arc());
    expect(a.valid).toBe(true);
    const v = DEFAULT_TELEPORT_ARC.speed * Math.SQRT1_2;
    const g = DEFAULT_TELEPORT_ARC.gravity;
    const t = (v + Math.sqrt(v * v + 2 * g * 1.2)) / g;
    // Linear interpolation of the last segment: within a few cm of the exact landing.
    expect(a.landing.z).toBeCloseTo(-v * t, 1);
    expect(a.landing.y).toBe(0);
    expect(out[(a.count - 1) * 3 + 1]).toBe(0);
  });

  it('is invalid when it does not come down within range', () => {
    const a = computeTeleportArc(new Vector3(0, 1.2, 0), new Vector3(0, 1, 0), 0, DEFAULT_TELEPORT_ARC, new Float32Array(8 * 3), arc());
    expect(a.valid).toBe(false);
  });
});

describe('rig motion', () => {
  it('teleport puts the head above the target, keeping the rig height', () => {
    const out = computeRigTeleport(new Vector3(1, 0, 1), new Vector3(1.2, 1.6, 0.8), new Vector3(3, 0, -2), new Vector3());
    expect(out.toArray()).toEqual([expect.closeTo(2.8, 9), 0, expect.closeTo(-1.8, 9)]);
  });

  it('snap turn rotates about the head: the head stays where it is', () => {
    const rigPos = new Vector3(0.5, 0, 0.5);
    const rigQ = new Quaternion();
    const headLocal = new Vector3(0.3, 1.6, -0.2);
    const head = headLocal.clone().applyQuaternion(rigQ).add(rigPos);
    const p = new Vector3();
    const q = new Quaternion();
    computeRigTurn(rigPos, rigQ, head, Math.PI / 6, p, q);
    const headAfter = headLocal.clone().applyQuaternion(q).add(p);
    expect(headAfter.x).toBeCloseTo(head.x, 9);
    expect(headAfter.z).toBeCloseTo(head.z, 9);
    const forward = new Vector3(0, 0, -1).applyQuaternion(q);
    expect(Math.atan2(-forward.x, -forward.z)).toBeCloseTo(Math.PI / 6, 9);
  });
});

describe('pinch and click', () => {
  it('a short pinch is a click', () => {
    const s = createPinchState();
    expect(computePinchStep(s, true, 0.016, 0)).toBe('none');
    expect(computePinchStep(s, true, 0.1, 0)).toBe('none');
    expect(computePinchStep(s, false, 0.016, 0)).toBe('click');
  });

  it('a held pinch becomes a grab, released when the fingers open', () => {
    const s = createPinchState();
    computePinchStep(s, true, 0, 0);
    let action = computePinchStep(s, true, HOLD_SECONDS / 2, 0);
    expect(action).toBe('none');
    action = computePinchStep(s, true, HOLD_SECONDS, 0);
    expect(action).toBe('grab-start');
    expect(computePinchStep(s, true, 1, 0)).toBe('none');
    expect(computePinchStep(s, false, 0.016, 0)).toBe('grab-end');
  });

  it('a pinch that drags the hand grabs at once', () => {
    const s = createPinchState();
    computePinchStep(s, true, 0, 0);
    expect(computePinchStep(s, true, 0.016, 0.1)).toBe('grab-start');
  });

  it('desktop click: under 4 px of travel', () => {
    expect(computeIsClick(10, 10, 12, 12)).toBe(true);
    expect(computeIsClick(10, 10, 14, 10)).toBe(false);
  });
});
