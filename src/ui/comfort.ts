/**
 * Readability at arm's length: the smallest text height that subtends `minAngleDeg` of visual arc at
 * `distance` metres: h = 2 d tan(angle / 2). 0.3 degrees at 0.7 m gives about 3.7 mm.
 */
export function computeMinTextHeight(distance: number, minAngleDeg = 0.3): number {
  if (!(distance > 0)) throw new RangeError(`viewing distance must be positive, got ${distance}`);
  return 2 * distance * Math.tan((minAngleDeg * Math.PI) / 360);
}

/**
 * Font size (three-mesh-ui's fontSize, the em size) whose capital letters are at least the minimum
 * height: Roboto's cap height is about 0.71 em.
 */
export function computeMinFontSize(distance: number, minAngleDeg = 0.3, capHeightEm = 0.71): number {
  return computeMinTextHeight(distance, minAngleDeg) / capHeightEm;
}
