import * as THREE from 'three';

/**
 * The renderer, scene and desktop camera. WebGL2 with antialiasing and sRGB output;
 * the XR manager is enabled so the same renderer presents to a headset.
 */
export interface Stage {
  readonly renderer: THREE.WebGLRenderer;
  readonly scene: THREE.Scene;
  readonly camera: THREE.PerspectiveCamera;
  /** Everything placed in the world that the XR rig moves with (teleport, snap-turn): camera + controllers. */
  readonly rig: THREE.Group;
  readonly canvas: HTMLCanvasElement;
}

export class WebGLUnavailableError extends Error {
  override name = 'WebGLUnavailableError';
}

export function createStage(container: HTMLElement): Stage {
  const canvas = document.createElement('canvas');
  // WebGLRenderer needs a WebGL2 context; ask first so the failure is a clear message, not a stack.
  const context = canvas.getContext('webgl2', { antialias: true, alpha: true, xrCompatible: true });
  if (!context) {
    throw new WebGLUnavailableError('This browser cannot create a WebGL2 context, which LayerWalk needs to draw the network.');
  }
  const renderer = new THREE.WebGLRenderer({ canvas, context, antialias: true, alpha: true });
  renderer.outputColorSpace = THREE.SRGBColorSpace;
  renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
  renderer.setSize(container.clientWidth, container.clientHeight);
  renderer.xr.enabled = true;
  container.appendChild(canvas);

  const scene = new THREE.Scene();
  scene.background = new THREE.Color(0x14161c);
  scene.add(new THREE.HemisphereLight(0xffffff, 0x334455, 2.2));
  const sun = new THREE.DirectionalLight(0xffffff, 1.2);
  sun.position.set(2, 4, 3);
  scene.add(sun);

  const camera = new THREE.PerspectiveCamera(60, container.clientWidth / Math.max(1, container.clientHeight), 0.02, 200);
  const rig = new THREE.Group();
  rig.name = 'xr-rig';
  rig.add(camera);
  scene.add(rig);
  return { renderer, scene, camera, rig, canvas };
}

/** Keeps the canvas and camera matched to the container; returns the cleanup. */
export function setupResize(stage: Stage, container: HTMLElement): () => void {
  const resize = () => {
    // While presenting, the XR compositor owns the framebuffer size.
    if (stage.renderer.xr.isPresenting) return;
    const width = Math.max(1, container.clientWidth);
    const height = Math.max(1, container.clientHeight);
    stage.renderer.setSize(width, height);
    stage.camera.aspect = width / height;
    stage.camera.updateProjectionMatrix();
  };
  const observer = new ResizeObserver(resize);
  observer.observe(container);
  window.addEventListener('resize', resize);
  return () => {
    observer.disconnect();
    window.removeEventListener('resize', resize);
  };
}
