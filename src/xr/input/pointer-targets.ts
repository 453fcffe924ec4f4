import type { PointerEventInfo, PointerId, PointerPhase, PointerRay, PointerTarget } from '../../core/pointer-target';

/**
 * The panels (PointerTargets, from src/ui through main.ts) a pointer can hit, and per pointer which
 * one it is on: 'move' while on it, 'leave' when it moves off, and after 'down' every event goes to
 * the same panel until 'up' (a slider keeps dragging when the ray slips off it).
 */

export interface PanelHit {
  target: PointerTarget | null;
  distance: number;
}

export interface PointerTargets {
  add(target: PointerTarget): () => void;
  /** Nearest panel hit by the ray, written into `out`. */
  raycast(ray: PointerRay, out: PanelHit): PanelHit;
  /**
   * Sends this frame's pointer event. `hovered` is the panel nearest along the ray when it is nearer
   * than anything else (or null); `phase` is 'move', 'down' or 'up'. Returns the panel that took the
   * event (the captured one after 'down'), or null.
   */
  send(pointerId: PointerId, phase: PointerPhase, ray: PointerRay, hovered: PointerTarget | null, distance: number): PointerTarget | null;
  /** The pointer went away (session ended, controller lost): leave whatever it was on. */
  release(pointerId: PointerId, ray: PointerRay): void;
  readonly size: number;
}

interface PointerTrack {
  over: PointerTarget | null;
  captured: PointerTarget | null;
}

export function createPointerTargets(): PointerTargets {
  const targets: PointerTarget[] = [];
  const tracks = new Map<PointerId, PointerTrack>();
  const event = { pointerId: 'mouse' as PointerId, phase: 'move' as PointerPhase, ray: null as unknown as PointerRay, distance: 0 };
  const emit = (target: PointerTarget, pointerId: PointerId, phase: PointerPhase, ray: PointerRay, distance: number) => {
    event.pointerId = pointerId;
    event.phase = phase;
    event.ray = ray;
    event.distance = distance;
    target.handlePointer(event as PointerEventInfo);
  };
  const track = (id: PointerId): PointerTrack => {
    let t = tracks.get(id);
    if (!t) {
      t = { over: null, captured: null };
      tracks.set(id, t);
    }
    return t;
  };

  return {
    add(target) {
      targets.push(target);
      return () => {
        const i = targets.indexOf(target);
        if (i >= 0) targets.splice(i, 1);
        for (const t of tracks.values()) {
          if (t.over === target) t.over = null;
          if (t.captured === target) t.captured = null;
        }
      };
    },
    raycast(ray, out) {
      out.target = null;
      out.distance = Infinity;
      for (const target of targets) {
        const d = target.raycast(ray);
        if (d !== null && d >= 0 && d < out.distance) {
          out.distance = d;
          out.target = target;
        }
      }
      return out;
    },
    send(pointerId, phase, ray, hovered, distance) {
      const t = track(pointerId);
      if (t.over && t.over !== hovered && t.over !== t.captured) emit(t.over, pointerId, 'leave', ray, distance);
      t.over = hovered;
      const receiver = t.captured ?? hovered;
      if (!receiver) return null;
      emit(receiver, pointerId, phase, ray, receiver === hovered ? distance : Infinity);
      if (phase === 'down') t.captured = receiver;
      if (phase === 'up') {
        t.captured = null;
        if (receiver !== hovered) emit(receiver, pointerId, 'leave', ray, Infinity);
      }
      return receiver;
    },
    release(pointerId, ray) {
      const t = tracks.get(pointerId);
      if (!t) return;
      const target = t.captured ?? t.over;
      if (t.captured) emit(t.captured, pointerId, 'up', ray, Infinity);
      if (target) emit(target, pointerId, 'leave', ray, Infinity);
      t.over = null;
      t.captured = null;
    },
    get size() {
      return targets.length;
    },
  };
}
