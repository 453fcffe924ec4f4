import { describe, expect, it } from 'vitest';
import type { Vector3 } from 'three';
import type { PointerEventInfo, PointerRay, PointerTarget } from '../../../src/core/pointer-target';
import { computePointerAim, createPointerAim } from '../../../src/xr/input/pointer-aim';
import type { PointerAim } from '../../../src/xr/input/pointer-aim';
import { createPointerTargets } from '../../../src/xr/input/pointer-targets';
import { computeTriggerIntent } from '../../../src/xr/input/trigger-rules';
import type { NetworkHit, NetworkPicker } from '../../../src/xr/network-picker';
import { EMPTY_PICKER } from '../../../src/xr/network-picker';
import { computeKeyIntent } from '../../../src/xr/setup-keyboard';

/** A panel: a plane z = planeZ facing +z, hit when |x| < 0.5. Records its events. */
function panel(planeZ: number) {
  const events: string[] = [];
  const target: PointerTarget = {
    raycast(ray: PointerRay) {
      if (ray.direction.z >= 0) return null;
      const t = (planeZ - ray.origin.z) / ray.direction.z;
      const x = ray.origin.x + ray.direction.x * t;
      return t > 0 && Math.abs(x) < 0.5 ? t : null;
    },
    handlePointer(event: PointerEventInfo) {
      events.push(`${event.pointerId}:${event.phase}`);
    },
  };
  return { target, events };
}

/** A network that is a wall at z = -wallZ: cells for x > 0, the layer frame for x <= 0. */
function wallPicker(wallZ: number): NetworkPicker {
  return {
    pick(origin: Vector3, direction: Vector3, out: NetworkHit) {
      if (direction.z >= 0) return false;
      const t = (wallZ - origin.z) / direction.z;
      out.point.copy(direction).multiplyScalar(t).add(origin);
      out.distance = t;
      out.layerId = 2;
      out.kind = out.point.x > 0 ? 'cell' : 'layer';
      out.channel = out.kind === 'cell' ? 5 : -1;
      out.row = out.kind === 'cell' ? 3 : -1;
      out.col = out.kind === 'cell' ? 4 : -1;
      return true;
    },
    bounds: () => false,
    cellRect: () => false,
  };
}

function aimAt(x: number, targets = createPointerTargets(), picker: NetworkPicker = wallPicker(-2)): PointerAim {
  const aim = createPointerAim();
  aim.active = true;
  aim.origin.set(x, 0, 0);
  aim.direction.set(0, 0, -1);
  return computePointerAim(aim, targets, picker);
}

describe('pointer aim', () => {
  it('takes the nearer of a panel and the network', () => {
    const targets = createPointerTargets();
    targets.add(panel(-1).target);
    expect(aimAt(0.2, targets).kind).toBe('panel');
    expect(aimAt(0.2, targets).distance).toBeCloseTo(1);
    expect(aimAt(0.8, targets).kind).toBe('network');
    const behind = createPointerTargets();
    behind.add(panel(-3).target);
    expect(aimAt(0.2, behind).kind).toBe('network');
    expect(aimAt(0.2, createPointerTargets(), EMPTY_PICKER).kind).toBe('none');
  });
});

describe('trigger rule', () => {
  it('XR: a cell selects, the rest of a layer toggles, nothing clears', () => {
    expect(computeTriggerIntent(aimAt(0.3), 'xr')).toEqual({ type: 'select-cell', selection: { layerId: 2, channel: 5, row: 3, col: 4 } });
    expect(computeTriggerIntent(aimAt(-0.3), 'xr')).toEqual({ type: 'toggle-collapsed', layerId: 2 });
    expect(computeTriggerIntent(aimAt(0, createPointerTargets(), EMPTY_PICKER), 'xr')).toEqual({ type: 'clear-selection' });
  });

  it('desktop: click toggles wherever on the layer, shift-click selects the cell', () => {
    expect(computeTriggerIntent(aimAt(0.3), 'click')).toEqual({ type: 'toggle-collapsed', layerId: 2 });
    expect(computeTriggerIntent(aimAt(0.3), 'shift-click')).toEqual({ type: 'select-cell', selection: { layerId: 2, channel: 5, row: 3, col: 4 } });
    expect(computeTriggerIntent(aimAt(-0.3), 'shift-click')).toBeNull();
  });

  it('the base and panels take no network intent', () => {
    const base = aimAt(0.3);
    base.hit.kind = 'base';
    base.hit.layerId = -1;
    expect(computeTriggerIntent(base, 'xr')).toBeNull();
    const targets = createPointerTargets();
    targets.add(panel(-1).target);
    expect(computeTriggerIntent(aimAt(0, targets), 'xr')).toBeNull();
  });
});

describe('pointer targets', () => {
  it('sends move, leave, and keeps a pressed panel until release', () => {
    const targets = createPointerTargets();
    const a = panel(-1);
    targets.add(a.target);
    const on = aimAt(0.2, targets);
    targets.send('right', 'move', on, on.panel, on.distance);
    targets.send('right', 'down', on, on.panel, on.distance);
    const off = aimAt(0.9, targets);
    targets.send('right', 'move', off, null, off.distance);
    targets.send('right', 'up', off, null, off.distance);
    expect(a.events).toEqual(['right:move', 'right:down', 'right:move', 'right:up', 'right:leave']);
    targets.send('right', 'move', on, on.panel, on.distance);
    targets.send('right', 'move', off, null, off.distance);
    expect(a.events.slice(-2)).toEqual(['right:move', 'right:leave']);
  });

  it('a removed panel gets nothing more', () => {
    const targets = createPointerTargets();
    const a = panel(-1);
    const remove = targets.add(a.target);
    remove();
    expect(aimAt(0.2, targets).kind).toBe('network');
    expect(targets.size).toBe(0);
  });
});

describe('keyboard', () => {
  const none = { ctrl: false, alt: false, meta: false };
  it('maps keys to intents', () => {
    expect(computeKeyIntent('l', none)).toEqual({ type: 'cycle-arrangement', layerId: 'all' });
    expect(computeKeyIntent('ArrowLeft', none)).toEqual({ type: 'step-epoch', delta: -1 });
    expect(computeKeyIntent('ArrowRight', none)).toEqual({ type: 'step-epoch', delta: 1 });
    expect(computeKeyIntent(' ', none)).toEqual({ type: 'toggle-playing' });
    expect(computeKeyIntent('l', { ...none, ctrl: true })).toBeNull();
    expect(computeKeyIntent('q', none)).toBeNull();
  });
});


describe('reference space', () => {
  it('bounded-floor in VR when granted, else local-floor, else local', async () => {
    const { computeReferenceSpaceType } = await import('../../../src/xr/xr-sessions');
    expect(computeReferenceSpaceType('vr', ['local-floor', 'bounded-floor'])).toBe('bounded-floor');
    expect(computeReferenceSpaceType('vr', ['local-floor'])).toBe('local-floor');
    expect(computeReferenceSpaceType('ar', ['hit-test', 'local-floor', 'bounded-floor'])).toBe('local-floor');
    expect(computeReferenceSpaceType('ar', ['hit-test'])).toBe('local');
    expect(computeReferenceSpaceType('vr', undefined)).toBe('local-floor');
  });
});
