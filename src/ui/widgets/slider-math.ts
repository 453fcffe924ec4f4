/**
 * The pure part of the slider: value from a hit point on the track and thumb position from a value.
 * Track coordinates are panel metres along the track's axis; values snap to `step` when it is > 0.
 */
export interface SliderRange {
  readonly min: number;
  readonly max: number;
  /** 0: continuous. */
  readonly step: number;
}

export function computeSliderValue(hitX: number, trackStart: number, trackLength: number, range: SliderRange): number {
  if (!(trackLength > 0) || range.max <= range.min) return range.min;
  const t = Math.min(1, Math.max(0, (hitX - trackStart) / trackLength));
  const raw = range.min + t * (range.max - range.min);
  if (!(range.step > 0)) return raw;
  const snapped = range.min + Math.round((raw - range.min) / range.step) * range.step;
  // Round away floating-point dust (0.1 * 3 = 0.30000000000000004) and stay within the range.
  return Math.min(range.max, Math.max(range.min, Number(snapped.toFixed(10))));
}

/** Fraction 0..1 of the track at which the thumb of `value` sits. */
export function computeSliderFraction(value: number, range: SliderRange): number {
  if (range.max <= range.min) return 0;
  return Math.min(1, Math.max(0, (value - range.min) / (range.max - range.min)));
}

/**
 * When a drag starts on the thumb, keep the grab offset so the thumb does not jump under the ray:
 * the value follows hitX - grabOffset.
 */
export function computeGrabOffset(hitX: number, thumbX: number, thumbHalfWidth: number): number {
  const offset = hitX - thumbX;
  return Math.abs(offset) <= thumbHalfWidth ? offset : 0;
}
