import * as THREE from 'three';
import type { FrameLoop } from '../core/frame-loop';
import type { XrContext } from './input/xr-context';
import { HANDEDNESSES } from './input/xr-context';
import type { AimKind } from './input/pointer-aim';
import { createCellOutline } from './cell-outline';

/**
 * A ray from each controller or hand that ends where it hits (a panel, a layer, a cell) and says by
 * its colour what the trigger would do there: green on a cell (select), yellow on a layer
 * (collapse / expand), white on a panel, grey on nothing. Plus a square on the cell under the right
 * (else left) ray. Runs in the ui phase, after this frame's state changes.
 */

const DEFAULT_LENGTH = 4;
const COLOURS: Record<AimKind | 'cell', number> = { none: 0x8a93a6, panel: 0xffffff, network: 0xffd54a, cell: 0x39ff88 };

export function setupRayVisuals(ctx: XrContext, loop: FrameLoop): () => void {
  const geometry = new THREE.BufferGeometry().setFromPoints([new THREE.Vector3(0, 0, 0), new THREE.Vector3(0, 0, -1)]);
  const dotGeometry = new THREE.SphereGeometry(0.008, 12, 8);
  const parts = ctx.hands.handles.map((handle) => {
    const material = new THREE.LineBasicMaterial({ color: COLOURS.none, transparent: true, opacity: 0.85 });
    const line = new THREE.Line(geometry, material);
    line.name = `ray-${handle.index}`;
    const dotMaterial = new THREE.MeshBasicMaterial({ color: COLOURS.none });
    const dot = new THREE.Mesh(dotGeometry, dotMaterial);
    dot.name = `ray-end-${handle.index}`;
    handle.ray.add(line, dot);
    return { handle, line, material, dot, dotMaterial };
  });
  const outline = createCellOutline();
  ctx.scene.add(outline.object);

  const remove = loop.add('ui', (frame) => {
    if (!frame.xrFrame) {
      outline.object.visible = false;
      return;
    }
    for (const part of parts) {
      const hand = part.handle.handedness;
      const aim = hand ? ctx.aims[hand] : null;
      if (!aim || !aim.active) continue;
      const dragging = ctx.tasks[hand!] === 'grab-layer';
      const length = Number.isFinite(aim.distance) ? aim.distance : DEFAULT_LENGTH;
      part.line.scale.set(1, 1, Math.max(0.01, length));
      part.dot.position.set(0, 0, -length);
      part.dot.visible = Number.isFinite(aim.distance);
      const colour = dragging ? COLOURS.cell : aim.kind === 'network' && aim.hit.kind === 'cell' ? COLOURS.cell : COLOURS[aim.kind];
      part.material.color.setHex(colour);
      part.dotMaterial.color.setHex(colour);
      // Teleport aiming shows its own arc instead.
      part.line.visible = ctx.tasks[hand!] !== 'teleport';
    }
    let shown = false;
    for (const hand of HANDEDNESSES) {
      const aim = ctx.aims[hand];
      if (!shown && aim.active && aim.kind === 'network' && aim.hit.kind === 'cell') {
        outline.update(ctx.picker(), aim.hit);
        shown = true;
      }
    }
    if (!shown) outline.update(ctx.picker(), null);
  });

  return () => {
    remove();
    for (const part of parts) {
      part.handle.ray.remove(part.line, part.dot);
      part.material.dispose();
      part.dotMaterial.dispose();
    }
    geometry.dispose();
    dotGeometry.dispose();
    ctx.scene.remove(outline.object);
    outline.dispose();
  };
}
