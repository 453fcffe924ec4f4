/**
 * What layout produces and render consumes: plain typed arrays, no three.js.
 *
 * Network space: metres, right-handed, y up. The network starts at z = 0 and runs towards -z
 * (away from a user standing at +z looking down -z); x = 0 is its centre line; y is the height
 * above the floor at room scale. Placement (app state) maps network space into the world.
 *
 * Every feature map and every slab is a rectangle in a plane of constant z, facing +z.
 * Cell (row, col) of an H x W map with centre c and size (sw, sh) sits at
 *   x = c.x + ((col + 0.5) / W - 0.5) * sw,   y = c.y + (0.5 - (row + 0.5) / H) * sh
 * so row 0 is the top row, as in the image.
 */

export type Vec3 = readonly [number, number, number];

/** How a layer is drawn. */
export type LayerStyle =
  /** Image-like layer: one rectangle per channel (or one slab when collapsed). */
  | 'maps'
  /** Vector layer: one node per unit. */
  | 'nodes'
  /** A layer with nothing worth showing (flatten, dropout, reshape): a thin marker block. */
  | 'block';

export interface LayerLayout {
  readonly layerId: number;
  readonly style: LayerStyle;
  /** Centre of the layer's bounding box, user offset included. */
  readonly center: Vec3;
  /** Half extents of the bounding box (x, y, z). */
  readonly halfSize: Vec3;
  /** Rectangles drawn: channels when expanded, 1 when collapsed (the aggregate slab), 0 for nodes/blocks. */
  readonly mapCount: number;
  /** mapCount * 3 centres. */
  readonly mapCenters: Float32Array;
  /** Channel shown by each rectangle (mapCount); -1 for the aggregate slab. */
  readonly mapChannels: Int32Array;
  /** Width and height of every rectangle, metres. */
  readonly mapSize: readonly [number, number];
  /** Cells per map: [rows, cols]. */
  readonly mapCells: readonly [number, number];
  readonly nodeCount: number;
  /** nodeCount * 3 centres. */
  readonly nodeCenters: Float32Array;
  readonly nodeRadius: number;
  /** Output layer only: label and probability-bar anchors (see OutputAnchors). */
  readonly output?: OutputAnchors;
  /**
   * [rows, cols] of the layer's real output shape: cell positions use it (see the formula above).
   * Differs from mapCells (the recorded texture size) only for capped, downsampled layers.
   */
  readonly geometryCells?: readonly [number, number];
}

export interface NetworkLayout {
  readonly layers: readonly LayerLayout[];
  /** Bounding box of the whole network. */
  readonly min: Vec3;
  readonly max: Vec3;
}

/** Edges between two layers, drawn as curves through control points. */
export interface EdgeSet {
  readonly sourceLayer: number;
  readonly targetLayer: number;
  readonly count: number;
  /** Control points per edge, first and last are the endpoints. */
  readonly pointsPerEdge: number;
  /** count * pointsPerEdge * 3 positions, network space. */
  readonly points: Float32Array;
  /** Signed strength in -1..1 per edge (weight / largest |weight| of the set): colour by sign, opacity by magnitude. */
  readonly strength: Float32Array;
  /** Per edge: source unit/channel and target unit/channel, for picking and the inspector. */
  readonly sourceIndex: Int32Array;
  readonly targetIndex: Int32Array;
  /**
   * 'weighted': one edge per weight/kernel slice (dense, conv), worth bundling. 'one-to-one': channel
   * c to channel c (pooling, padding, merges), strength 1, parallel by construction: draw straight.
   */
  readonly connection?: 'weighted' | 'one-to-one';
}

/**
 * Where the output layer's class labels and probability bars go (nodes style, last layer only).
 * Room is reserved for them in the layer's bounding box.
 */
export interface OutputAnchors {
  /** nodeCount * 3: where each class label's text is anchored (its right edge, vertically centred). */
  readonly labelAnchors: Float32Array;
  /** nodeCount * 3: where each probability bar starts. */
  readonly barOrigins: Float32Array;
  /** Unit direction a bar grows in (network space). */
  readonly barDirection: Vec3;
  /** Length of a bar at probability 1, metres. */
  readonly barMaxLength: number;
  /** Height of one bar / label line, metres. */
  readonly barHeight: number;
}

/**
 * Options of computeNetworkLayout. Everything in metres at room scale. There is deliberately no
 * scale here: table-top AR size is applied by placement (app state Placement.scale, e.g. 0.1, see
 * computeTableTopScale), so edges, bundles and picking are computed once in room-scale metres.
 */
export interface LayoutOptions {
  /** Height of the layers' centre line above the floor; default 1.4 m. */
  readonly centerHeight?: number;
  /** Metres per activation cell before clamping; default 0.012 m. */
  readonly cellPitch?: number;
}
