import { describe, expect, it } from 'vitest';
import { Matrix4, Quaternion, Vector3 } from 'three';
import type { Placement } from '../../../src/app/state';
import { computeGrabOffset, computeHeldPlacement } from '../../../src/xr/gestures/grab-one-hand';
import {
  computePlacementFromMatrix,
  computePlacementMatrix,
  computePlacementsEqual,
  computeSurfacePlacement,
  computeVrPlacement,
  createPlacement,
} from '../../../src/xr/gestures/placement-math';
import { computeTwoHandPlacement, computeTwoHandStart, createTwoHandStart, DEFAULT_SCALE_LIMITS } from '../../../src/xr/gestures/two-hand';
import { computeDragDistance, computeLayerDragOffset, computeLayerDragStart, createLayerDrag } from '../../../src/xr/gestures/layer-drag';

const handPose = (x: number, y: number, z: number, yaw = 0) =>
  new Matrix4().compose(new Vector3(x, y, z), new Quaternion().setFromAxisAngle(new Vector3(0, 1, 0), yaw), new Vector3(1, 1, 1));

const apply = (placement: Placement, p: Vector3) => p.clone().applyMatrix4(computePlacementMatrix(placement, new Matrix4()));

describe('placement <-> matrix', () => {
  it('round-trips position, rotation and scale', () => {
    const placement: Placement = { position: [0.3, -1, 2], quaternion: new Quaternion().setFromAxisAngle(new Vector3(0, 1, 0), 0.7).toArray() as Placement['quaternion'], scale: 0.12 };
    const back = computePlacementFromMatrix(computePlacementMatrix(placement, new Matrix4()), createPlacement());
    expect(computePlacementsEqual(back, placement, 1e-6)).toBe(true);
    expect(computePlacementsEqual(back, { ...placement, scale: 0.13 })).toBe(false);
  });
});

describe('one-hand grab', () => {
  it('moves the network with the hand and keeps its offset to the hand', () => {
    const placement: Placement = { position: [0, 0, -1], quaternion: [0, 0, 0, 1], scale: 0.5 };
    const hand0 = handPose(0.25, 1.4, -0.3);
    const offset = computeGrabOffset(hand0, computePlacementMatrix(placement, new Matrix4()), new Matrix4());
    const hand1 = handPose(0.75, 1.4, -0.3);
    const moved = computePlacementFromMatrix(computeHeldPlacement(hand1, offset, new Matrix4()), createPlacement());
    expect(moved.position[0]).toBeCloseTo(0.5, 9);
    expect(moved.position[1]).toBeCloseTo(0, 9);
    expect(moved.position[2]).toBeCloseTo(-1, 9);
    expect(moved.scale).toBeCloseTo(0.5, 9);
    // A point of the network stays at the same place relative to the hand.
    const p = new Vector3(0.1, 1.2, -0.4);
    const before = apply(placement, p).applyMatrix4(hand0.clone().invert());
    const after = apply(moved, p).applyMatrix4(hand1.clone().invert());
    expect(after.distanceTo(before)).toBeLessThan(1e-9);
  });

  it('turns the network with the hand about the hand', () => {
    const placement: Placement = { position: [0, 0, -2], quaternion: [0, 0, 0, 1], scale: 1 };
    const hand0 = handPose(0, 1, 0);
    const offset = computeGrabOffset(hand0, computePlacementMatrix(placement, new Matrix4()), new Matrix4());
    const turned = computePlacementFromMatrix(computeHeldPlacement(handPose(0, 1, 0, Math.PI / 2), offset, new Matrix4()), createPlacement());
    // Network origin was 2 m in front (-z) of the hand; after a quarter turn left it is 2 m to the left (-x).
    expect(turned.position[0]).toBeCloseTo(-2, 9);
    expect(turned.position[2]).toBeCloseTo(0, 9);
  });
});

