import * as THREE from 'three';

/**
 * A faint floor grid: at room scale it tells the user where the floor is (comfort), on desktop it
 * gives the network a ground. Hidden in AR, where the real floor shows through.
 */
export function createFloor(size = 12): THREE.GridHelper {
  const grid = new THREE.GridHelper(size, size * 2, 0x3a4358, 0x262c3a);
  grid.name = 'floor';
  const material = grid.material as THREE.LineBasicMaterial;
  material.transparent = true;
  material.opacity = 0.6;
  return grid;
}
