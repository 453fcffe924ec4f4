import { describe, expect, it } from 'vitest';
import { computeAngleDifference, computeDockTarget, computeFacingYaw, computeShouldFollow, DESKTOP_DOCK, isInsideBox, XR_DOCK } from '../../../src/ui/panel-placement';

const network = { min: [-1, 0.8, -6] as const, max: [1, 2.2, 0] as const };

describe('dock placement', () => {
  it('puts the dock ahead of the viewer, below the eyes', () => {
    const target = computeDockTarget([0, 1.6, 3], [0, -0.3, -1], network, XR_DOCK)!;
    expect(target[0]).toBeCloseTo(0, 10);
    expect(target[1]).toBeCloseTo(1.3, 10);
    expect(target[2]).toBeCloseTo(3 - XR_DOCK.distance, 10);
  });
  it('pulls back toward the viewer instead of entering the network', () => {
    const target = computeDockTarget([0, 1.6, 0.6], [0, 0, -1], network, XR_DOCK)!;
    expect(isInsideBox(target, network, XR_DOCK.margin)).toBe(false);
    expect(target[2]).toBeGreaterThan(0.15);
  });
  it('gives up (stay put) when the viewer stands inside the network', () => {
    expect(computeDockTarget([0, 1.6, -3], [0, 0, -1], network, XR_DOCK)).toBeNull();
    expect(computeDockTarget([0, 1.6, -3], [0, 0, -1], null, XR_DOCK)).not.toBeNull();
  });
  it('desktop: ahead along the view and down along the camera up, whatever the pitch', () => {
    const s = Math.SQRT1_2;
    // Camera at (0, 3, 4) pitched 45 degrees down: forward (0, -s, -s), up (0, s, -s).
    const target = computeDockTarget([0, 3, 4], [0, -s, -s], null, DESKTOP_DOCK, [0, s, -s])!;
    const d = DESKTOP_DOCK.distance;
    const h = DESKTOP_DOCK.drop;
    expect(target[1]).toBeCloseTo(3 - s * d - s * h, 10);
    expect(target[2]).toBeCloseTo(4 - s * d + s * h, 10);
  });
  it('faces the viewer and follows only after drifting out of view', () => {
    expect(computeFacingYaw([0, 0, 0], [0, 0, 1])).toBeCloseTo(0, 10);
    expect(computeFacingYaw([0, 0, 0], [1, 0, 0])).toBeCloseTo(Math.PI / 2, 10);
    expect(computeAngleDifference(0.1, 2 * Math.PI - 0.1)).toBeCloseTo(0.2, 10);
    expect(computeShouldFollow(0.1, 0.2, false)).toBe(false);
    expect(computeShouldFollow(0.6, 0.2, false)).toBe(true);
    expect(computeShouldFollow(0.1, 1.0, false)).toBe(true);
    expect(computeShouldFollow(0.05, 0, true)).toBe(true);
  });
});
