/**
 * What the user chose about how the network is drawn. Plain serialisable data,
 * owned by app state, read by layout and render.
 */

export type MapArrangement = 'line' | 'grid' | 'circle';
export type Aggregate = 'mean' | 'max';
export type Normalisation = 'map' | 'layer' | 'network';

export interface LayerViewSettings {
  readonly arrangement: MapArrangement;
  readonly collapsed: boolean;
  readonly aggregate: Aggregate;
  /** Offset (metres, network space) a user dragged this layer by; [0,0,0] in place. */
  readonly offset: readonly [number, number, number];
}

export interface EdgeSettings {
  /** Keep at most this many of the strongest edges between two layers. */
  readonly topK: number;
  /** Drop edges whose |weight| is below this fraction of the layer pair's largest |weight|. */
  readonly threshold: number;
  /** 0: straight lines, 1: fully bundled. */
  readonly bundling: number;
}

export const DEFAULT_LAYER_VIEW: LayerViewSettings = {
  arrangement: 'grid',
  collapsed: false,
  aggregate: 'mean',
  offset: [0, 0, 0],
};

export const DEFAULT_EDGE_SETTINGS: EdgeSettings = { topK: 400, threshold: 0.1, bundling: 0.6 };
