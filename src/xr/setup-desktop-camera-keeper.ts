import * as THREE from 'three';
import type { AppStore } from '../app/store';
import type { Stage } from './create-stage';

/**
 * While presenting, three writes the headset's pose into the desktop camera; back on the desktop
 * the orbit view would start from wherever the head last was. Keep the desktop camera's pose when a
 * session starts and put it back when it ends, so leaving VR or AR returns to the view the user had.
 */
export function setupDesktopCameraKeeper(stage: Stage, store: AppStore): () => void {
  const position = new THREE.Vector3();
  const quaternion = new THREE.Quaternion();
  let saved = false;
  return store.subscribe((state, previous) => {
    if (state.session === previous.session) return;
    if (previous.session === 'none') {
      position.copy(stage.camera.position);
      quaternion.copy(stage.camera.quaternion);
      saved = true;
    } else if (state.session === 'none' && saved) {
      stage.camera.position.copy(position);
      stage.camera.quaternion.copy(quaternion);
      stage.camera.updateMatrixWorld();
      saved = false;
    }
  });
}
