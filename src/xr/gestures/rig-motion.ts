import { Quaternion, Vector3 } from 'three';

/**
 * Moving the user: the XR rig (the group holding the camera and controllers) is moved, never the
 * world, so the network's placement (app state) stays what the user made it.
 * Teleport: shift the rig horizontally so the head ends above the target.
 * Snap turn: rotate the rig about the vertical line through the head, so the user turns in place.
 */

export function computeRigTeleport(rigPosition: Vector3, head: Vector3, target: Vector3, out: Vector3): Vector3 {
  return out.set(rigPosition.x + target.x - head.x, rigPosition.y, rigPosition.z + target.z - head.z);
}

const up = new Vector3(0, 1, 0);
const turn = new Quaternion();
const relative = new Vector3();

export function computeRigTurn(
  rigPosition: Vector3,
  rigQuaternion: Quaternion,
  head: Vector3,
  angle: number,
  outPosition: Vector3,
  outQuaternion: Quaternion,
): void {
  turn.setFromAxisAngle(up, angle);
  // p' = h + R (p - h), horizontally: the head's vertical line is the pivot.
  relative.set(rigPosition.x - head.x, 0, rigPosition.z - head.z).applyQuaternion(turn);
  outPosition.set(head.x + relative.x, rigPosition.y, head.z + relative.z);
  outQuaternion.multiplyQuaternions(turn, rigQuaternion);
}
