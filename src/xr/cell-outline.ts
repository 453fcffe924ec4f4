import * as THREE from 'three';
import type { CellRect, NetworkHit, NetworkPicker } from './network-picker';

/**
 * A thin square around the activation cell under a pointer (mouse or ray): shows exactly which
 * pixel the trigger / shift-click would select. Owned by input, drawn over the network.
 */
export interface CellOutline {
  readonly object: THREE.LineLoop;
  /** Shows the outline on the hit's cell, or hides it (null, or not a cell). */
  update(picker: NetworkPicker, hit: NetworkHit | null): void;
  dispose(): void;
}

export function createCellOutline(colour = 0xffffff): CellOutline {
  const positions = new Float32Array(12);
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.BufferAttribute(positions, 3).setUsage(THREE.DynamicDrawUsage));
  const material = new THREE.LineBasicMaterial({ color: colour, depthTest: false, transparent: true });
  const object = new THREE.LineLoop(geometry, material);
  object.name = 'cell-outline';
  object.frustumCulled = false;
  object.renderOrder = 11;
  object.visible = false;
  const rect: CellRect = { center: new THREE.Vector3(), halfRight: new THREE.Vector3(), halfUp: new THREE.Vector3() };
  const corner = new THREE.Vector3();
  const signs = [-1, -1, 1, -1, 1, 1, -1, 1];

  return {
    object,
    update(picker, hit) {
      if (!hit || hit.kind !== 'cell' || !picker.cellRect(hit.layerId, hit.channel, hit.row, hit.col, rect)) {
        object.visible = false;
        return;
      }
      for (let i = 0; i < 4; i++) {
        corner.copy(rect.center).addScaledVector(rect.halfRight, signs[i * 2]!).addScaledVector(rect.halfUp, signs[i * 2 + 1]!);
        corner.toArray(positions, i * 3);
      }
      geometry.attributes.position!.needsUpdate = true;
      object.visible = true;
    },
    dispose() {
      geometry.dispose();
      material.dispose();
    },
  };
}
