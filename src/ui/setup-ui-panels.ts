import * as THREE from 'three';
import type { RecordingHolder } from '../app/recording-holder';
import type { AppStore } from '../app/store';
import type { FrameLoop } from '../core/frame-loop';
import type { PointerTarget } from '../core/pointer-target';
import { computeMinFontSize } from './comfort';
import { createUiPanels, type UiPanels } from './create-panels';
import type { MsdfFontJson } from './font-metrics';
import { createHelpOverlay, setupUiKeys, type HelpOverlay } from './help-overlay';
import { XR_DOCK, type Box } from './panel-placement';
import type { TrainingControls } from './training-controls';
import { createUiContext } from './ui-context';

/**
 * Everything main.ts needs for the panels in one call: loads the local MSDF font, builds the panels,
 * registers them as pointer targets, adds the playback updater (state phase) and the panel update
 * (ui phase, with ThreeMeshUI.update()), the help overlay and the 'C' / '?' keys.
 */
export interface SetupUiPanelsOptions {
  readonly scene: THREE.Scene;
  readonly camera: THREE.Camera;
  readonly renderer: THREE.WebGLRenderer;
  readonly store: AppStore;
  readonly recordings: RecordingHolder;
  readonly training: TrainingControls | null;
  readonly loop: FrameLoop;
  readonly addTarget: (target: PointerTarget) => () => void;
  /** DOM overlay for the help. */
  readonly overlay: HTMLElement;
  /** Network space -> world (the placement group). */
  readonly network: THREE.Object3D;
  /** The network's bounding box in network space (layout's min / max), or null before one is laid out. */
  readonly networkBox: () => { readonly min: readonly number[]; readonly max: readonly number[] } | null;
  readonly fontBaseUrl?: string;
}

export interface UiPanelsHandle {
  readonly panels: UiPanels;
  readonly help: HelpOverlay;
  /** A widget's point (see UiPanels.uiPoint) in page CSS pixels, as the desktop camera sees it. */
  screenPoint(name: string): [number, number] | null;
  cleanup(): void;
}

export class UiFontError extends Error {
  override name = 'UiFontError';
}

export async function loadUiFont(baseUrl: string): Promise<{ json: MsdfFontJson & { chars: { char: string; xadvance: number; width: number }[] }; texture: THREE.Texture }> {
  const response = await fetch(`${baseUrl}generated/fonts/Roboto-msdf.json`);
  if (!response.ok) throw new UiFontError(`panel font missing (${response.status}): run npm run prepare-assets`);
  const json = (await response.json()) as MsdfFontJson & { chars: { char: string; xadvance: number; width: number }[] };
  const texture = await new THREE.TextureLoader().loadAsync(`${baseUrl}generated/fonts/Roboto-msdf.png`);
  // As three-mesh-ui configures its own: the distance field is sampled without mipmaps.
  texture.generateMipmaps = false;
  texture.minFilter = THREE.LinearFilter;
  texture.magFilter = THREE.LinearFilter;
  return { json, texture };
}

/**
 * The network's world bounds: layout's box (network space) through the placement transform, the 8
 * corners re-boxed. Recomputed when the box or the transform changed, so not per-frame work.
 */
function createBoundsSampler(space: THREE.Object3D, networkBox: SetupUiPanelsOptions['networkBox']): () => Box | null {
  const corner = new THREE.Vector3();
  const lastMatrix = new THREE.Matrix4();
  const out = { min: [0, 0, 0] as [number, number, number], max: [0, 0, 0] as [number, number, number] };
  let lastBox: ReturnType<SetupUiPanelsOptions['networkBox']> = null;
  return () => {
    const box = networkBox();
    if (!box) return null;
    space.updateWorldMatrix(true, false);
    if (box === lastBox && lastMatrix.equals(space.matrixWorld)) return out;
    lastBox = box;
    lastMatrix.copy(space.matrixWorld);
    out.min.fill(Infinity);
    out.max.fill(-Infinity);
    for (let i = 0; i < 8; i++) {
      corner.set(i & 1 ? box.max[0]! : box.min[0]!, i & 2 ? box.max[1]! : box.min[1]!, i & 4 ? box.max[2]! : box.min[2]!).applyMatrix4(space.matrixWorld);
      for (let k = 0; k < 3; k++) {
        const v = corner.getComponent(k);
        if (v < out.min[k]!) out.min[k] = v;
        if (v > out.max[k]!) out.max[k] = v;
      }
    }
    return out;
  };
}

export async function setupUiPanels(options: SetupUiPanelsOptions): Promise<UiPanelsHandle> {
  const font = await loadUiFont(options.fontBaseUrl ?? import.meta.env.BASE_URL);
  // Em size: at least what 0.3 degrees of arc needs at the dock distance, and comfortable on desktop.
  const fontSize = Math.max(computeMinFontSize(XR_DOCK.distance), 0.0125);
  const context = createUiContext(font.json, font.texture, fontSize);
  // The left controller's grip (the same group src/xr puts in the rig) anchors the wrist menu.
  let leftGrip: THREE.Object3D | null = null;
  const gripListeners: (() => void)[] = [];
  const panelsRef: { current: UiPanels | null } = { current: null };
  for (const index of [0, 1]) {
    const grip = options.renderer.xr.getControllerGrip(index);
    const onConnected = (event: { data?: { handedness?: string } }) => {
      if (event.data?.handedness === 'left') leftGrip = grip;
    };
    const onDisconnected = () => {
      if (leftGrip !== grip) return;
      leftGrip = null;
      // The wrist menu goes back to the dock rather than vanishing with the controller.
      panelsRef.current?.pinToController(null);
    };
    grip.addEventListener('connected', onConnected);
    grip.addEventListener('disconnected', onDisconnected);
    gripListeners.push(() => {
      grip.removeEventListener('connected', onConnected);
      grip.removeEventListener('disconnected', onDisconnected);
    });
  }
  const panels = createUiPanels({
    context,
    store: options.store,
    recordings: options.recordings,
    training: options.training,
    networkBounds: createBoundsSampler(options.network, options.networkBox),
    leftController: () => leftGrip,
  });
  panelsRef.current = panels;
  options.scene.add(panels.root);
  const removals = panels.targets.map((t) => options.addTarget(t));
  removals.push(options.loop.add('state', (frame) => panels.updateState(frame.dt)));
  removals.push(options.loop.add('ui', (frame) => panels.update(frame.dt, options.camera, options.renderer.xr.isPresenting)));
  const help = createHelpOverlay(options.overlay);
  removals.push(setupUiKeys(options.store, help, () => panels.shownLayer()));
  const projected = new THREE.Vector3();
  return {
    panels,
    help,
    screenPoint(name) {
      const point = panels.uiPoint(name);
      if (!point) return null;
      projected.set(...point).project(options.camera);
      if (Math.abs(projected.x) > 1 || Math.abs(projected.y) > 1 || projected.z > 1) return null;
      const rect = options.renderer.domElement.getBoundingClientRect();
      return [rect.left + ((projected.x + 1) / 2) * rect.width, rect.top + ((1 - projected.y) / 2) * rect.height];
    },
    cleanup() {
      for (const remove of [...removals, ...gripListeners]) remove();
      help.element.remove();
      panels.dispose();
      font.texture.dispose();
    },
  };
}
