import * as THREE from 'three';

/**
 * A small card above the left controller (or hand) that says what every button does. Drawn once
 * per change into a canvas texture (plain ASCII text), so it costs one draw call and no per-frame work.
 */

export type HintMode = 'controllers' | 'hands' | 'ar-placing';

export const HINT_LINES: Record<HintMode, readonly string[]> = {
  controllers: [
    'Trigger on a map pixel: select it',
    'Trigger on a layer frame, slab or nodes: collapse / expand',
    'Trigger on empty space: clear selection',
    'Grip on a layer: pull it out (stick: nearer / farther)',
    'Grip elsewhere: move the network; both grips: scale, turn',
    'Left stick: forward = teleport, left / right = turn',
    'Right stick left / right: epoch  -  A: play  -  B: reset layout',
    'X: hide this card  -  Y (AR): pick up and place again',
  ],
  hands: [
    'Pinch on a map pixel: select it',
    'Pinch on a layer frame, slab or nodes: collapse / expand',
    'Pinch on empty space: clear selection',
    'Pinch and hold: move the network',
    'Pinch and hold with both hands: scale and turn',
  ],
  'ar-placing': [
    'Point at a table or the floor: a ring shows where',
    'Trigger or pinch: put the network there',
  ],
};

export interface HintPanel {
  readonly object: THREE.Mesh;
  setMode(mode: HintMode): void;
  dispose(): void;
}

const WIDTH = 1024;
const LINE_HEIGHT = 44;

export function createHintPanel(): HintPanel {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = 512;
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  texture.anisotropy = 4;
  const material = new THREE.MeshBasicMaterial({ map: texture, transparent: true, depthWrite: false });
  const geometry = new THREE.PlaneGeometry(0.24, 0.12);
  const object = new THREE.Mesh(geometry, material);
  object.name = 'hint-panel';
  // Above the controller, tilted towards the eyes.
  object.position.set(0, 0.1, -0.03);
  object.rotation.x = -0.5;
  let current: HintMode | null = null;

  const draw = (mode: HintMode) => {
    const lines = HINT_LINES[mode];
    const g = canvas.getContext('2d');
    if (!g) return;
    g.clearRect(0, 0, canvas.width, canvas.height);
    g.fillStyle = 'rgba(20, 22, 28, 0.86)';
    g.beginPath();
    g.roundRect(0, 0, canvas.width, canvas.height, 28);
    g.fill();
    g.fillStyle = '#e8ecf4';
    g.font = '30px sans-serif';
    g.textBaseline = 'middle';
    const top = (canvas.height - lines.length * LINE_HEIGHT) / 2 + LINE_HEIGHT / 2;
    lines.forEach((line, i) => g.fillText(line, 32, top + i * LINE_HEIGHT, WIDTH - 64));
    texture.needsUpdate = true;
  };

  return {
    object,
    setMode(mode) {
      if (mode === current) return;
      current = mode;
      draw(mode);
    },
    dispose() {
      texture.dispose();
      material.dispose();
      geometry.dispose();
    },
  };
}
