/**
 * The meeting point of input (src/xr: mouse, controller rays, hands) and things rays can hit that
 * handle their own events (src/ui panels). xr and ui may not import each other, so both depend on
 * this small interface; main.ts hands the panels to the pointer system.
 * Rays are in world space; three's Ray and Vector3 satisfy these shapes structurally.
 */

export interface PointLike {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

export interface PointerRay {
  readonly origin: PointLike;
  /** Unit length. */
  readonly direction: PointLike;
}

/** Which pointer: 'mouse', 'left', 'right' (controllers or hands). */
export type PointerId = 'mouse' | 'left' | 'right';

export type PointerPhase = 'move' | 'down' | 'up' | 'leave';

export interface PointerEventInfo {
  readonly pointerId: PointerId;
  readonly phase: PointerPhase;
  readonly ray: PointerRay;
  /** Distance along the ray to this target's hit, from the target's own raycast. */
  readonly distance: number;
}

export interface PointerTarget {
  /** Distance along the ray to the nearest hit on this target, or null. Must not allocate. */
  raycast(ray: PointerRay): number | null;
  /**
   * Pointer events while this target is the nearest hit (and, after 'down', until 'up' even when the
   * ray leaves it: dragging a slider). 'leave' when the pointer moves off it.
   */
  handlePointer(event: PointerEventInfo): void;
}
