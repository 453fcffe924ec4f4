import * as THREE from 'three';
import type { FrameLoop } from '../core/frame-loop';
import type { XrContext } from './input/xr-context';
import { readStick } from './input/xr-context';
import { computeLocomotionStep, createLocomotionState } from './gestures/stick-gestures';
import { computeTeleportArc, DEFAULT_TELEPORT_ARC } from './gestures/teleport-arc';
import type { TeleportArc } from './gestures/teleport-arc';
import { computeRigTeleport, computeRigTurn } from './gestures/rig-motion';

/**
 * Left thumbstick: push forward to aim a teleport arc, let go to jump there; flick left/right to
 * snap-turn 30 degrees. Only the rig moves (camera + controllers); the network stays placed.
 * Leaving the session puts the rig back, so the desktop camera orbits as before.
 */

export const SNAP_TURN_RADIANS = Math.PI / 6;
const ARC_POINTS = 64;

export function setupLocomotion(ctx: XrContext, loop: FrameLoop, camera: THREE.Camera): () => void {
  const state = createLocomotionState();
  const stick = { x: 0, y: 0 };
  const arcPositions = new Float32Array(ARC_POINTS * 3);
  const arc: TeleportArc = { count: 0, valid: false, landing: new THREE.Vector3() };
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.BufferAttribute(arcPositions, 3).setUsage(THREE.DynamicDrawUsage));
  const material = new THREE.LineBasicMaterial({ color: 0x5fd3ff, transparent: true, opacity: 0.9, depthTest: false });
  const line = new THREE.Line(geometry, material);
  line.name = 'teleport-arc';
  line.frustumCulled = false;
  line.visible = false;
  line.renderOrder = 10;
  const markerGeometry = new THREE.RingGeometry(0.18, 0.24, 40).rotateX(-Math.PI / 2);
  const markerMaterial = new THREE.MeshBasicMaterial({ color: 0x5fd3ff, transparent: true, opacity: 0.8, depthTest: false });
  const marker = new THREE.Mesh(markerGeometry, markerMaterial);
  marker.name = 'teleport-marker';
  marker.visible = false;
  marker.renderOrder = 10;
  ctx.scene.add(line, marker);

  const head = new THREE.Vector3();
  const nextPosition = new THREE.Vector3();
  const nextQuaternion = new THREE.Quaternion();

  const hide = () => {
    line.visible = marker.visible = false;
    if (ctx.tasks.left === 'teleport') ctx.tasks.left = 'none';
  };

  const remove = loop.add('input', (frame) => {
    if (!frame.xrFrame) return;
    const handle = ctx.hands.get('left');
    const busy = ctx.tasks.left !== 'none' && ctx.tasks.left !== 'teleport';
    if (!handle || handle.isHand || busy) {
      state.mode = 'idle';
      hide();
      return;
    }
    readStick(handle.source, stick);
    const action = computeLocomotionStep(state, stick.x, stick.y);
    head.setFromMatrixPosition(camera.matrixWorld);
    switch (action) {
      case 'aim-start':
      case 'aiming': {
        ctx.tasks.left = 'teleport';
        const aim = ctx.aims.left;
        computeTeleportArc(aim.origin, aim.direction, ctx.rig.position.y, DEFAULT_TELEPORT_ARC, arcPositions, arc);
        geometry.setDrawRange(0, arc.count);
        geometry.attributes.position!.needsUpdate = true;
        material.color.set(arc.valid ? 0x5fd3ff : 0xff5f5f);
        line.visible = true;
        marker.visible = arc.valid;
        marker.position.copy(arc.landing);
        break;
      }
      case 'teleport':
        if (arc.valid && line.visible) {
          computeRigTeleport(ctx.rig.position, head, arc.landing, nextPosition);
          ctx.rig.position.copy(nextPosition);
        }
        hide();
        break;
      case 'cancel':
        hide();
        break;
      case 'turn-left':
      case 'turn-right':
        computeRigTurn(ctx.rig.position, ctx.rig.quaternion, head, action === 'turn-left' ? SNAP_TURN_RADIANS : -SNAP_TURN_RADIANS, nextPosition, nextQuaternion);
        ctx.rig.position.copy(nextPosition);
        ctx.rig.quaternion.copy(nextQuaternion);
        break;
      case 'none':
        break;
    }
  });

  const unsubscribe = ctx.store.subscribe((s, previous) => {
    if (s.session === 'none' && previous.session !== 'none') {
      ctx.rig.position.set(0, 0, 0);
      ctx.rig.quaternion.identity();
      state.mode = 'idle';
      hide();
    }
  });

  return () => {
    remove();
    unsubscribe();
    ctx.scene.remove(line, marker);
    geometry.dispose();
    material.dispose();
    markerGeometry.dispose();
    markerMaterial.dispose();
  };
}
