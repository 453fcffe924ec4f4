import type * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';

/** Orbit / pan / zoom with the mouse (and touch) on desktop; disabled while an XR session presents. */
export function createDesktopControls(camera: THREE.PerspectiveCamera, element: HTMLElement): OrbitControls {
  const controls = new OrbitControls(camera, element);
  controls.enableDamping = true;
  controls.dampingFactor = 0.12;
  controls.screenSpacePanning = true;
  controls.minDistance = 0.1;
  controls.maxDistance = 60;
  return controls;
}

/** Frames a box (network space = world on desktop): camera off to the side and above, looking at its centre. */
export function computeDesktopView(
  min: readonly [number, number, number],
  max: readonly [number, number, number],
): { target: [number, number, number]; position: [number, number, number] } {
  const cx = (min[0] + max[0]) / 2;
  const cy = (min[1] + max[1]) / 2;
  const cz = (min[2] + max[2]) / 2;
  const extent = Math.max(max[0] - min[0], max[1] - min[1], max[2] - min[2], 0.5);
  // A three-quarter view from the input side: the path of the data reads left to right, front to back.
  return { target: [cx, cy - extent * 0.04, cz], position: [cx + extent * 0.55, cy + extent * 0.22, max[2] + extent * 0.3] };
}
