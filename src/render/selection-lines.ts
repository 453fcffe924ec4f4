/**
 * The selected cell's receptive field as ONE line-segment draw: lines from the cell to the corners
 * of its input patch (layout's computeReceptiveField().segments) and the outline of every patch.
 */
import { BufferAttribute, BufferGeometry, LineBasicMaterial, LineSegments } from 'three';
import type { ReceptiveField } from '../layout/receptive-field';
import type { ResourceTracker } from './resource-tracker';

/** Segments drawn at most (each patch outline is 4, each line to a corner 1). */
export const SELECTION_SEGMENT_CAPACITY = 8192;

export interface SelectionLines {
  readonly lines: LineSegments;
  /** Shows `field` (null hides); returns segments drawn. */
  setField(field: Pick<ReceptiveField, 'segments' | 'patchCorners'> | null): number;
  dispose(): void;
}

export function createSelectionLines(tracker: ResourceTracker): SelectionLines {
  const positions = new Float32Array(SELECTION_SEGMENT_CAPACITY * 6);
  const geometry = tracker.track(new BufferGeometry());
  const attribute = new BufferAttribute(positions, 3);
  geometry.setAttribute('position', attribute);
  geometry.setDrawRange(0, 0);
  const material = tracker.track(new LineBasicMaterial({ color: 0x39ff88, transparent: true, opacity: 0.9, depthWrite: false }));
  const lines = new LineSegments(geometry, material);
  lines.name = 'receptive-field';
  lines.frustumCulled = false;
  lines.visible = false;
  lines.renderOrder = 15;
  return {
    lines,
    setField(field) {
      let n = 0;
      if (field) {
        const direct = Math.min(SELECTION_SEGMENT_CAPACITY, field.segments.length / 6);
        positions.set(field.segments.subarray(0, direct * 6), 0);
        n = direct;
        // Patch outlines: corners are top-left, top-right, bottom-right, bottom-left.
        const patches = field.patchCorners.length / 12;
        for (let p = 0; p < patches && n + 4 <= SELECTION_SEGMENT_CAPACITY; p++) {
          for (let k = 0; k < 4; k++) {
            const a = (p * 4 + k) * 3;
            const b = (p * 4 + ((k + 1) % 4)) * 3;
            for (let i = 0; i < 3; i++) {
              positions[n * 6 + i] = field.patchCorners[a + i]!;
              positions[n * 6 + 3 + i] = field.patchCorners[b + i]!;
            }
            n++;
          }
        }
      }
      attribute.clearUpdateRanges();
      attribute.addUpdateRange(0, Math.max(1, n * 6));
      attribute.needsUpdate = true;
      geometry.setDrawRange(0, n * 2);
      lines.visible = n > 0;
      return n;
    },
    dispose() {
      geometry.dispose();
      material.dispose();
    },
  };
}
