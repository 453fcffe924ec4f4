import * as THREE from 'three';
import { computeAngleDifference, computeDockTarget, computeFacingYaw, computeGlideFactor, computeShouldFollow, type Box, type DockOptions } from './panel-placement';

/**
 * The group holding the panels, following the viewer lazily (see panel-placement.ts). Per frame it
 * does a few float operations and no allocation; it writes the group's transform only while gliding.
 */
export interface Dock {
  readonly group: THREE.Group;
  /** When false the dock stays where it is ("stay where put"). */
  following: boolean;
  update(dt: number, viewer: THREE.Object3D, network: Box | null, options: DockOptions): void;
  /** Jump straight to the target (first frame, session change). */
  snap(): void;
}

const eye = new THREE.Vector3();
const up = new THREE.Vector3();
const viewQuaternion = new THREE.Quaternion();
const upArray: [number, number, number] = [0, 1, 0];
const forward = new THREE.Vector3();
const eyeArray: [number, number, number] = [0, 0, 0];
const forwardArray: [number, number, number] = [0, 0, 0];
const dockArray: [number, number, number] = [0, 0, 0];

export function createDock(): Dock {
  const group = new THREE.Group();
  group.name = 'ui-dock';
  let moving = false;
  let snapNext = true;
  return {
    group,
    following: true,
    snap() {
      snapNext = true;
    },
    update(dt, viewer, network, options) {
      if (!this.following && !snapNext) return;
      viewer.getWorldPosition(eye);
      viewer.getWorldDirection(forward);
      eyeArray[0] = eye.x;
      eyeArray[1] = eye.y;
      eyeArray[2] = eye.z;
      forwardArray[0] = forward.x;
      forwardArray[1] = forward.y;
      forwardArray[2] = forward.z;
      viewer.getWorldQuaternion(viewQuaternion);
      up.set(0, 1, 0).applyQuaternion(viewQuaternion);
      upArray[0] = up.x;
      upArray[1] = up.y;
      upArray[2] = up.z;
      const target = computeDockTarget(eyeArray, forwardArray, network, options, upArray);
      if (!target) return;
      const p = group.position;
      const distance = Math.hypot(target[0] - p.x, target[1] - p.y, target[2] - p.z);
      // Angle between where the viewer looks and where the dock is, both about +y.
      const heading = Math.atan2(forward.x, forward.z);
      const offset = snapNext ? Infinity : computeAngleDifference(heading, Math.atan2(p.x - eye.x, p.z - eye.z));
      moving = snapNext || computeShouldFollow(distance, offset, moving);
      if (!moving) return;
      const k = snapNext ? 1 : computeGlideFactor(dt);
      snapNext = false;
      p.set(p.x + (target[0] - p.x) * k, p.y + (target[1] - p.y) * k, p.z + (target[2] - p.z) * k);
      dockArray[0] = p.x;
      dockArray[1] = p.y;
      dockArray[2] = p.z;
      if (options.frame === 'view') group.quaternion.slerp(viewQuaternion, k);
      else {
        // Face the eyes: yaw toward the viewer, then tilt the panel's +z normal up toward eye height.
        const pitch = Math.atan2(eye.y - p.y, Math.hypot(eye.x - p.x, eye.z - p.z));
        group.rotation.set(-pitch, computeFacingYaw(dockArray, eyeArray), 0, 'YXZ');
      }
      group.updateMatrixWorld(true);
    },
  };
}