describe('two-hand scale and turn', () => {
  const start = () => {
    const s = createTwoHandStart();
    computeTwoHandStart(new Vector3(-0.2, 1.2, -0.4), new Vector3(0.2, 1.2, -0.4), new Vector3(0, 0, -1), new Quaternion(), 0.5, s);
    return s;
  };
  const pose = () => ({ position: new Vector3(), quaternion: new Quaternion(), scale: 1 });

  it('doubles the scale when the hands move to twice the distance, about their midpoint', () => {
    const out = computeTwoHandPlacement(start(), new Vector3(-0.4, 1.2, -0.4), new Vector3(0.4, 1.2, -0.4), DEFAULT_SCALE_LIMITS, pose());
    expect(out.scale).toBeCloseTo(1, 9);
    // The midpoint (0, 1.2, -0.4) is fixed; the network origin was (0,-1.2,-0.6) from it, now twice that.
    expect(out.position.x).toBeCloseTo(0, 9);
    expect(out.position.y).toBeCloseTo(1.2 - 2.4, 9);
    expect(out.position.z).toBeCloseTo(-0.4 - 1.2, 9);
    expect(Math.abs(out.quaternion.w)).toBeCloseTo(1, 9);
  });

  it('clamps the scale', () => {
    const big = computeTwoHandPlacement(start(), new Vector3(-20, 1.2, -0.4), new Vector3(20, 1.2, -0.4), DEFAULT_SCALE_LIMITS, pose());
    expect(big.scale).toBe(DEFAULT_SCALE_LIMITS.max);
    const smallStart = computeTwoHandStart(new Vector3(-0.2, 1.2, -0.4), new Vector3(0.2, 1.2, -0.4), new Vector3(), new Quaternion(), 0.1, createTwoHandStart());
    const small = computeTwoHandPlacement(smallStart, new Vector3(-0.01, 1.2, -0.4), new Vector3(0.01, 1.2, -0.4), DEFAULT_SCALE_LIMITS, pose());
    expect(small.scale).toBe(DEFAULT_SCALE_LIMITS.min);
  });

  it('turns about the vertical through the midpoint when the hands turn, and never tilts', () => {
    // Hands turn a quarter turn about their midpoint (0, 1.2, -0.4): left hand comes to the front.
    const out = computeTwoHandPlacement(start(), new Vector3(0, 1.5, -0.2), new Vector3(0, 1.0, -0.6), DEFAULT_SCALE_LIMITS, pose());
    const yAxis = new Vector3(0, 1, 0).applyQuaternion(out.quaternion);
    expect(yAxis.y).toBeCloseTo(1, 9);
    const expected = new Quaternion().setFromAxisAngle(new Vector3(0, 1, 0), Math.PI / 2);
    expect(Math.abs(out.quaternion.dot(expected))).toBeCloseTo(1, 9);
    // Origin offset (0,-1.2,-0.6) from midpoint turned left by 90 deg: (-0.6, -1.2, 0) ... scaled by the ratio.
    const ratio = out.scale / 0.5;
    expect(out.position.x).toBeCloseTo(-0.6 * ratio, 6);
    expect(out.position.z).toBeCloseTo(-0.4, 6);
  });
});

describe('layer drag', () => {
  it('hangs the grabbed point on the end of the ray: a sideways move moves the offset by the same amount in network space', () => {
    const placement: Placement = { position: [1, 0, -1], quaternion: [0, 0, 0, 1], scale: 0.5 };
    const inverse = computePlacementMatrix(placement, new Matrix4()).invert();
    const origin = new Vector3(0, 1.2, 0);
    const direction = new Vector3(0, 0, -1);
    const drag = computeLayerDragStart(3, new Vector3(0, 1.2, -2), 2, inverse, [0.1, 0, 0], createLayerDrag());
    const still = computeLayerDragOffset(drag, origin, direction, inverse, [0, 0, 0]);
    expect(still[0]).toBeCloseTo(0.1, 9);
    expect(still[1]).toBeCloseTo(0, 9);
    const moved = computeLayerDragOffset(drag, new Vector3(0.3, 1.2, 0), direction, inverse, [0, 0, 0]);
    // 0.3 m in the world is 0.6 m of network space at scale 0.5.
    expect(moved[0]).toBeCloseTo(0.1 + 0.6, 9);
    expect(moved[2]).toBeCloseTo(0, 9);
  });

  it('pushes and pulls with the stick within limits', () => {
    expect(computeDragDistance(2, -1, 0.1)).toBeGreaterThan(2);
    expect(computeDragDistance(2, 1, 0.1)).toBeLessThan(2);
    expect(computeDragDistance(0.12, 1, 1)).toBe(0.1);
  });
});

describe('session placements', () => {
  it('VR: the input end 0.6 m in front of the head along the gaze, on the floor, facing away', () => {
    const out = computeVrPlacement(new Vector3(1, 1.6, 2), new Vector3(1, -0.2, 0).normalize(), 0.6, createPlacement());
    expect(out.position).toEqual([expect.closeTo(1.6, 9), 0, expect.closeTo(2, 9)]);
    // Network -z (its direction of travel) points along the gaze (+x).
    const along = new Vector3(0, 0, -1).applyQuaternion(new Quaternion(...out.quaternion));
    expect(along.x).toBeCloseTo(1, 9);
    expect(out.scale).toBe(1);
  });

  it('AR: the bottom centre of the bounds on the surface point, scaled, input end towards the viewer', () => {
    const min = new Vector3(-0.5, 0.6, -4);
    const max = new Vector3(0.5, 2.2, 0);
    const surface = new Vector3(0.2, 0.75, -0.8);
    const out = computeSurfacePlacement(surface, new Vector3(0.2, 1.6, 0.4), min, max, 0.12, createPlacement());
    const bottom = apply(out, new Vector3(0, 0.6, -2));
    expect(bottom.distanceTo(surface)).toBeLessThan(1e-9);
    const inputEnd = apply(out, new Vector3(0, 0.6, 0));
    const farEnd = apply(out, new Vector3(0, 0.6, -4));
    expect(inputEnd.z).toBeGreaterThan(farEnd.z);
    expect(out.scale).toBe(0.12);
  });
});
