/** Outline of the hovered layer's bounding box: one fixed 12-segment line mesh moved and scaled, never rebuilt. */
import { BoxGeometry, EdgesGeometry, LineBasicMaterial, LineSegments } from 'three';
import type { LayerLayout } from '../layout/types';
import type { ResourceTracker } from './resource-tracker';

export interface HighlightBox {
  readonly lines: LineSegments;
  /** Frames `layer` (null hides). */
  frame(layer: LayerLayout | null): void;
  dispose(): void;
}

/** Margin around the box, metres, so the outline does not z-fight with the maps on its faces. */
const MARGIN = 0.01;

export function createHighlightBox(tracker: ResourceTracker): HighlightBox {
  const box = new BoxGeometry(1, 1, 1);
  const geometry = tracker.track(new EdgesGeometry(box));
  box.dispose();
  const material = tracker.track(new LineBasicMaterial({ color: 0xffd54a }));
  const lines = new LineSegments(geometry, material);
  lines.name = 'layer-highlight';
  lines.visible = false;
  return {
    lines,
    frame(layer) {
      lines.visible = layer !== null;
      if (!layer) return;
      lines.position.set(layer.center[0], layer.center[1], layer.center[2]);
      lines.scale.set(layer.halfSize[0] * 2 + MARGIN, layer.halfSize[1] * 2 + MARGIN, layer.halfSize[2] * 2 + MARGIN);
    },
    dispose() {
      geometry.dispose();
      material.dispose();
    },
  };
}
