import * as THREE from 'three';
import type { AppStore } from '../app/store';
import type { FrameLoop } from '../core/frame-loop';
import type { NetworkPicker } from './network-picker';
import type { PointerTargets } from './input/pointer-targets';
import { computeAimLayer, computePointerAim, createPointerAim } from './input/pointer-aim';
import type { PointerAim } from './input/pointer-aim';
import { computeTriggerIntent } from './input/trigger-rules';
import { computeIsClick } from './gestures/press-gestures';
import { createCellOutline } from './cell-outline';

/**
 * The mouse as a pointer: a ray from the camera through the cursor, through the same panels and
 * picker as the controllers. Hover highlights a layer (and outlines the cell under the cursor);
 * a click (less than 4 px of movement between press and release, so orbit drags never count)
 * collapses / expands the layer, a shift-click selects the cell, a click on nothing clears the
 * selection. A press on a panel goes to the panel, which then gets the moves until release.
 * OrbitControls keeps its own listeners; we only listen.
 */

export interface DesktopPointerOptions {
  readonly camera: THREE.PerspectiveCamera;
  readonly element: HTMLElement;
  readonly scene: THREE.Scene;
  readonly store: AppStore;
  readonly targets: PointerTargets;
  readonly picker: () => NetworkPicker;
  readonly isPresenting: () => boolean;
  /** OrbitControls, disabled while a panel holds the mouse so a slider drag does not orbit. */
  readonly controls?: { enabled: boolean };
}

export function setupDesktopPointer(options: DesktopPointerOptions, loop: FrameLoop): { aim: PointerAim; dispose: () => void } {
  const { camera, element, store, targets } = options;
  const aim = createPointerAim();
  const raycaster = new THREE.Raycaster();
  const ndc = new THREE.Vector2();
  const outline = createCellOutline();
  options.scene.add(outline.object);
  let inside = false;
  let moved = true;
  let down: { x: number; y: number; onPanel: boolean } | null = null;
  let lastHover: number | null = null;

  const updateAim = () => {
    aim.active = inside && !options.isPresenting();
    if (aim.active) {
      raycaster.setFromCamera(ndc, camera);
      aim.origin.copy(raycaster.ray.origin);
      aim.direction.copy(raycaster.ray.direction);
    }
    return computePointerAim(aim, targets, options.picker());
  };

  const setCursor = (event: PointerEvent) => {
    const rect = element.getBoundingClientRect();
    ndc.set(((event.clientX - rect.left) / rect.width) * 2 - 1, -((event.clientY - rect.top) / rect.height) * 2 + 1);
    inside = true;
    moved = true;
  };

  const onMove = (event: PointerEvent) => setCursor(event);
  const onLeave = () => {
    inside = false;
    moved = true;
  };
  const onDown = (event: PointerEvent) => {
    if (event.button !== 0 || options.isPresenting()) return;
    setCursor(event);
    updateAim();
    const onPanel = aim.kind === 'panel';
    down = { x: event.clientX, y: event.clientY, onPanel };
    if (onPanel) {
      targets.send('mouse', 'down', aim, aim.panel, aim.distance);
      if (options.controls) options.controls.enabled = false;
    }
  };
  const onUp = (event: PointerEvent) => {
    if (event.button !== 0 || !down) return;
    setCursor(event);
    updateAim();
    const start = down;
    down = null;
    if (start.onPanel) {
      targets.send('mouse', 'up', aim, aim.kind === 'panel' ? aim.panel : null, aim.distance);
      if (options.controls) options.controls.enabled = true;
      return;
    }
    if (!computeIsClick(start.x, start.y, event.clientX, event.clientY)) return;
    const intent = computeTriggerIntent(aim, event.shiftKey ? 'shift-click' : 'click');
    if (intent) store.dispatch(intent);
  };

  element.addEventListener('pointermove', onMove);
  element.addEventListener('pointerleave', onLeave);
  element.addEventListener('pointerdown', onDown);
  window.addEventListener('pointerup', onUp);

  // Every frame the camera may have orbited under a still cursor: re-aim then, hover from it.
  const remove = loop.add('input', () => {
    if (options.isPresenting()) {
      if (aim.active) {
        aim.active = false;
        targets.release('mouse', aim);
        outline.update(options.picker(), null);
      }
      // The headset's rays own the hover now.
      if (lastHover !== null) {
        lastHover = null;
        if (store.getState().hoveredLayer !== null) store.dispatch({ type: 'hover-layer', layerId: null });
      }
      return;
    }
    if (!inside && !moved) return;
    moved = false;
    updateAim();
    targets.send('mouse', 'move', aim, aim.kind === 'panel' ? aim.panel : null, aim.distance);
    const hover = computeAimLayer(aim);
    if (hover !== lastHover) {
      lastHover = hover;
      store.dispatch({ type: 'hover-layer', layerId: hover });
    }
    outline.update(options.picker(), aim.kind === 'network' ? aim.hit : null);
  });

  const dispose = () => {
    remove();
    element.removeEventListener('pointermove', onMove);
    element.removeEventListener('pointerleave', onLeave);
    element.removeEventListener('pointerdown', onDown);
    window.removeEventListener('pointerup', onUp);
    options.scene.remove(outline.object);
    outline.dispose();
  };
  return { aim, dispose };
}
