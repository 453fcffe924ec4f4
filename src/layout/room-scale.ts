/**
 * Room-scale dimensions of the layout, metres. A person stands at z > 0 looking down -z; layers sit
 * around eye/chest height so maps are comfortable to look at and walk past.
 */
export const ROOM = {
  /** Height of the layers' centre line above the floor. */
  centerHeight: 1.4,
  /** Tallest a layer may be: with centre 1.4 it spans 0.65..2.15 m, inside the comfortable 0.5..2.2. */
  maxLayerHeight: 1.5,
  /** Widest a line of maps or nodes may be before its items shrink. */
  maxLayerWidth: 6,
  /** Metres per activation cell of a map before clamping. */
  cellPitch: 0.012,
  /** Clamp of a map's longer side, so a 5x5 map stays visible and a 224x224 one is not huge. */
  minMapSide: 0.08,
  maxMapSide: 0.45,
  /** Gap between maps as a fraction of the map's longer side. */
  mapGapRatio: 0.2,
  /** Distance between neighbouring dense nodes (before shrinking to fit). */
  nodePitch: 0.06,
  /** Node radius as a fraction of the node pitch. */
  nodeRadiusRatio: 0.35,
  /** Vector layers up to this size are a line of nodes instead of a grid. */
  lineNodeLimit: 16,
  /** Vertical pitch of the output layer's nodes (one class per row). */
  outputPitch: 0.1,
  /** Room for class labels left of the output nodes and bars right of them. */
  outputLabelWidth: 0.12,
  outputBarLength: 0.4,
  /** Half depth of flat layers (maps) and of blocks. */
  mapHalfDepth: 0.005,
  blockHalfDepth: 0.02,
  blockHalfWidth: 0.02,
  /** Gap between consecutive layers along -z: base plus a share of the larger half width. */
  layerGap: 0.45,
  layerGapPerHalfWidth: 0.35,
  /** Gap between side-by-side branches. */
  branchGap: 0.3,
} as const;

/** Placement scale that makes a network's longest extent `targetLength` metres (table-top AR, e.g. 0.5 m). */
export function computeTableTopScale(min: readonly number[], max: readonly number[], targetLength = 0.5): number {
  let extent = 0;
  for (let i = 0; i < 3; i++) extent = Math.max(extent, (max[i] ?? 0) - (min[i] ?? 0));
  return extent > 0 ? targetLength / extent : 1;
}
